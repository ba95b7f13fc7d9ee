"""python manage.py import_documents FILE.csv: published documents from a CSV file."""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from documents.imports import COLUMNS, DocumentImportError, import_documents


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
        if site and not apps.is_installed("django.contrib.sites"):
            raise CommandError(
                f"--site {site}: cài đặt này chỉ có một cổng; bỏ --site để nhập vào cổng chính."
            )
        try:
            result = import_documents(csv_file)
        except DocumentImportError as error:
            raise CommandError(f"{error} Không có văn bản nào được nhập.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result.created} văn bản; {result.unchanged} văn bản đã có, giữ nguyên."
            )
        )
