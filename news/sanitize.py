"""Allow-list sanitising of rich text from the editor, done once on save."""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "span",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
    "pre",
    "code",
    "div",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "figure": {"style"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "ol": {"start", "reversed"},
}
# CKEditor 5 sizes resized images with an inline width; nothing else of CSS is kept.
ALLOWED_STYLE_PROPERTIES = {"width", "text-align"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    """Return html with only allow-listed tags, attributes, styles and URL schemes."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# A resized figure as nh3 writes it: class first, then the one style kept.
_RESIZED_FIGURE = re.compile(r'<figure class="([^"]*)" style="width:(\d+(?:\.\d+)?)%"')
WIDTH_STEP = 5


def _width_class(match: re.Match) -> str:
    percent = float(match.group(2))
    step = min(100, max(WIDTH_STEP, round(percent / WIDTH_STEP) * WIDTH_STEP))
    return f'<figure class="{match.group(1)} w-{step}"'


def public_html(html: str) -> SafeString:
    """Return sanitised HTML for public pages: figure widths as classes (w-5 … w-100).

    The stored HTML keeps CKEditor's inline width, which the editor reads back;
    public pages forbid inline styles (CSP), so there the width, rounded to
    5 %, becomes a class of site.css.
    """
    if 'style="width:' not in html:
        return mark_safe(html)  # noqa: S308 (sanitised on save)
    return mark_safe(_RESIZED_FIGURE.sub(_width_class, html))  # noqa: S308 (sanitised on save)
