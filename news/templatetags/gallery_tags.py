"""Sidebar blocks of links to other agencies and of the latest photos."""

from django import template

from core.caching import cached_for_content
from news.gallery import selectors
from news.models import Link

register = template.Library()

LATEST_PHOTOS = 6
# Links and photos bump the content version when they change, so every page
# reads them from the cache until then.
CACHE_SECONDS = 3600


@register.inclusion_tag("includes/links_block.html")
def agency_links():
    """Render "Liên kết": a select opening the chosen site, and the same links as a list."""
    links = cached_for_content(
        "agency-links", lambda: list(Link.objects.active()), timeout=CACHE_SECONDS
    )
    return {"links": links}


@register.inclusion_tag("includes/photos_block.html")
def latest_photos():
    """Render "Hình ảnh": the newest photos, linking to their albums."""
    photos = cached_for_content(
        "latest-photos", lambda: selectors.latest_photos(limit=LATEST_PHOTOS), timeout=CACHE_SECONDS
    )
    return {"photos": photos}


@register.filter
def rendition(photo, width) -> str:
    """Return the URL of the photo's copy at least width pixels wide."""
    return photo.rendition_url(int(width))
