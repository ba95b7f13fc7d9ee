"""Template tags for what search engines and social sites read."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from news.cache_policy import ARTICLE_META
from news.seo import article_structured_data, share_image

register = template.Library()

# The same escapes as Django's json_script: no "</script>" or "<!--" can end
# or alter the block, whatever the article's text holds.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(value) -> str:
    """Return value as JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308


@register.simple_tag(takes_context=True)
def article_meta(context, article):
    """Render the canonical link, Open Graph, Twitter card and JSON-LD of an article.

    Kept per content version and host: a read article's head is the same for
    each of its readers, and its JSON-LD costs more than its body.
    """
    request = context["request"]
    template = context.template.engine.get_template("includes/article_meta.html")

    def render() -> str:
        values = {
            "article": article,
            "portal": context.get("portal"),
            # A re-published article points search engines to its original.
            "canonical_url": article.original_url
            or request.build_absolute_uri(article.get_absolute_url()),
            "image": share_image(article, request=request),
            "structured_data": article_structured_data(article, request=request),
        }
        return template.render(context.new(values))

    origin = f"{request.scheme}://{request.get_host()}"
    return ARTICLE_META.get(render, article.pk, origin)
