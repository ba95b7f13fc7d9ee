"""Template tags that show the counters on public pages."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from core.sites import current_site_id
from counters import selectors
from counters.cache_policy import MOST_READ, VISIT_BLOCK
from news.models import Article

register = template.Library()


@register.simple_tag(takes_context=True)
def visit_counter(context):
    """Render the portal's visit block: total visits as one box per digit, today, online.

    On an article page the article's view count names the counting URL (it
    records the visit too); elsewhere this block does. Rendered blocks are
    shared by every page for a few seconds (see conf.page_numbers_seconds).
    """
    counts_here = not isinstance(context.get("article"), Article)

    def render() -> str:
        numbers = selectors.live_numbers(site_id=current_site_id())
        return render_to_string(
            "counters/visit_block.html",
            {
                **numbers,
                "digits": str(numbers["visits"]),
                "hit_url": reverse("counters:hit") if counts_here else None,
                "pixel_url": reverse("counters:pixel") if counts_here else None,
            },
        )

    return VISIT_BLOCK.get(render, counts_here)


@register.simple_tag
def most_read(limit: int = 5):
    """Render the "Tin đọc nhiều" block: the most read public articles of the last days."""
    return MOST_READ.get(
        lambda: render_to_string(
            "counters/most_read_block.html",
            {"articles": selectors.most_read(site_id=current_site_id(), limit=limit)},
        ),
        limit,
    )


@register.inclusion_tag("counters/view_count.html")
def view_count(article):
    """Render an article's view count with the counting hook the article and print pages share.

    The count comes with the article when its query read it (selectors.with_total_views).
    """
    views = getattr(article, "total_views", None)
    if views is None:
        views = selectors.article_views(article.pk)
    return {"article": article, "views": views}
