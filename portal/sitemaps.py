"""Sitemaps of the public pages, listed in one sitemap index."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from documents.sitemaps import DocumentSitemap
from news.archive.selectors import count_by_period
from news.models import Album, Article, Category

# The protocol allows 50,000 URLs per sitemap; smaller pages stay quick to build.
SECTION_SIZE = 5000


def latest_public_change(site_id: int):
    """Return when a portal's public articles last changed: an edit, or one appearing on time."""
    latest = (
        Article.objects.published()
        .of_portal(site_id)
        .aggregate(updated=Max("updated_at"), published=Max("published_at"))
    )
    return max(filter(None, latest.values()), default=None)


class PortalSitemap(Sitemap):
    """A section of one portal's sitemap."""

    def __init__(self, site_id: int):
        self.site_id = site_id


class PageSitemap(PortalSitemap):
    """The pages that are no object's own: the home page and the albums' list."""

    def items(self):
        return ["news:home", "news:gallery"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        # The home page lists the newest articles; albums carry no time of change.
        return latest_public_change(self.site_id) if item == "news:home" else None

    def get_latest_lastmod(self):
        return None


class ArticleSitemap(PortalSitemap):
    limit = SECTION_SIZE

    def items(self):
        return (
            Article.objects.published()
            .of_portal(self.site_id)
            # A re-published article's canonical address is its original's.
            .filter(original__isnull=True)
            .newest_first()
            .only("slug", "updated_at", "published_at")
        )

    def lastmod(self, item):
        # A scheduled article, edited before its time, changed for readers when it appeared.
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        """Return the newest change of a public article, counted by the database."""
        return latest_public_change(self.site_id)


class CategorySitemap(PortalSitemap):
    def items(self):
        newest = (
            Article.objects.published()
            .filter(category=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return Category.objects.filter(site_id=self.site_id).annotate(latest=Subquery(newest))

    def lastmod(self, item):
        return item.latest

    def get_latest_lastmod(self):
        return None


class ArchiveMonthSitemap(PortalSitemap):
    def items(self):
        # Local months, counted without the database's time-zone tables.
        public = Article.objects.published().of_portal(self.site_id)
        return list(reversed(count_by_period(public, kind="month")))

    def location(self, item):
        return reverse(
            "news:archive_month", kwargs={"year": item.date.year, "month": item.date.month}
        )


class AlbumSitemap(PortalSitemap):
    """The public photo albums; they carry no time of change, so no lastmod."""

    limit = SECTION_SIZE

    def items(self):
        return Album.objects.published(site_id=self.site_id).only("slug")

    def get_latest_lastmod(self):
        return None


def sitemaps(site_id: int) -> dict[str, Sitemap]:
    """Return the sections of a portal's sitemap index."""
    return {
        "pages": PageSitemap(site_id),
        "articles": ArticleSitemap(site_id),
        "categories": CategorySitemap(site_id),
        "archive": ArchiveMonthSitemap(site_id),
        "albums": AlbumSitemap(site_id),
        "documents": DocumentSitemap(site_id),
    }
