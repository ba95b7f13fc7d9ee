"""Recording visits and views, and setting totals.

Every write is one atomic SQL statement: ``INSERT ... ON CONFLICT DO UPDATE``
(PostgreSQL, and SQLite 3.35+). The statement both decides and records, so
there is no SELECT-then-INSERT window in which two requests, threads,
processes or hosts could both decide "new" or overwrite each other's
increments. Deciding "new" is itself exact: the visitor's row (or the
visitor-and-article row) is locked by the upsert, and a second concurrent
request sees the first one's result.

Table and column names in the SQL come from the models, never from input;
every value is a query parameter.

Recording a view costs at most six statements, whatever the traffic (seven
with COUNTERS_SYNCHRONOUS_COMMIT off on PostgreSQL):
the visitor's presence, the view mark, and an increment each of the article's
day, the article's total, the site's day and the site's total (the last four
only when something is new). Rows are always locked in that order, hottest
last, so transactions never deadlock and hold the hot rows only briefly; the
counts are spread over COUNTERS_SHARDS rows each (see models.py), so that
concurrent transactions seldom wait for one another at all.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from counters import conf
from counters.models import (
    ArticleDay,
    ArticleTotal,
    SiteDay,
    SiteTotal,
    ViewMark,
    VisitorPresence,
)
from counters.sql import column, fetch_one, prep, table
from news.models import Article


@dataclass(frozen=True)
class Hit:
    """What recording one request counted."""

    new_visit: bool = False
    new_view: bool = False
    flooded: bool = False


def _touch_presence(visitor: uuid.UUID, now: dt.datetime) -> tuple[bool, int]:
    """Mark the visitor as seen now; return (whether a new visit began, requests this period)."""
    m = VisitorPresence
    t, visit, seen = table(m), column(m, "visit"), column(m, "last_seen_at")
    burst_at, burst_hits = column(m, "burst_started_at"), column(m, "burst_hits")
    _limit, period = conf.flood_limit()
    # A fresh random id per request tells whether *this* request started the
    # visit: the row keeps it only if the visitor was away for the window.
    proposed = prep(m, "visit", uuid.uuid4())
    now_db = prep(m, "last_seen_at", now)
    visit_cutoff = prep(m, "last_seen_at", now - conf.view_window())
    burst_cutoff = prep(m, "last_seen_at", now - period)
    sql = (
        f"INSERT INTO {t} ({column(m, 'visitor')}, {visit}, {seen}, {burst_at}, {burst_hits}) "  # noqa: S608
        f"VALUES (%s, %s, %s, %s, 1) "
        f"ON CONFLICT ({column(m, 'visitor')}) DO UPDATE SET "
        f"{visit} = CASE WHEN {t}.{seen} < %s THEN excluded.{visit} ELSE {t}.{visit} END, "
        f"{burst_hits} = CASE WHEN {t}.{burst_at} < %s THEN 1 ELSE {t}.{burst_hits} + 1 END, "
        f"{burst_at} = CASE WHEN {t}.{burst_at} < %s "
        f"THEN excluded.{burst_at} ELSE {t}.{burst_at} END, "
        f"{seen} = excluded.{seen} "
        f"RETURNING {visit}, {burst_hits}"
    )
    params = [prep(m, "visitor", visitor), proposed, now_db, now_db]
    row = fetch_one(sql, [*params, visit_cutoff, burst_cutoff, burst_cutoff])
    return row[0] == proposed, row[1]


def _mark_view(visitor: uuid.UUID, article_id: int, now: dt.datetime) -> bool:
    """Return True if the visitor's view of the article counts now, marking it counted."""
    m = ViewMark
    t, counted = table(m), column(m, "counted_at")
    keys = f"{column(m, 'visitor')}, {column(m, 'article')}"
    sql = (
        f"INSERT INTO {t} ({keys}, {counted}) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({keys}) DO UPDATE SET {counted} = excluded.{counted} "
        f"WHERE {t}.{counted} < %s "
        f"RETURNING 1"
    )
    params = [
        prep(m, "visitor", visitor),
        article_id,
        prep(m, "counted_at", now),
        prep(m, "counted_at", now - conf.view_window()),
    ]
    return fetch_one(sql, params) is not None


def _increment(model: type[models.Model], keys: dict, field: str, amount: int = 1) -> None:
    """Add amount to model.field in the row with these keys, creating the row if missing."""
    names = ", ".join(column(model, name) for name in keys)
    target, t = column(model, field), table(model)
    placeholders = ", ".join(["%s"] * (len(keys) + 1))
    sql = (
        f"INSERT INTO {t} ({names}, {target}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({names}) DO UPDATE SET {target} = {t}.{target} + excluded.{target}"
    )
    fetch_one(sql, [*(prep(model, name, value) for name, value in keys.items()), amount])


def _count(*, visitor: uuid.UUID, article_id: int | None, now: dt.datetime | None) -> Hit:
    now = now or timezone.now()
    if not conf.synchronous_commit() and connection.vendor == "postgresql":
        # Trade durability of the last moments before a database crash for
        # not waiting on the disk: the marks and counts of a transaction are
        # lost together, so nothing is ever counted twice.
        fetch_one("SET LOCAL synchronous_commit TO OFF", [])
    new_visit, burst = _touch_presence(visitor, now)
    limit, _period = conf.flood_limit()
    if burst > limit:
        return Hit(flooded=True)
    new_view = article_id is not None and _mark_view(visitor, article_id, now)
    today = timezone.localdate(now)
    shard = random.randrange(conf.shards())
    if new_view:
        _increment(ArticleDay, {"article": article_id, "day": today, "shard": shard}, "views")
        _increment(ArticleTotal, {"article": article_id, "shard": shard}, "views")
    if new_visit:
        _increment(SiteDay, {"day": today, "shard": shard}, "visits")
        _increment(SiteTotal, {"shard": shard}, "visits")
    return Hit(new_visit=new_visit, new_view=new_view)


@transaction.atomic
def record_visit(*, visitor: uuid.UUID, now: dt.datetime | None = None) -> Hit:
    """Record that the visitor is on the site: a new visit after the window away."""
    return _count(visitor=visitor, article_id=None, now=now)


@transaction.atomic
def record_view(
    *, article: Article | int, visitor: uuid.UUID, now: dt.datetime | None = None
) -> Hit:
    """Record the visitor reading the article (and visiting the site), once per window."""
    article_id = article if isinstance(article, int) else article.pk
    return _count(visitor=visitor, article_id=article_id, now=now)


def prune_stale_marks(*, now: dt.datetime | None = None, batch: int = 5000) -> int:
    """Delete up to batch presence rows and view marks too old to matter; return how many."""
    cutoff = (now or timezone.now()) - max(conf.view_window(), conf.online_window())
    deleted = 0
    for model, field in ((VisitorPresence, "last_seen_at"), (ViewMark, "counted_at")):
        stale = model.objects.filter(**{f"{field}__lt": cutoff}).values_list("pk", flat=True)
        deleted += model.objects.filter(pk__in=list(stale[:batch])).delete()[0]
    return deleted


def maybe_prune_stale_marks() -> None:
    """Now and then prune stale marks, so that no scheduled job is needed."""
    every = conf.prune_every()
    if every and random.randrange(every) == 0:
        prune_stale_marks()


@transaction.atomic
def set_totals(*, site_visits: int | None = None, article_views: dict[int, int]) -> None:
    """Replace the site's total visits and the given articles' total views.

    Views counted concurrently land in other shards after the replacement
    commits, so they add to the new total rather than being lost in it.
    """
    if site_visits is not None:
        SiteTotal.objects.all().delete()
        SiteTotal.objects.create(shard=0, visits=site_visits)
    if article_views:
        ArticleTotal.objects.filter(article__in=list(article_views)).delete()
        ArticleTotal.objects.bulk_create(
            [
                ArticleTotal(article_id=pk, shard=0, views=views)
                for pk, views in article_views.items()
            ]
        )
