"""Sitemaps of the public pages, listed in one sitemap index."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from news.models import Article, Category

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
        return list(
            Article.objects.published()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(latest=Max("updated_at"))
            .order_by("-month")
        )

    def location(self, item):
        month = (
            timezone.localtime(item["month"]) if timezone.is_aware(item["month"]) else item["month"]
        )
        return reverse("news:archive_month", kwargs={"year": month.year, "month": month.month})

    def lastmod(self, item):
        return item["latest"]

    def get_latest_lastmod(self):
        return None


def archive_is_routed() -> bool:
    """Return True if the month archive pages exist in this deployment."""
    try:
        reverse("news:archive_month", kwargs={"year": 2000, "month": 1})
    except NoReverseMatch:
        return False
    return True


def sitemaps() -> dict[str, Sitemap]:
    """Return the sections of the sitemap index."""
    sections = {"articles": ArticleSitemap(), "categories": CategorySitemap()}
    if archive_is_routed():
        sections["archive"] = ArchiveMonthSitemap()
    return sections
