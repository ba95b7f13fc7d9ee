"""Sidebar blocks of links to other agencies and of the latest photos."""

from django import template

from news import selectors
from news.models import Link

register = template.Library()

LATEST_PHOTOS = 6


@register.inclusion_tag("includes/links_block.html")
def agency_links():
    """Render "Liên kết": a select opening the chosen site, and the same links as a list."""
    return {"links": list(Link.objects.active())}


@register.inclusion_tag("includes/photos_block.html")
def latest_photos():
    """Render "Hình ảnh": the newest photos, linking to their albums."""
    return {"photos": selectors.latest_photos(limit=LATEST_PHOTOS)}


@register.filter
def rendition(photo, width) -> str:
    """Return the URL of the photo's copy at least width pixels wide."""
    return photo.rendition_url(int(width))
