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

Recording a view takes these steps: the visitor's presence, the view mark,
an increment each of the article's day, the article's total, the site's day
and the site's total (those four only when something is new), and the move of
the visitor to this minute's count of who is online (only when the minute
changed); then the live numbers are read. Rows are always locked in that
order, hottest last, so transactions never deadlock and hold the hot rows
only briefly; the counts are spread over COUNTERS_SHARDS rows each (see
models.py), so that concurrent transactions seldom wait for one another.

Visits, visitors online and the visitors' presence are per portal (the site
is part of each of their keys); an article's views need no site, as an
article belongs to one portal.

On PostgreSQL the steps run inside the database, in the function
``counters_record_hit`` (migrations 0003, 0005, 0006 and 0009, which name its
tables and columns from the models; 0009 gives it the portal): a counting
request is one statement and one round trip, committed on its own, which
PostgreSQL plans once per pooled connection (sql.fetch_one_prepared).
Elsewhere (SQLite, for development), and on PostgreSQL with
COUNTERS_DATABASE_FUNCTION off, they run here, one statement each, in one
transaction. The tests run every counting behaviour on
both paths and compare their totals for one scripted sequence of hits.
"""

import datetime as dt
import functools
import random
import uuid
from dataclasses import dataclass, replace

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from core.sites import current_site_id
from counters import conf
from counters.models import (
    ArticleDay,
    ArticleTotal,
    NewVisitors,
    OnlineMinute,
    SiteDay,
    SiteTotal,
    ViewMark,
    VisitorPresence,
)
from counters.selectors import as_numbers, live_numbers, minute_of, online_since
from counters.sql import column, fetch_one, fetch_one_prepared, from_db, prep, table
from news.models import Article

# Stand-ins for the moment and the article when the visibility rule is compiled once (see below).
RULE_NOW = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
RULE_ARTICLE = -7_654_321
RULE_SITE = -7_654_322


@dataclass(frozen=True)
class Hit:
    """What recording one request counted, and the live numbers to answer with."""

    new_visit: bool = False
    new_view: bool = False
    flooded: bool = False
    # True: a new visitor past its address's allowance; nothing was counted.
    turned_away: bool = False
    # False: the article is not public, and nothing was counted or read.
    public: bool = True
    numbers: dict | None = None


def _touch_presence(
    site_id: int, visitor: uuid.UUID, now: dt.datetime
) -> tuple[bool, int, dt.datetime | None]:
    """Mark the visitor as seen now on the portal.

    Return whether a new visit began, the requests this period, and when the
    visitor was seen before (None if not recently).
    """
    m = VisitorPresence
    t, visit, seen = table(m), column(m, "visit"), column(m, "last_seen_at")
    previous = column(m, "previous_seen_at")
    burst_at, burst_hits = column(m, "burst_started_at"), column(m, "burst_hits")
    _limit, period = conf.flood_limit()
    # A fresh random id per request tells whether *this* request started the
    # visit: the row keeps it only if the visitor was away for the window.
    proposed = prep(m, "visit", uuid.uuid4())
    now_db = prep(m, "last_seen_at", now)
    visit_cutoff = prep(m, "last_seen_at", now - conf.view_window())
    burst_cutoff = prep(m, "last_seen_at", now - period)
    keys = f"{column(m, 'site')}, {column(m, 'visitor')}"
    sql = (
        f"INSERT INTO {t} ({keys}, {visit}, {seen}, {burst_at}, {burst_hits}) "  # noqa: S608
        f"VALUES (%s, %s, %s, %s, %s, 1) "
        f"ON CONFLICT ({keys}) DO UPDATE SET "
        f"{previous} = {t}.{seen}, "
        f"{visit} = CASE WHEN {t}.{seen} < %s THEN excluded.{visit} ELSE {t}.{visit} END, "
        f"{burst_hits} = CASE WHEN {t}.{burst_at} < %s THEN 1 ELSE {t}.{burst_hits} + 1 END, "
        f"{burst_at} = CASE WHEN {t}.{burst_at} < %s "
        f"THEN excluded.{burst_at} ELSE {t}.{burst_at} END, "
        f"{seen} = excluded.{seen} "
        f"RETURNING {visit}, {burst_hits}, {previous}"
    )
    params = [site_id, prep(m, "visitor", visitor), proposed, now_db, now_db]
    row = fetch_one(sql, [*params, visit_cutoff, burst_cutoff, burst_cutoff])
    return row[0] == proposed, row[1], from_db(m, "previous_seen_at", row[2])


def _move_online(site_id: int, left: dt.datetime | None, now: dt.datetime, shard: int) -> None:
    """Move the visitor from the minute they were last seen (left; None: new) to this one."""
    minute = minute_of(now)
    if left is not None and minute_of(left) == minute:
        return
    moves = {minute: 1} if left is None else {minute_of(left): -1, minute: 1}
    # The earlier minute first, as on PostgreSQL, so two moves never wait on each other.
    for moved, change in sorted(moves.items()):
        _increment(
            OnlineMinute, {"site": site_id, "minute": moved, "shard": shard}, "visitors", change
        )


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


def _count(*, site_id: int, visitor: uuid.UUID, article_id: int | None, now: dt.datetime) -> Hit:
    new_visit, burst, seen_before = _touch_presence(site_id, visitor, now)
    limit, _period = conf.flood_limit()
    shard = random.randrange(conf.shards())
    hit = Hit(flooded=True)
    if burst <= limit:
        new_view = article_id is not None and _mark_view(visitor, article_id, now)
        today = timezone.localdate(now)
        if new_view:
            _increment(ArticleDay, {"article": article_id, "day": today, "shard": shard}, "views")
            _increment(ArticleTotal, {"article": article_id, "shard": shard}, "views")
        if new_visit:
            _increment(SiteDay, {"site": site_id, "day": today, "shard": shard}, "visits")
            _increment(SiteTotal, {"site": site_id, "shard": shard}, "visits")
        hit = Hit(new_visit=new_visit, new_view=new_view)
    _move_online(site_id, seen_before, now, shard)
    return hit


@functools.cache
def _visibility_rule() -> tuple[str, tuple]:
    """Return the SQL and parameters of "the article is public", from Article.objects.published().

    Compiled once per process with stand-ins for the moment and the article,
    which _is_public() replaces: compiling a queryset costs more than the
    whole counting statement.
    """
    queryset = Article.objects.published(now=RULE_NOW).of_portal(RULE_SITE).filter(pk=RULE_ARTICLE)
    query = queryset.order_by().values("pk").query
    sql, params = query.get_compiler(connection=connection).as_sql()
    if RULE_ARTICLE not in params or RULE_SITE not in params:
        raise ImproperlyConfigured("The visibility rule lost its article or portal parameter.")
    return f"EXISTS ({sql})", tuple(params)


def _is_public(article_id: int | None, now: dt.datetime, site_id: int) -> tuple[str, list]:
    """Return an SQL expression (and its parameters): is the article public on the portal now?"""
    if article_id is None:
        return "TRUE", []
    sql, params = _visibility_rule()
    stand_ins = {RULE_NOW: now, RULE_ARTICLE: article_id, RULE_SITE: site_id}
    return sql, [stand_ins.get(param, param) for param in params]


def _fits_an_id(number: int, db) -> bool:
    """Return True if the number fits the articles' id column (Django's lookups check it so too)."""
    low, high = db.ops.integer_field_range(Article._meta.pk.get_internal_type())
    return low <= number <= high


def _record_in_postgresql(
    db,
    *,
    site_id: int,
    visitor: uuid.UUID | None,
    article_id: int | None,
    new_visitor_address: str | None,
    now: dt.datetime,
) -> Hit:
    if article_id is not None and not _fits_an_id(article_id, db):
        return Hit(public=False)
    public_sql, public_params = _is_public(article_id, now, site_id)
    limit, period = conf.flood_limit()
    # A fresh random id tells whether *this* request started the visit (see _touch_presence).
    proposed = uuid.uuid4()
    row = fetch_one_prepared(
        f"SELECT * FROM counters_record_hit({public_sql}, %s::integer, %s::uuid, %s::bigint, "  # noqa: S608
        "%s::timestamptz, %s::date, %s::timestamptz, %s::integer, %s::uuid, %s::timestamptz, "
        "%s::timestamptz, %s::integer, %s::timestamptz, %s::boolean, %s::text, %s::integer)",
        [
            *public_params,
            site_id,
            visitor,
            article_id,
            now,
            timezone.localdate(now),
            minute_of(now),
            random.randrange(conf.shards()),
            proposed,
            now - conf.view_window(),
            now - period,
            limit,
            online_since(now),
            # Trade durability of the last moments before a database crash for
            # not waiting on the disk: the marks and counts of a transaction are
            # lost together, so nothing is ever counted twice.
            conf.synchronous_commit(),
            new_visitor_address,
            conf.new_visitors_per_minute(),
        ],
    )
    public, new_visit, new_view, flooded, turned_away, *numbers = row
    if not public:
        return Hit(public=False)
    if flooded:
        return Hit(flooded=True)
    return Hit(
        new_visit=new_visit,
        new_view=new_view,
        turned_away=turned_away,
        numbers=as_numbers(numbers, article_id=article_id),
    )


def _skip_waiting_for_the_disk() -> None:
    """On PostgreSQL, let this counting transaction commit without waiting for the disk.

    As the database function does (see conf.synchronous_commit): the marks and
    counts of a transaction are lost together, so nothing is ever counted twice.
    """
    if connection.vendor == "postgresql" and not conf.synchronous_commit():
        fetch_one("SELECT set_config('synchronous_commit', 'off', true)", [])


def admit_new_visitor(*, address: str, now: dt.datetime | None = None) -> bool:
    """Take a new visitor from the address's allowance of this minute; return False if it is spent.

    One statement decides and records: concurrent requests in any number of
    processes never take more than the allowance between them. A spent
    allowance is not written to again, so a flood from one address rewrites
    no row.
    """
    limit = conf.new_visitors_per_minute()
    if not limit:
        return True
    m = NewVisitors
    t, visitors = table(m), column(m, "visitors")
    keys = f"{column(m, 'minute')}, {column(m, 'address')}"
    sql = (
        f"INSERT INTO {t} ({keys}, {visitors}) VALUES (%s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({keys}) DO UPDATE SET {visitors} = {t}.{visitors} + 1 "
        f"WHERE {t}.{visitors} < %s "
        f"RETURNING 1"
    )
    params = [prep(m, "minute", minute_of(now or timezone.now())), address, limit]
    return fetch_one(sql, params) is not None


def record_hit(
    *,
    article_id: int | None,
    visitor: uuid.UUID | None,
    new_visitor_address: str | None = None,
    now: dt.datetime | None = None,
    site_id: int | None = None,
) -> Hit:
    """Count a request of the visitor for the article's page (None: another page); read the numbers.

    Everything is counted for, and read of, the portal site_id (None: the
    portal being served): a visit of it, its visitors online, and the
    article's views if the article is public on it.

    A visitor of None is a request that does not count (a crawler's): it only
    reads. A visitor whose id was just made comes with its address
    (new_visitor_address) and is counted only within that address's
    allowance of new visitors; past it the request only reads
    (Hit.turned_away). Nothing is counted or read for an article that is not
    public (Hit.public is False), nor read for a flooding visitor (Hit.flooded).
    """
    now = now or timezone.now()
    # An article of another portal is no article here (the portal being served by default).
    site_id = current_site_id() if site_id is None else site_id
    if not conf.new_visitors_per_minute():
        new_visitor_address = None
    # Looked up once: a read through the django.db.connection proxy costs a context-local lookup.
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor == "postgresql" and conf.database_function():
        return _record_in_postgresql(
            db,
            site_id=site_id,
            visitor=visitor,
            article_id=article_id,
            new_visitor_address=new_visitor_address,
            now=now,
        )
    public = Article.objects.published(now=now).of_portal(site_id)
    if article_id is not None and not public.filter(pk=article_id).exists():
        return Hit(public=False)
    hit = Hit()
    if visitor is not None:
        with transaction.atomic():
            _skip_waiting_for_the_disk()
            if new_visitor_address is None or admit_new_visitor(
                address=new_visitor_address, now=now
            ):
                hit = _count(site_id=site_id, visitor=visitor, article_id=article_id, now=now)
            else:
                hit = Hit(turned_away=True)
        if hit.flooded:
            return hit
    return replace(hit, numbers=live_numbers(site_id=site_id, article_id=article_id, now=now))


def record_visit(
    *, visitor: uuid.UUID, now: dt.datetime | None = None, site_id: int | None = None
) -> Hit:
    """Record that the visitor is on the portal: a new visit after the window away."""
    return record_hit(article_id=None, visitor=visitor, now=now, site_id=site_id)


def record_view(
    *,
    article: Article | int,
    visitor: uuid.UUID,
    now: dt.datetime | None = None,
    site_id: int | None = None,
) -> Hit:
    """Record the visitor reading the article (and visiting its portal), once per window."""
    if isinstance(article, int):
        article_id = article
    else:
        article_id = article.pk
        site_id = article.site_id if site_id is None else site_id
    return record_hit(article_id=article_id, visitor=visitor, now=now, site_id=site_id)


def prune_stale_marks(*, now: dt.datetime | None = None, batch: int = 5000) -> int:
    """Delete up to batch rows of each kind of mark too old to matter; return how many."""
    now = now or timezone.now()
    cutoff = now - max(conf.view_window(), conf.online_window())
    deleted = 0
    kinds = (
        (VisitorPresence, "last_seen_at", cutoff),
        (ViewMark, "counted_at", cutoff),
        (OnlineMinute, "minute", cutoff),
        # Only this minute's allowance is read; the last one is kept for a request begun in it.
        (NewVisitors, "minute", minute_of(now) - dt.timedelta(minutes=1)),
    )
    for model, field, older_than in kinds:
        # One statement a kind, the batch chosen inside it: the ids do not
        # travel to Python and back, and no transaction is opened around it.
        # Pruning runs inside a counting request, which waits for it.
        t, key, moment = table(model), column(model, model._meta.pk.name), column(model, field)
        sql = (
            f"DELETE FROM {t} WHERE {key} IN "  # noqa: S608
            f"(SELECT {key} FROM {t} WHERE {moment} < %s LIMIT %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [prep(model, field, older_than), batch])
            deleted += cursor.rowcount
    return deleted


def maybe_prune_stale_marks() -> None:
    """Now and then prune stale marks, so that no scheduled job is needed."""
    every = conf.prune_every()
    if every and random.randrange(every) == 0:
        prune_stale_marks()


@transaction.atomic
def set_totals(
    *, site_id: int | None = None, site_visits: int | None = None, article_views: dict[int, int]
) -> None:
    """Replace the portal's total visits (site_id; None: the portal being served) and the
    given articles' total views.

    Views counted concurrently land in other shards after the replacement
    commits, so they add to the new total rather than being lost in it.
    """
    if site_visits is not None:
        site_id = current_site_id() if site_id is None else site_id
        SiteTotal.objects.filter(site_id=site_id).delete()
        SiteTotal.objects.create(site_id=site_id, shard=0, visits=site_visits)
    if article_views:
        ArticleTotal.objects.filter(article__in=list(article_views)).delete()
        ArticleTotal.objects.bulk_create(
            [
                ArticleTotal(article_id=pk, shard=0, views=views)
                for pk, views in article_views.items()
            ]
        )
