"""What the archive reads: counts by day, month and year, a month's summary, the calendar."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
)
from django.utils import timezone

from news.archive.dates import LocalPeriod, first_of_previous_month, month_range
from news.cache_policy import ARCHIVE_YEARS, MONTH_SUMMARY
from news.models import Article


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


def day_counts(month: dt.date, *, site_id: int) -> list[DateCount]:
    """Return the local days of a month that have public articles, with counts."""
    since, until = month_range(month)
    articles = (
        Article.objects.published()
        .of_portal(site_id)
        .filter(published_at__gte=since, published_at__lt=until)
    )
    return count_by_period(articles, kind="day")


def recent_month_counts(*, site_id: int, months: int) -> list[DateCount]:
    """Return the last months that have public articles, newest first, with counts.

    The window ends with the month of the newest article, so a portal that
    has not published lately still shows its last months.
    """
    published = Article.objects.published().of_portal(site_id)
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


@dataclass(frozen=True)
class YearCount:
    """A local year, the number of public articles in it, and its months that have any."""

    date: dt.date
    count: int
    months: list[DateCount]


def archive_years(*, site_id: int) -> list[YearCount]:
    """Return every local year that has public articles, newest first, with its months.

    One query over the whole archive, kept until the content changes: the
    archive's index is the only page that reads every month.
    """

    def compute() -> list[YearCount]:
        by_year: dict[int, list[DateCount]] = {}
        for month in count_by_period(Article.objects.published().of_portal(site_id), kind="month"):
            by_year.setdefault(month.date.year, []).append(month)
        return [
            YearCount(dt.date(year, 1, 1), sum(month.count for month in months), months)
            for year, months in sorted(by_year.items(), reverse=True)
        ]

    return ARCHIVE_YEARS.get(compute)


def nearest_dates(
    since: dt.datetime, until: dt.datetime, *, site_id: int
) -> tuple[dt.date | None, dt.date | None]:
    """Return the local dates of the nearest public articles before since and from until on."""
    published = Article.objects.published().of_portal(site_id).order_by()
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
class MonthSummary:
    """A local month's days that have public articles, with counts, and its nearest months."""

    month: dt.date
    days: list[DateCount]
    previous_month: dt.date | None
    next_month: dt.date | None


def month_summary(month: dt.date, *, site_id: int) -> MonthSummary:
    """Return the summary of a local month, kept until the content changes.

    The month page and the calendar both show it, and the calendar of the
    current month is on every archive page.
    """
    month = month.replace(day=1)

    def compute() -> MonthSummary:
        before, after = nearest_dates(*month_range(month), site_id=site_id)
        return MonthSummary(
            month=month,
            days=day_counts(month, site_id=site_id),
            previous_month=before.replace(day=1) if before else None,
            next_month=after.replace(day=1) if after else None,
        )

    return MONTH_SUMMARY.get(compute, f"{month:%Y-%m}")


@dataclass(frozen=True)
class ArchiveCalendar:
    """A month as weeks from Monday to Sunday, and the nearest months with articles."""

    month: dt.date
    weeks: list[list[DateCount | None]]
    previous_month: dt.date | None
    next_month: dt.date | None


def archive_calendar(month: dt.date, *, site_id: int) -> ArchiveCalendar:
    """Return the calendar of a local month from its summary."""
    summary = month_summary(month, site_id=site_id)
    month = summary.month
    counts = {day.date: day.count for day in summary.days}
    weeks = [
        [DateCount(day, counts.get(day, 0)) if day.month == month.month else None for day in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            month.year, month.month
        )
    ]
    return ArchiveCalendar(
        month=month,
        weeks=weeks,
        previous_month=summary.previous_month,
        next_month=summary.next_month,
    )


# --- Photo gallery -----------------------------------------------------------
