"""RSS of new documents, dated in Vietnam time like the articles' feeds."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from documents.selectors import latest_documents
from news.feeds import VietnamTimeRssFeed

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    """The portal's newest documents; the feed's object is the portal (request.portal)."""

    feed_type = VietnamTimeRssFeed
    language = "vi"

    def get_object(self, request, *args, **kwargs):
        return request.portal

    def title(self, obj):
        return f"{obj.name} – Văn bản mới"

    def description(self, obj):
        return f"Các văn bản mới đăng trên {obj.name}."

    def link(self, obj):
        return reverse("documents:list")

    def feed_url(self, obj):
        return reverse("documents:feed")

    def items(self, obj):
        # The portal served is obj: public_documents() keeps to it.
        return latest_documents(limit=FEED_SIZE)

    def item_title(self, item):
        return f"{item.kind.name} số {item.number} – {item.issuer}"

    def item_description(self, item):
        return escape(item.summary)

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_categories(self, item):
        return [item.kind.name, *([item.field] if item.field else [])]
