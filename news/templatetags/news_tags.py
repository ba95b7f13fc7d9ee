"""Vietnamese date formatting and the category menu for templates."""

import functools
from datetime import date, datetime
from html import escape

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from core.sites import current_site_id
from news.cache_policy import ARTICLE_ITEM, ITEM_FRAME, MENU, RELATED_ARTICLES, SEARCH_FORM
from news.sanitize import public_html
from news.selectors import all_categories
from news.uploads.pictures import COLUMN_SIZES, THUMB_SIZES, THUMB_UP_TO, picture_html

register = template.Library()

# Django's vi locale writes "Thứ 4"; the portal writes the weekday in words.
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def vn_weekday(value: date) -> str:
    """Return the Vietnamese weekday name of a date or datetime in local time."""
    return WEEKDAYS[_local(value).weekday()] if value else ""


@register.filter
def vn_datetime(value: datetime) -> str:
    """Return "Thứ Tư, 18/04/2018, 09:30" for a datetime, in local time."""
    if not value:
        return ""
    local = _local(value)
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y, %H:%M}"


@register.filter
def vn_date(value) -> str:
    """Return "18/04/2018" for a date or datetime, in local time."""
    return f"{_local(value):%d/%m/%Y}" if value else ""


@register.filter
def iso_datetime(value) -> str:
    """Return a datetime in local time as ISO 8601, for <time datetime>.

    Whole seconds: HTML allows at most three digits of fraction, and
    timezone.now() keeps six. The date:"c" filter costs five times as much,
    which counts in long lists.
    """
    return _local(value).isoformat(timespec="seconds") if value else ""


@register.filter
def elided_pages(page_obj):
    """Return the page numbers to link around the current page, with ellipses."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag(takes_context=True)
def pagination(context):
    """Render the page links of the page's list: the same for any list of that many pages."""
    page = context.get("page_obj")
    if page is None or page.paginator.num_pages <= 1:
        return ""
    render = _pagination.__wrapped__ if settings.DEBUG else _pagination
    html = render(page.number, page.paginator.num_pages)
    # Each search has a query string of its own: it goes in after the rendering.
    suffix = conditional_escape(context.get("query_suffix", ""))
    return SafeString(html.replace(QUERY_SUFFIX, suffix))


# Where the page links carry the list's query string ("&q=…"), in the kept HTML.
QUERY_SUFFIX = "\ue000query-suffix\ue000"


@functools.lru_cache(maxsize=1024)
def _pagination(number: int, num_pages: int) -> str:
    # A stand-in list of that many pages gives the same links as the real one.
    page = Paginator(range(num_pages), 1).page(number)
    return render_to_string(
        "includes/pagination.html", {"page_obj": page, "query_suffix": QUERY_SUFFIX}
    )


@register.filter(is_safe=True)
def robots_meta(value: str) -> str:
    """Return <meta name="robots"> with value as its content, or nothing when value is blank."""
    value = value.strip()
    return SafeString(f'<meta name="robots" content="{_escaped(value)}">') if value else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """Return the full URL of a path of this site, as the current request reaches the site."""
    return context["request"].build_absolute_uri(path)


# Pieces of the layout that depend on settings and the portal alone (static file
# URLs, the portal's name and contacts): the same on every page of a portal as
# long as the process runs and the portal's profile is the same. Keyed by the
# profile itself, so an edited profile is a new key; at most CONSTANT_PIECES.
_constant_pieces: dict[tuple, str] = {}
CONSTANT_PIECES = 1024


def forget_constant_pieces(**kwargs) -> None:
    """Drop the kept layout pieces (a setting changed, as tests do)."""
    _constant_pieces.clear()


setting_changed.connect(forget_constant_pieces, dispatch_uid="news-constant-pieces")


@register.simple_tag(takes_context=True)
def constant_include(context, template_name: str, **slots):
    """Render a template that reads only settings and `portal`, once per process and portal.

    Its dozen {% static %} and {% url %} lookups cost a tenth of a page; with
    DEBUG on it is rendered each time, so that edits show at once. Each of
    slots names a value the template shows as it is: the template is kept
    with a mark there, and the mark replaced by this page's value.
    """
    portal = context.get("portal")
    key = (template_name, portal)
    html = _constant_pieces.get(key)
    if html is None:
        template = context.template.engine.get_template(template_name)
        marks = {name: SafeString(f"\ue000{name}\ue000") for name in slots}
        html = template.render(context.new({"portal": portal, **marks}))
        if not settings.DEBUG:
            if len(_constant_pieces) >= CONSTANT_PIECES:
                _constant_pieces.clear()
            _constant_pieces[key] = html
    for name, value in slots.items():
        html = html.replace(f"\ue000{name}\ue000", conditional_escape(value), 1)
    return SafeString(html)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Render the category menu, the page's own entry marked current, kept per content version."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    category = context.get("category")
    if match is not None and match.url_name == "home":
        active = "home"
    else:
        active = getattr(category, "pk", None)
    return MENU.get(
        lambda: render_to_string(
            "includes/main_menu.html",
            {"active": active, "categories": all_categories(site_id=current_site_id())},
        ),
        active,
    )


# An item of a list: news/includes/list_item.html, rendered once per article
# and content version. A search result's highlighted title and snippet change
# with each search: they go into its kept frame where these stand.
ITEM_TEMPLATE = "news/includes/list_item.html"
TITLE_SLOT = "\ue000title\ue000"
SNIPPET_SLOT = "\ue000snippet\ue000"


def _escaped(value) -> str:
    """Return value as HTML: escaped unless it is already safe (conditional_escape, lighter)."""
    # Django's escape checks every argument for lazy text first, which twenty
    # items of a search page pay about two hundred times.
    return value if isinstance(value, SafeString) else escape(str(value))


@register.simple_tag
def article_thumb(article):
    """Render an article's picture as the thumbnail of a list item."""
    return picture_html(
        article,
        css_class="article-thumb",
        sizes=THUMB_SIZES,
        width=160,
        height=100,
        up_to=THUMB_UP_TO,
    )


def _render_item(article, *, with_image: bool, with_lead: bool, title, snippet="") -> SafeString:
    """Render list_item.html for an article, with the title and snippet given."""
    context = {
        "article": article,
        "with_image": with_image,
        "title": title,
        "snippet": snippet,
        "lead": article.lead if with_lead else "",
    }
    return SafeString(render_to_string(ITEM_TEMPLATE, context).strip())


def item_html(article, *, with_image: bool = False, with_lead: bool = False) -> SafeString:
    """Return a search result as an item of a list: its highlighted title and its snippet.

    The rest of its markup (link, date, picture, the lead when there is no
    snippet) is rendered from the template once per content version and kept,
    for the next search.
    """
    snippet = getattr(article, "snippet", None)
    frame = ITEM_FRAME.get(
        lambda: _render_item(
            article,
            with_image=with_image,
            with_lead=with_lead,
            title=TITLE_SLOT,
            snippet=SNIPPET_SLOT if snippet else "",
        ),
        article.pk,
        f"{with_image:d}{with_lead:d}{bool(snippet):d}",
    )
    title = getattr(article, "highlighted_title", None) or article.title
    html = frame.replace(TITLE_SLOT, _escaped(title), 1)
    if snippet:
        html = html.replace(SNIPPET_SLOT, _escaped(snippet), 1)
    return SafeString(html)


@register.simple_tag
def article_item(article, *, with_image=False, with_lead=False):
    """Render an article as an item of a list (its image and lead if asked).

    Search results carry a highlighted title and snippet of their own and are
    filled into a kept frame each time; other items are kept whole per
    content version.
    """
    with_image, with_lead = bool(with_image), bool(with_lead)
    if getattr(article, "snippet", None) or getattr(article, "highlighted_title", None):
        return item_html(article, with_image=with_image, with_lead=with_lead)
    return ARTICLE_ITEM.get(
        lambda: _render_item(
            article, with_image=with_image, with_lead=with_lead, title=article.title
        ),
        article.pk,
        f"{with_image:d}{with_lead:d}",
    )


@register.simple_tag
def article_items(articles, *, with_image=False, with_lead=False):
    """Render articles as the items of a list, each as article_item does.

    One tag for the whole list: a template loop paid the tag's argument
    lookups once per item.
    """
    items = (article_item(item, with_image=with_image, with_lead=with_lead) for item in articles)
    return SafeString("".join(items))


QUERY_SLOT = SafeString("\ue000query\ue000")


@register.simple_tag(takes_context=True)
def search_form(context, form):
    """Render the search form; one that shows no error and no date is kept per category and order.

    The form is a good part of the search page's template; the words typed
    are put into the kept one.
    """
    template = context.template.engine.get_template("news/includes/search_form.html")
    values = {"form": form, "search_categories": context.get("search_categories")}
    query = form["q"].value() or ""
    if form.errors or form["start"].value() or form["end"].value():
        return template.render(context.new({**values, "query_value": query}))
    frame = SEARCH_FORM.get(
        lambda: template.render(context.new({**values, "query_value": QUERY_SLOT})),
        form["category"].value() or "",
        form["sort"].value() or "",
    )
    return SafeString(frame.replace(QUERY_SLOT, escape(query), 1))


@register.simple_tag(takes_context=True)
def related_articles(context, article, *, newer, older, more_url):
    """Render "TIN MỚI HƠN" and "TIN ĐÃ ĐƯA" of an article, kept per content version.

    The lists are the article's neighbours, the same for every reader until
    the content changes or a scheduled article appears.
    """
    template = context.template.engine.get_template("includes/related_articles.html")
    values = {"newer": newer, "older": older, "more_url": more_url}
    return RELATED_ARTICLES.get(lambda: template.render(context.new(values)), article.pk)


@register.filter
def public_body(html: str):
    """Return an article's sanitised body as public pages show it (see sanitize.public_html)."""
    return public_html(html or "")


@register.simple_tag
def article_picture(article, *, featured=False):
    """Render an article's picture across the main column; the featured one loads first."""
    if featured:
        return picture_html(
            article,
            css_class="featured-image",
            sizes=COLUMN_SIZES,
            width=800,
            height=450,
            priority=True,
        )
    return picture_html(article, sizes=COLUMN_SIZES, lazy=False)
