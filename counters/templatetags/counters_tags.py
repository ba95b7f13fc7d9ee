"""Template tags that show the counters on public pages."""

from django import template

register = template.Library()


@register.inclusion_tag("counters/visit_block.html")
def visit_counter():
    """Render the site's visit block: total visits as one box per digit."""
    total = 0
    return {"total": total, "digits": str(total)}


@register.simple_tag
def article_views(article) -> int:
    """Return the number of views of an article."""
    return 0
