"""Reads of editorial content that build more than a one-line queryset."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Prefetch,
    Q,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from news.dates import LocalPeriod, first_of_previous_month, month_range
from news.models import Album, Article, Category, Photo


def public_articles():
    """Return published articles with their category, newest first."""
    return Article.objects.published().select_related("category").newest_first()


def featured_article():
    """Return the newest published article marked featured, else the newest one."""
    articles = public_articles()
    return articles.filter(featured=True).first() or articles.first()


def latest_by_category(*, per_category: int) -> list[tuple[Category, list[Article]]]:
    """Return each category with its newest public articles, in one query for the articles."""
    ranked = public_articles().annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("category_id")],
            order_by=[F("published_at").desc(), F("id").desc()],
        )
    )
    by_category: dict[int, list[Article]] = {}
    for article in ranked.filter(rank__lte=per_category):
        by_category.setdefault(article.category_id, []).append(article)
    return [
        (category, by_category[category.pk])
        for category in Category.objects.all()
        if category.pk in by_category
    ]


def _in_category_of(article: Article):
    return Article.objects.published().filter(category_id=article.category_id)


def _listed_before(article: Article, *, inclusive: bool = False) -> Q:
    """Return a filter for articles listed above this one (newer, ties broken by id)."""
    same_moment = {"id__gte" if inclusive else "id__gt": article.id}
    return Q(published_at__gt=article.published_at) | Q(
        published_at=article.published_at, **same_moment
    )


def _listed_after(article: Article) -> Q:
    """Return a filter for articles listed below this one (older, ties broken by id)."""
    return Q(published_at__lt=article.published_at) | Q(
        published_at=article.published_at, id__lt=article.id
    )


def newer_in_category(article: Article, *, limit: int) -> list[Article]:
    """Return the nearest newer public articles of the article's category, newest first."""
    nearest = (
        _in_category_of(article).filter(_listed_before(article)).order_by("published_at", "id")
    )
    return list(reversed(nearest[:limit]))


def older_in_category(article: Article, *, limit: int) -> list[Article]:
    """Return the nearest older public articles of the article's category, newest first."""
    return list(_in_category_of(article).filter(_listed_after(article)).newest_first()[:limit])


def listing_page_after(article: Article, *, page_size: int) -> int:
    """Return the category listing page that holds the public article right after this one."""
    position = _in_category_of(article).filter(_listed_before(article, inclusive=True)).count()
    return position // page_size + 1


# --- Archives by local date -------------------------------------------------


@dataclass(frozen=True)
class DateCount:
    """A local day or month and the number of public articles in it."""

    date: dt.date
    count: int


def count_by_period(articles, *, kind: str) -> list[DateCount]:
    """Return the local days or months ("day", "month") of articles with counts, oldest first.

    articles must already be narrowed to a range of published_at, so that the
    query reads only that range of the (status, published_at) index.
    """
    rows = (
        articles.order_by()
        .annotate(period=LocalPeriod(F("published_at"), kind=kind))
        .values("period")
        .annotate(count=Count("id"))
        .order_by("period")
    )
    return [DateCount(row["period"], row["count"]) for row in rows]


def day_counts(month: dt.date) -> list[DateCount]:
    """Return the local days of a month that have public articles, with counts."""
    since, until = month_range(month)
    articles = Article.objects.published().filter(published_at__gte=since, published_at__lt=until)
    return count_by_period(articles, kind="day")


def recent_month_counts(*, months: int) -> list[DateCount]:
    """Return the last months that have public articles, newest first, with counts.

    The window ends with the month of the newest article, so a portal that
    has not published lately still shows its last months.
    """
    published = Article.objects.published()
    newest = published.order_by("-published_at").values_list("published_at", flat=True).first()
    if newest is None:
        return []
    last = timezone.localdate(newest).replace(day=1)
    first = last
    for _ in range(months - 1):
        first = first_of_previous_month(first)
    since, until = month_range(first)[0], month_range(last)[1]
    in_window = published.filter(published_at__gte=since, published_at__lt=until)
    return list(reversed(count_by_period(in_window, kind="month")))


def nearest_dates(since: dt.datetime, until: dt.datetime) -> tuple[dt.date | None, dt.date | None]:
    """Return the local dates of the nearest public articles before since and from until on."""
    published = Article.objects.published().order_by()
    before = (
        published.filter(published_at__lt=since)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    after = (
        published.filter(published_at__gte=until)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return (
        timezone.localdate(before) if before else None,
        timezone.localdate(after) if after else None,
    )


@dataclass(frozen=True)
class ArchiveCalendar:
    """A month as weeks from Monday to Sunday, and the nearest months with articles."""

    month: dt.date
    weeks: list[list[DateCount | None]]
    previous_month: dt.date | None
    next_month: dt.date | None


def archive_calendar(month: dt.date) -> ArchiveCalendar:
    """Return the calendar of a local month, in three indexed queries whatever the data."""
    month = month.replace(day=1)
    counts = {day.date: day.count for day in day_counts(month)}
    weeks = [
        [DateCount(day, counts.get(day, 0)) if day.month == month.month else None for day in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            month.year, month.month
        )
    ]
    before, after = nearest_dates(*month_range(month))
    return ArchiveCalendar(
        month=month,
        weeks=weeks,
        previous_month=before.replace(day=1) if before else None,
        next_month=after.replace(day=1) if after else None,
    )


# --- Photo gallery -----------------------------------------------------------


def albums_with_cover():
    """Return the public albums, each with its photo count and `covers`: its first photo."""
    return (
        Album.objects.published()
        .annotate(photo_count=Count("photos"))
        .prefetch_related(
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id")[:1], to_attr="covers")
        )
    )


def latest_photos(*, limit: int) -> list[Photo]:
    """Return the newest photos of public albums, with their album."""
    return list(
        Photo.objects.filter(album__published=True)
        .select_related("album")
        .order_by("-date", "-id")[:limit]
    )
