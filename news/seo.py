"""What search engines and social sites read about an article: links, cards, JSON-LD."""

from django.templatetags.static import static
from django.utils import timezone

from core.sites import current_site_id
from portals.selectors import profile

# Google shows at most 110 characters of a NewsArticle headline.
HEADLINE_LENGTH = 110


def local_iso(moment) -> str:
    """Return a datetime in Vietnam time as ISO 8601 to the second: 2018-04-18T09:30:00+07:00."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _portal(request):
    """Return the identity of the portal the request is for (its own, not the settings')."""
    return getattr(request, "portal", None) or profile(current_site_id())


def article_structured_data(article, *, request) -> dict:
    """Return the schema.org NewsArticle of an article, with absolute URLs and +07:00 dates."""
    portal = _portal(request)
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:HEADLINE_LENGTH],
        "description": article.lead,
        "inLanguage": "vi",
        "articleSection": article.category.name,
        "datePublished": local_iso(article.published_at),
        "dateModified": local_iso(article.updated_at),
        "author": (
            {"@type": "Person", "name": article.byline}
            if article.byline
            else {"@type": "Organization", "name": portal.agency}
        ),
        "publisher": {
            "@type": "Organization",
            "name": portal.name,
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.png")),
            },
        },
    }
    data["image"] = [share_image(article, request=request)["url"]]
    return data


# Shared for an article without a picture when the logo is not a raster picture:
# the default mark on a 1200 x 630 card, which Facebook and Zalo show in full.
SHARE_IMAGE = "img/portal-share.png"
SHARE_IMAGE_SIZE = (1200, 630)
# What Open Graph readers take; an SVG logo is not shown by any of them.
RASTER_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def share_image(article, *, request) -> dict:
    """Return the picture shared for an article: its own, else the portal's logo as a raster.

    {"url", "alt", "width", "height", "own"}; width and height are None when unknown.
    """
    if article.image:
        made = article.image_renditions
        known = made.get("name") == article.image.name
        return {
            "url": request.build_absolute_uri(article.image.url),
            "alt": article.image_alt,
            "width": made.get("width") if known else None,
            "height": made.get("height") if known else None,
            "own": True,
        }
    portal = _portal(request)
    logo = portal.logo
    if logo.lower().endswith(RASTER_EXTENSIONS):
        # The operator's emblem: a static path, or a path on this site (see Portal.logo).
        url = portal.logo_url
        width = height = None
    else:
        url, (width, height) = static(SHARE_IMAGE), SHARE_IMAGE_SIZE
    return {
        "url": request.build_absolute_uri(url),
        "alt": portal.name,
        "width": width,
        "height": height,
        "own": False,
    }
