"""Reads of the counters: live numbers, most read articles, daily series.

Each read is of one portal: its visits, today's visits, its visitors online,
its articles. A site_id of None is the portal being served (core.sites).
"""

import datetime as dt

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.sites import current_site_id
from counters import conf
from counters.models import (
    ArticleDay,
    ArticleTotal,
    OnlineMinute,
    SiteDay,
    SiteTotal,
)
from counters.sql import column, fetch_one, prep, table
from news.models import Article
from news.selectors import attach_categories, listed_articles


def live_numbers(
    *, site_id: int | None = None, article_id: int | None = None, now: dt.datetime | None = None
) -> dict:
    """Return the portal's total visits, today's visits, visitors online and the article's views.

    One statement, one round trip: these numbers are read on every page and
    every counting request.
    """
    now = now or timezone.now()
    site_id = current_site_id() if site_id is None else site_id
    parts = [
        f"(SELECT SUM({column(SiteTotal, 'visits')}) FROM {table(SiteTotal)} "  # noqa: S608
        f"WHERE {column(SiteTotal, 'site')} = %s)",
        f"(SELECT SUM({column(SiteDay, 'visits')}) FROM {table(SiteDay)} "  # noqa: S608
        f"WHERE {column(SiteDay, 'site')} = %s AND {column(SiteDay, 'day')} = %s)",
        f"(SELECT SUM({column(OnlineMinute, 'visitors')}) FROM {table(OnlineMinute)} "  # noqa: S608
        f"WHERE {column(OnlineMinute, 'site')} = %s AND {column(OnlineMinute, 'minute')} >= %s)",
    ]
    params = [
        site_id,
        site_id,
        prep(SiteDay, "day", timezone.localdate(now)),
        site_id,
        prep(OnlineMinute, "minute", online_since(now)),
    ]
    if article_id is not None:
        parts.append(
            f"(SELECT SUM({column(ArticleTotal, 'views')}) FROM {table(ArticleTotal)} "  # noqa: S608
            f"WHERE {column(ArticleTotal, 'article')} = %s)"
        )
        params.append(article_id)
    return as_numbers(fetch_one(f"SELECT {', '.join(parts)}", params), article_id=article_id)


def as_numbers(row, *, article_id: int | None) -> dict:
    """Return the live numbers from a row of (visits, today, online, the article's views)."""
    row = [int(value or 0) for value in row]
    numbers = {"visits": row[0], "today": row[1], "online": row[2]}
    if article_id is not None:
        numbers["views"] = row[3]
    return numbers


def minute_of(moment: dt.datetime) -> dt.datetime:
    """Return the start of the moment's minute: visitors online are counted by the minute."""
    return moment.replace(second=0, microsecond=0)


def online_since(now: dt.datetime) -> dt.datetime:
    """Return the first minute whose visitors are online now (the window, rounded down)."""
    return minute_of(now - conf.online_window())


def with_total_views(articles):
    """Return the articles annotated with total_views, read in the same query."""
    totals = (
        ArticleTotal.objects.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(total=Sum("views"))
        .values("total")
    )
    return articles.annotate(total_views=Coalesce(Subquery(totals), 0))


def article_views(article_id: int) -> int:
    """Return the article's total views."""
    total = ArticleTotal.objects.filter(article_id=article_id).aggregate(total=Sum("views"))
    return total["total"] or 0


def most_read(
    *,
    site_id: int,
    days: int = conf.MOST_READ_DAYS,
    limit: int = 5,
    today: dt.date | None = None,
):
    """Return the portal's public articles most read in the last days, with recent_views."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=days - 1)
    return (
        listed_articles(site_id=site_id)
        .filter(daily_views__day__gte=since, daily_views__day__lte=today)
        .annotate(recent_views=Sum("daily_views__views"))
        .order_by("-recent_views", "-published_at", "-id")[:limit]
    )


def most_read_with_totals(
    *, site_id: int, days: int, limit: int, today: dt.date | None = None
) -> list[Article]:
    """Return most_read() with each article's total views as total_views, and its category."""
    articles = list(most_read(site_id=site_id, days=days, limit=limit, today=today))
    totals = dict(
        ArticleTotal.objects.filter(article__in=articles)
        .values("article_id")
        .annotate(total=Sum("views"))
        .values_list("article_id", "total")
    )
    for article in articles:
        article.total_views = totals.get(article.pk, 0)
    return attach_categories(articles, site_id=site_id)


def daily_visits(
    *, site_id: int, days: int, today: dt.date | None = None
) -> list[tuple[dt.date, int]]:
    """Return (date, visits) of the portal for each of the last days, oldest first, 0 if none."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=days - 1)
    counted = dict(
        SiteDay.objects.filter(site_id=site_id, day__gte=since, day__lte=today)
        .values("day")
        .annotate(total=Sum("visits"))
        .values_list("day", "total")
    )
    return [
        (day, counted.get(day, 0))
        for day in (since + dt.timedelta(days=offset) for offset in range(days))
    ]


def daily_views_total(*, site_id: int, days: int, today: dt.date | None = None) -> int:
    """Return the views of all the portal's articles in the last days."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=days - 1)
    views = ArticleDay.objects.filter(article__site_id=site_id, day__gte=since, day__lte=today)
    return views.aggregate(total=Sum("views"))["total"] or 0
