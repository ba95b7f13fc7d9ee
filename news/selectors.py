"""Reads of editorial content that build more than a one-line queryset."""

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import connection
from django.db.models import (
    F,
    Func,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from core.prepared import PreparedQuery
from news.cache_policy import CATEGORIES, HOME_LISTS, LISTING_PAGE, NEIGHBOURS
from news.models import Article, Attachment, Category
from news.pagination import Key, newer_or_same


def all_categories(*, site_id: int) -> list[Category]:
    """Return every category of the portal in menu order, cached until its content changes.

    The menu is on every page; categories change rarely and bump the content version.
    """
    return CATEGORIES.get(lambda: list(Category.objects.filter(site_id=site_id)), site_id)


def category_by_slug(slug: str, *, site_id: int) -> Category:
    """Return the portal's category with this slug, or raise Http404."""
    for category in all_categories(site_id=site_id):
        if category.slug == slug:
            return category
    raise Http404("Không có chuyên mục này.")


def attach_categories(articles: Iterable[Article], *, site_id: int) -> list[Article]:
    """Give each article its category from the menu's cache, sparing a join; return them."""
    categories = {category.pk: category for category in all_categories(site_id=site_id)}
    articles = list(articles)
    for article in articles:
        # A category newer than the cache (it cannot be, short of a race) loads as usual.
        if article.category_id in categories:
            article.category = categories[article.category_id]
    return articles


def next_scheduled_change(now: dt.datetime, site_id: int) -> dt.datetime | None:
    """Return when an article of the portal next appears or expires by itself after now, or None.

    Registered with core.caching at start-up: no cached page outlives that moment.
    """
    published = Article.objects.filter(site_id=site_id, status=Article.Status.PUBLISHED)
    # Two plain MIN()s, each answered from an index; one MIN() ... FILTER read every row.
    moments = [
        published.filter(published_at__gt=now).aggregate(moment=Min("published_at"))["moment"],
        published.filter(expires_at__gt=now).aggregate(moment=Min("expires_at"))["moment"],
    ]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def public_articles(*, site_id: int):
    """Return the portal's published articles with their category, newest first."""
    return Article.objects.published().of_portal(site_id).select_related("category").newest_first()


def listed_articles(now: dt.datetime | None = None, *, site_id: int):
    """Return the portal's public articles, newest first, with only the columns lists show."""
    return Article.objects.published(now).of_portal(site_id).as_listed().newest_first()


# The home page's lists, the busiest reads of the site, compiled once per process.
_FEATURED = PreparedQuery(
    lambda *, now, site_id: listed_articles(now, site_id=site_id).filter(featured=True)[:1],
    now=dt.datetime,
    site_id=int,
)
_NEWEST = PreparedQuery(
    lambda *, now, site_id: listed_articles(now, site_id=site_id)[:1],
    now=dt.datetime,
    site_id=int,
)


def featured_article(*, site_id: int) -> Article | None:
    """Return the portal's newest published article marked featured, else its newest one."""
    now = timezone.now()
    found = list(_FEATURED.run(now=now, site_id=site_id)) or list(
        _NEWEST.run(now=now, site_id=site_id)
    )
    return found[0] if found else None


@functools.cache
def _latest_query(limit: int) -> PreparedQuery:
    return PreparedQuery(
        lambda *, now, site_id, excluded_pk: listed_articles(now, site_id=site_id).exclude(
            pk=excluded_pk
        )[:limit],
        now=dt.datetime,
        site_id=int,
        excluded_pk=int,
    )


def latest_articles(*, site_id: int, limit: int, excluding: Article | None = None) -> list[Article]:
    """Return the portal's newest public articles as lists show them, but the one excluded."""
    # No article has the primary key 0: excluding it excludes nothing.
    excluded_pk = excluding.pk if excluding else 0
    return list(
        _latest_query(limit).run(now=timezone.now(), site_id=site_id, excluded_pk=excluded_pk)
    )


@functools.cache
def _latest_by_category_query(per_category: int) -> PreparedQuery:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery

        def build(*, now, site_id):
            newest = Article.objects.published(now).filter(category=OuterRef("pk")).newest_first()
            newest_ids = (
                Category.objects.filter(site_id=site_id)
                .annotate(
                    article_id=Func(
                        ArraySubquery(newest.values("pk")[:per_category]), function="unnest"
                    )
                )
                .values("article_id")
            )
            return Article.objects.published(now).as_listed().filter(pk__in=newest_ids)

    else:

        def build(*, now, site_id):
            return (
                Article.objects.published(now)
                .of_portal(site_id)
                .as_listed()
                .annotate(
                    rank=Window(
                        RowNumber(),
                        partition_by=[F("category_id")],
                        order_by=[F("published_at").desc(), F("id").desc()],
                    )
                )
                .filter(rank__lte=per_category)
            )

    return PreparedQuery(build, now=dt.datetime, site_id=int)


def latest_by_category(*, site_id: int, per_category: int) -> list[tuple[Category, list[Article]]]:
    """Return each category with its newest public articles, in one query whatever the sizes.

    On PostgreSQL each category's newest ids come from a short index scan (an
    array subquery per category, unnested); the portable fallback, a window over every
    public article, reads the whole table and suits SQLite-sized sites.
    """
    articles = _latest_by_category_query(per_category).run(now=timezone.now(), site_id=site_id)
    by_category: dict[int, list[Article]] = {}
    for article in articles:
        by_category.setdefault(article.category_id, []).append(article)
    result = []
    for category in all_categories(site_id=site_id):
        if category.pk in by_category:
            listed = sorted(by_category[category.pk], key=_listing_key, reverse=True)
            for article in listed:
                article.category = category
            result.append((category, listed))
    return result


@dataclass(frozen=True)
class HomeLists:
    """The home page's lists: the featured article, the newest ones, the newest per category."""

    featured: Article | None
    latest: list[Article]
    by_category: list[tuple[Category, list[Article]]]


def home_lists(*, site_id: int, latest: int, per_category: int) -> HomeLists:
    """Return the home page's lists, kept until the content changes.

    The busiest page of the site shows the same lists to every reader between
    two changes; each variant of the page (text size, contrast) shares them.
    """

    def compute() -> HomeLists:
        featured = featured_article(site_id=site_id)
        return HomeLists(
            featured=featured,
            latest=latest_articles(site_id=site_id, limit=latest, excluding=featured),
            by_category=latest_by_category(site_id=site_id, per_category=per_category),
        )

    return HOME_LISTS.get(compute, latest, per_category)


def category_listing(category: Category):
    """Return the public articles of a category, newest first, as its listing shows them.

    The category is its portal's own (category_by_slug), and so are its articles:
    filtering on the site as well would keep the planner off article_category_idx's
    index-only scan (the site is not in it) and onto the heap, row by row (81 ms
    instead of 4 for the count of a 16,675-article category among 500,000 articles).
    """
    return _in_category(category.pk).newest_first()


def _page_query(
    base: Callable[..., QuerySet], limit: int, *, anchored: bool, **kinds
) -> PreparedQuery:
    """Prepare the query of limit rows of base()'s listing, from the anchor on if anchored."""
    if not anchored:
        return PreparedQuery(lambda **values: base(**values).newest_first()[:limit], **kinds)
    return PreparedQuery(
        lambda *, published_at, pk, **values: (
            base(**values).filter(newer_or_same((published_at, pk))).newest_first()[:limit]
        ),
        **kinds,
        published_at=dt.datetime,
        pk=int,
    )


@functools.cache
def _category_page_query(limit: int, *, anchored: bool) -> PreparedQuery:
    return _page_query(
        lambda *, now, category_id: _in_category(category_id, now=now),
        limit,
        anchored=anchored,
        now=dt.datetime,
        category_id=int,
    )


@functools.cache
def _period_page_query(limit: int, *, anchored: bool) -> PreparedQuery:
    return _page_query(
        lambda *, now, site_id, since, until: listed_articles(now, site_id=site_id).filter(
            published_at__gte=since, published_at__lt=until
        ),
        limit,
        anchored=anchored,
        now=dt.datetime,
        site_id=int,
        since=dt.datetime,
        until=dt.datetime,
    )


def _page_rows(query: Callable[..., PreparedQuery], anchor: Key | None, limit: int, **values):
    # Kept per content version: the first pages of a listing are read far more than they change.

    def read() -> list[Article]:
        values["now"] = timezone.now()
        if anchor is not None:
            values["published_at"], values["pk"] = anchor
        return list(query(limit, anchored=anchor is not None).run(**values))

    return LISTING_PAGE.get(
        read, query.__name__, limit, anchor and anchor[1], sorted(values.items())
    )


def category_page(category: Category, anchor: Key | None, limit: int) -> list[Article]:
    """Return limit articles of the category's listing from the anchor on (None: the newest)."""
    return _page_rows(_category_page_query, anchor, limit, category_id=category.pk)


def category_key(category: Category, pk: int) -> Key | None:
    """Return the listing key of a public article of the category, None if it has none such."""
    return (
        Article.objects.published()
        .filter(category=category, pk=pk)
        .values_list("published_at", "id")
        .first()
    )


def category_page_after(category: Category, key: Key, limit: int) -> tuple[list[Article], bool]:
    """Return up to limit articles of the category's listing after the key, and whether more follow.

    key must be a public article's (category_key): the rows are then kept per
    article, as many as the category holds.
    """
    # The anchor's own row comes first, and one more row tells whether more follow.
    rows = category_page(category, key, limit + 2)
    return rows[1 : limit + 1], len(rows) > limit + 1


def period_page(
    since: dt.datetime, until: dt.datetime, anchor: Key | None, limit: int, *, site_id: int
) -> list[Article]:
    """Return limit articles of the portal published in [since, until), from the anchor on."""
    return _page_rows(_period_page_query, anchor, limit, site_id=site_id, since=since, until=until)


def category_outline_key(category_id: int) -> str:
    """Return the cache key part of a category listing's outline (news.pagination)."""
    return f"category:{category_id}"


def _in_category(category_id: int, *, now: dt.datetime | None = None):
    return Article.objects.published(now).as_listed().filter(category_id=category_id)


# The plain bound on published_at in each filter lets the index scan start at
# the article instead of at the newest or oldest row of the category.


def _listed_before(published_at: dt.datetime, pk: int) -> Q:
    """Return a filter for articles listed above the one with this key (newer, ties by id)."""
    return Q(published_at__gte=published_at) & (
        Q(published_at__gt=published_at) | Q(published_at=published_at, id__gt=pk)
    )


def _listed_after(published_at: dt.datetime, pk: int) -> Q:
    """Return a filter for articles listed below the one with this key (older, ties by id)."""
    return Q(published_at__lte=published_at) & (
        Q(published_at__lt=published_at) | Q(published_at=published_at, id__lt=pk)
    )


@dataclass(frozen=True)
class Neighbours:
    """The public articles around one in its category's listing."""

    newer: list[Article]  # the nearest newer ones, newest first
    older: list[Article]  # the nearest older ones, newest first


@functools.cache
def _neighbour_queries(newer: int, older: int) -> tuple[PreparedQuery, ...]:
    """Return the queries of category_neighbours: one UNION ALL on PostgreSQL, two elsewhere."""

    def nearest_newer(*, now, category_id, published_at, pk):
        return (
            _in_category(category_id, now=now)
            .filter(_listed_before(published_at, pk))
            .annotate(part=Value(0))
            .order_by("published_at", "id")[:newer]
        )

    def nearest_older(*, now, category_id, published_at, pk):
        return (
            _in_category(category_id, now=now)
            .filter(_listed_after(published_at, pk))
            .annotate(part=Value(1))
            .newest_first()[:older]
        )

    def both(**values):
        return nearest_newer(**values).union(nearest_older(**values), all=True)

    kinds = {"now": dt.datetime, "category_id": int, "published_at": dt.datetime, "pk": int}
    if connection.features.supports_slicing_ordering_in_compound:
        return (PreparedQuery(both, **kinds),)
    return (PreparedQuery(nearest_newer, **kinds), PreparedQuery(nearest_older, **kinds))


def category_neighbours(article: Article, *, newer: int, older: int) -> Neighbours:
    """Return the nearest newer and older public articles of the article's category.

    Kept per content version: in a burst, thousands of readers of one article
    see the same lists. One query on PostgreSQL (the two lists as a UNION ALL),
    two elsewhere.
    """
    return NEIGHBOURS.get(
        lambda: _category_neighbours(article, newer=newer, older=older), article.pk, newer, older
    )


def _category_neighbours(article: Article, *, newer: int, older: int) -> Neighbours:
    values = {
        "now": timezone.now(),
        "category_id": article.category_id,
        "published_at": article.published_at,
        "pk": article.pk,
    }
    rows = [row for query in _neighbour_queries(newer, older) for row in query.run(**values)]
    newer_rows, older_rows = (
        sorted((row for row in rows if row.part == part), key=_listing_key, reverse=True)
        for part in (0, 1)
    )
    return Neighbours(newer=newer_rows, older=older_rows)


def _listing_key(article: Article):
    return (article.published_at, article.id)


# --- Archives by local date -------------------------------------------------


def shown_attachments(article: Article) -> list[Attachment]:
    """Return the files an article's page lists, each with the address it is downloaded at.

    A re-published article lists its original's files, downloaded from the
    original's portal: another portal's file is not found on this one.
    """
    if article.original_id is None:
        files = list(article.attachments.all())
        origin = ""
    else:
        files = list(Attachment.objects.filter(article_id=article.original_id))
        parts = urlsplit(article.original_url)
        origin = f"{parts.scheme}://{parts.netloc}"
    for stored in files:
        stored.download_url = origin + stored.get_absolute_url()
    return files
