"""RSS 2.0 feeds: the latest articles and one per category, dated in Vietnam time."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from news.selectors import category_by_slug, public_articles

FEED_SIZE = 30


class VietnamTimeRssFeed(Rss201rev2Feed):
    def latest_post_date(self):
        """Return the feed's build date in local time (+0700), even for an empty feed."""
        return timezone.localtime(super().latest_post_date())


class LatestArticlesFeed(Feed):
    """The portal's newest articles; the feed's object is the portal (request.portal)."""

    feed_type = VietnamTimeRssFeed
    language = "vi"

    def get_object(self, request, *args, **kwargs):
        return request.portal

    def title(self, obj):
        return f"{obj.name} – Tin mới nhất"

    def description(self, obj):
        return f"Các bài viết mới nhất của {obj.name}."

    def link(self, obj):
        return reverse("news:home")

    def feed_url(self, obj):
        return reverse("news:feed")

    def items(self, obj):
        return public_articles(site_id=obj.site_id)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS readers take a description for HTML: the plain-text lead is escaped
        # into HTML here, and the feed's XML escapes that once more.
        return escape(item.lead)

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    """A category's newest articles; the feed's object is the category, the portal beside it."""

    def get_object(self, request, slug):
        category = category_by_slug(slug, site_id=request.site.id)
        category.portal = request.portal
        return category

    def title(self, obj):
        return f"{obj.portal.name} – {obj.name}"

    def description(self, obj):
        return obj.description or f"Các bài viết mới nhất của chuyên mục {obj.name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("news:category_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return public_articles(site_id=obj.site_id).filter(category=obj)[:FEED_SIZE]
