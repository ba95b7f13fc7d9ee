"""The documents' section of the sitemap index (portal.sitemaps lists it)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from documents.selectors import public_documents

SECTION_SIZE = 5000


class DocumentSitemap(Sitemap):
    """A portal's public documents."""

    limit = SECTION_SIZE

    def __init__(self, site_id: int):
        self.site_id = site_id

    def items(self):
        documents = public_documents(site_id=self.site_id)
        return documents.order_by("-published_at", "-id").only("updated_at", "published_at")

    def lastmod(self, item):
        # A scheduled document, edited before its time, changed for readers when it appeared.
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        latest = public_documents(site_id=self.site_id).aggregate(
            updated=Max("updated_at"), published=Max("published_at")
        )
        return max(filter(None, latest.values()), default=None)
