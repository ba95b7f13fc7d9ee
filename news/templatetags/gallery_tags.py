"""Sidebar blocks of links to other agencies and of the latest photos."""

from django import template

from core.sites import current_site_id
from news.cache_policy import AGENCY_LINKS, LATEST_PHOTOS
from news.gallery import selectors
from news.models import Link

register = template.Library()

# Photos the block shows. Links and photos bump the content version when they
# change, so every page reads them from the cache until then.
PHOTOS_SHOWN = 6


@register.inclusion_tag("includes/links_block.html")
def agency_links():
    """Render "Liên kết": a select opening the chosen site, and the same links as a list."""
    site_id = current_site_id()
    links = AGENCY_LINKS.get(lambda: list(Link.objects.active(site_id=site_id)))
    return {"links": links}


@register.inclusion_tag("includes/photos_block.html")
def latest_photos():
    """Render "Hình ảnh": the newest photos, linking to their albums."""
    site_id = current_site_id()
    photos = LATEST_PHOTOS.get(lambda: selectors.latest_photos(site_id=site_id, limit=PHOTOS_SHOWN))
    return {"photos": photos}


@register.filter
def rendition(photo, width) -> str:
    """Return the URL of the photo's copy at least width pixels wide."""
    return photo.rendition_url(int(width))
