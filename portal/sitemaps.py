"""Sitemaps of the public pages, listed in one sitemap index."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from documents.sitemaps import DocumentSitemap
from news.archive.selectors import count_by_period
from news.models import Album, Article, Category

# The protocol allows 50,000 URLs per sitemap; smaller pages stay quick to build.
SECTION_SIZE = 5000


def latest_public_change():
    """Return when the public articles last changed: an edit, or one appearing at its time."""
    latest = Article.objects.published().aggregate(
        updated=Max("updated_at"), published=Max("published_at")
    )
    return max(filter(None, latest.values()), default=None)


class PageSitemap(Sitemap):
    """The pages that are no object's own: the home page and the albums' list."""

    def items(self):
        return ["news:home", "news:gallery"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        # The home page lists the newest articles; albums carry no time of change.
        return latest_public_change() if item == "news:home" else None

    def get_latest_lastmod(self):
        return None


class ArticleSitemap(Sitemap):
    limit = SECTION_SIZE

    def items(self):
        return Article.objects.published().newest_first().only("slug", "updated_at", "published_at")

    def lastmod(self, item):
        # A scheduled article, edited before its time, changed for readers when it appeared.
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        """Return the newest change of a public article, counted by the database."""
        return latest_public_change()


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


class AlbumSitemap(Sitemap):
    """The public photo albums; they carry no time of change, so no lastmod."""

    limit = SECTION_SIZE

    def items(self):
        return Album.objects.published().only("slug")

    def get_latest_lastmod(self):
        return None


def sitemaps() -> dict[str, Sitemap]:
    """Return the sections of the sitemap index."""
    return {
        "pages": PageSitemap(),
        "articles": ArticleSitemap(),
        "categories": CategorySitemap(),
        "archive": ArchiveMonthSitemap(),
        "albums": AlbumSitemap(),
        "documents": DocumentSitemap(),
    }
