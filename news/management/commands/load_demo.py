from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from news.bulk import analyze
from news.demo import LOADERS
from news.demo.articles import generate_articles


class Command(BaseCommand):
    help = (
        "Nạp nội dung mẫu (chuyên mục, bài viết, ảnh minh họa); chạy lại không tạo bản trùng. "
        "Khi DJANGO_DEBUG bật, tạo thêm tài khoản biên tập."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Thêm N bài viết sinh tự động (chèn hàng loạt), rải trên 10 năm qua.",
        )

    def handle(self, *args, articles: int, **options):
        if articles < 0:
            raise CommandError("--articles phải là số không âm.")
        for load in LOADERS:
            load(stdout=self.stdout)
        if articles:
            generate_articles(articles, stdout=self.stdout)
        # The demo fills only tables of the news app; the few it leaves empty cost nothing.
        analyze(*apps.get_app_config("news").get_models())
