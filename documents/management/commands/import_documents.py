"""python manage.py import_documents FILE.csv: published documents from a CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.sites import FIRST_SITE_ID
from documents.imports import COLUMNS, DocumentImportError, import_documents
from portals.models import HostName, normalise_host


class Command(BaseCommand):
    help = (
        "Nhập văn bản đã xuất bản từ tệp CSV UTF-8 có tiêu đề "
        f"{','.join(COLUMNS)} (ngày dd/mm/yyyy; file là đường dẫn tương đối với tệp CSV). "
        "Kiểm tra cả tệp trước; gặp dòng sai thì dừng, không ghi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)
        parser.add_argument(
            "--site",
            metavar="DOMAIN",
            help="Cổng nhận văn bản (mặc định: cổng chính), khi cài đặt có nhiều cổng.",
        )

    def handle(self, *args, csv_file: Path, site=None, **options):
        site_id = FIRST_SITE_ID
        if site:
            found = HostName.objects.filter(name=normalise_host(site)).first()
            if found is None:
                raise CommandError(f"--site {site}: không có cổng nào ở tên miền này.")
            site_id = found.portal_id
        try:
            result = import_documents(csv_file, site_id=site_id)
        except DocumentImportError as error:
            raise CommandError(f"{error} Không có văn bản nào được nhập.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result.created} văn bản; {result.unchanged} văn bản đã có, giữ nguyên."
            )
        )
