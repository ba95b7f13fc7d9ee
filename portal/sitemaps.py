"""Sitemaps of the public pages, listed in one sitemap index."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from news.models import Article, Category
from news.selectors import count_by_period

# The protocol allows 50,000 URLs per sitemap; smaller pages stay quick to build.
SECTION_SIZE = 5000


class ArticleSitemap(Sitemap):
    limit = SECTION_SIZE

    def items(self):
        return Article.objects.published().newest_first().only("slug", "updated_at", "published_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """Return the newest change of a public article, counted by the database."""
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(Sitemap):
    def items(self):
        newest = (
            Article.objects.published()
            .filter(category=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return Category.objects.annotate(latest=Subquery(newest))

    def lastmod(self, item):
        return item.latest

    def get_latest_lastmod(self):
        return None


class ArchiveMonthSitemap(Sitemap):
    def items(self):
        # Local months, counted without the database's time-zone tables.
        return list(reversed(count_by_period(Article.objects.published(), kind="month")))

    def location(self, item):
        return reverse(
            "news:archive_month", kwargs={"year": item.date.year, "month": item.date.month}
        )


def sitemaps() -> dict[str, Sitemap]:
    """Return the sections of the sitemap index."""
    return {
        "articles": ArticleSitemap(),
        "categories": CategorySitemap(),
        "archive": ArchiveMonthSitemap(),
    }
