"""Rewrite Article.search_text for every article."""

from django.core.management.base import BaseCommand

from news.models import Article
from news.search.document import refill_search_text


class Command(BaseCommand):
    help = (
        "Rewrite the search text of every article, after rows were written without "
        "news.search.search_document() (raw SQL, QuerySet.update) or after it changed."
    )

    def handle(self, *args, **options):
        count = refill_search_text(Article)
        self.stdout.write(f"Search text rewritten for {count} articles.")
