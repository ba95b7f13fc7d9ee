from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from demo import accounts
from demo.articles import generate_articles
from demo.documents_library import generate_documents
from demo.loaders import LOADERS
from news.bulk import analyze


class Command(BaseCommand):
    help = (
        "Nạp nội dung mẫu (chuyên mục, bài viết, ảnh minh họa); chạy lại không tạo bản trùng. "
        "Với --with-accounts, tạo thêm tài khoản biên tập và duyệt bài để thử trang quản trị."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Thêm N bài viết sinh tự động (chèn hàng loạt), rải trên 10 năm qua.",
        )
        parser.add_argument(
            "--documents",
            type=int,
            default=0,
            metavar="N",
            help="Thêm N văn bản sinh tự động (chèn hàng loạt), rải trên 10 năm qua.",
        )
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help=(
                "Tạo một tài khoản biên tập viên và một tài khoản người duyệt (mật khẩu "
                "ngẫu nhiên, in ra một lần). Chỉ dùng trên máy chạy thử."
            ),
        )
        parser.add_argument(
            "--base-url",
            default="",
            metavar="URL",
            help="Địa chỉ trang web, để in đầy đủ địa chỉ trang quản trị (vd. http://127.0.0.1:8000).",
        )

    def handle(
        self, *args, articles: int, documents: int, with_accounts: bool, base_url: str, **options
    ):
        if articles < 0 or documents < 0:
            raise CommandError("--articles và --documents phải là số không âm.")
        for load in LOADERS:
            load(stdout=self.stdout)
        if articles:
            generate_articles(articles, stdout=self.stdout)
        if documents:
            generate_documents(documents, stdout=self.stdout)
        if with_accounts:
            accounts.load(stdout=self.stdout, base_url=base_url)
        # The demo fills tables of news and documents; the few it leaves empty cost nothing.
        analyze(
            *apps.get_app_config("news").get_models(),
            *apps.get_app_config("documents").get_models(),
        )
