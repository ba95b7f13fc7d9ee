"""What search engines and social sites read about an article: links, cards, JSON-LD."""

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone

# Google shows at most 110 characters of a NewsArticle headline.
HEADLINE_LENGTH = 110


def local_iso(moment) -> str:
    """Return a datetime in Vietnam time as ISO 8601 to the second: 2018-04-18T09:30:00+07:00."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def article_structured_data(article, *, request) -> dict:
    """Return the schema.org NewsArticle of an article, with absolute URLs and +07:00 dates."""
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
            else {"@type": "Organization", "name": settings.PORTAL_AGENCY}
        ),
        "publisher": {
            "@type": "Organization",
            "name": settings.PORTAL_NAME,
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.png")),
            },
        },
    }
    if article.image:
        data["image"] = [request.build_absolute_uri(article.image.url)]
    return data
