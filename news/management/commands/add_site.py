from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from news.portals import add_portal


class Command(BaseCommand):
    help = (
        "Thêm một cổng thông tin trả lời tại DOMAIN, với các chuyên mục mặc định. "
        'Ví dụ: manage.py add_site phuong-1.baclieu.gov.vn "Cổng thông tin điện tử Phường 1"'
    )

    def add_arguments(self, parser):
        parser.add_argument("domain", help="Tên miền chính của cổng (không có http://).")
        parser.add_argument("name", help="Tên cổng thông tin, như đầu trang hiển thị.")
        parser.add_argument("--agency", default="", help="Cơ quan chủ quản (mặc định: tên cổng).")
        parser.add_argument(
            "--alias",
            action="append",
            default=[],
            help="Một tên miền khác của cổng; lặp lại để thêm nhiều tên.",
        )

    def handle(self, *args, domain, name, agency, alias, **options):
        try:
            portal = add_portal(domain=domain, name=name, agency=agency, aliases=alias)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        hosts = ", ".join(portal.host_names.values_list("name", flat=True))
        self.stdout.write(f"Đã tạo cổng “{portal.name}” (số {portal.pk}) tại {hosts}.")
