"""Template tags that show the counters on public pages."""

from django import template
from django.urls import reverse

from counters import selectors
from news.models import Article

register = template.Library()


@register.inclusion_tag("counters/visit_block.html", takes_context=True)
def visit_counter(context):
    """Render the site's visit block: total visits as one box per digit, today, online.

    On an article page the article's view count names the counting URL (it
    records the visit too); elsewhere this block does.
    """
    numbers = selectors.live_numbers()
    counts_here = not isinstance(context.get("article"), Article)
    return {
        **numbers,
        "digits": str(numbers["visits"]),
        "hit_url": reverse("counters:hit") if counts_here else None,
        "pixel_url": reverse("counters:pixel") if counts_here else None,
    }


@register.inclusion_tag("counters/most_read_block.html")
def most_read(limit: int = 5):
    """Render the "Tin đọc nhiều" block: the most read public articles of the last days."""
    return {"articles": selectors.most_read(limit=limit)}


@register.inclusion_tag("counters/view_count.html")
def view_count(article):
    """Render an article's view count with the counting hook the article and print pages share."""
    return {"article": article, "views": selectors.article_views(article.pk)}
