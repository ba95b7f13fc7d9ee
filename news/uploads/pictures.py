"""An article's picture as HTML: <picture> with WebP and narrower copies for the width shown."""

from html import escape

from django.utils.safestring import SafeString

# What a list shows: a 160 x 100 px box (CSS crops the picture to it), which
# screens of up to 4 device pixels per CSS pixel fill from the 640 px copy.
THUMB_SIZES = "160px"
THUMB_UP_TO = 640
# The main column at most; the whole screen on a phone.
COLUMN_WIDTH = 800
COLUMN_SIZES = f"(max-width: 820px) 100vw, {COLUMN_WIDTH}px"


def picture_html(
    article,
    *,
    css_class: str = "",
    sizes: str,
    width: int | None = None,
    height: int | None = None,
    lazy: bool = True,
    priority: bool = False,
    up_to: int | None = None,
) -> SafeString:
    """Return the article's picture for a box of the given sizes, or "" if it has none.

    width and height are the box's, when CSS fixes one; otherwise the picture's
    own, so that the browser keeps its place before it loads. The largest
    picture of a page (the home page's featured one) loads first: priority,
    never lazily.
    """
    # Without srcset a browser takes src: a copy as wide as the box, at least.
    sources = article.picture_sources(fits=width or COLUMN_WIDTH, up_to=up_to)
    if sources is None:
        return SafeString("")
    width = width or sources["width"]
    height = height or sources["height"]
    attributes = [f'src="{escape(sources["src"])}"']
    if sources["srcset"]:
        attributes.append(f'srcset="{escape(sources["srcset"])}" sizes="{sizes}"')
    attributes.append(f'alt="{escape(article.image_alt)}"')
    if css_class:
        attributes.insert(0, f'class="{css_class}"')
    if width and height:
        attributes.append(f'width="{width}" height="{height}"')
    if priority:
        attributes.append('fetchpriority="high"')
    elif lazy:
        attributes.append('loading="lazy"')
    attributes.append('decoding="async"')
    img = f"<img {' '.join(attributes)}>"
    if not sources["webp_srcset"]:
        return SafeString(img)
    webp = f'<source type="image/webp" srcset="{escape(sources["webp_srcset"])}" sizes="{sizes}">'
    return SafeString(f"<picture>{webp}{img}</picture>")
