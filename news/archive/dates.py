"""Local (Vietnam) calendar arithmetic for the archives, computed in Python.

The database is never asked to convert time zones: day, month and year pages
filter on half-open ranges of aware datetimes computed here, and per-day or
per-month counts shift UTC by the zone's fixed offset in SQL (Vietnam has kept
UTC+7 without daylight saving time since 1975), which reads the same on
SQLite and PostgreSQL and needs no time-zone tables.
"""

import datetime as dt
import re
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateField, DateTimeField, ExpressionWrapper, Func, Value
from django.db.models.functions import Cast, Trunc
from django.utils import timezone

# Years an archive URL may name. Earlier than any web portal; the upper bound
# keeps "the day after" inside Python's calendar.
ARCHIVE_YEARS = range(1900, 9999)

_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@cache
def fixed_utc_offset() -> dt.timedelta:
    """Return the local zone's offset from UTC, refusing a zone with daylight saving time."""
    zone = timezone.get_default_timezone()
    year = timezone.now().year
    offsets = {dt.datetime(year, month, 1, 12, tzinfo=zone).utcoffset() for month in (1, 7)}
    if len(offsets) != 1:
        raise ImproperlyConfigured(
            "The archives count articles per local day with a fixed UTC offset; "
            f"TIME_ZONE {zone} changes its offset during the year."
        )
    return offsets.pop()


def start_of_day(day: dt.date) -> dt.datetime:
    """Return the aware datetime at which the local day begins."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def day_range(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Return the half-open range [start, end) of aware datetimes of a local day."""
    return start_of_day(day), start_of_day(day + dt.timedelta(days=1))


def first_of_next_month(month: dt.date) -> dt.date:
    """Return the first day of the month after the month holding the date."""
    if month.month == 12:
        return dt.date(month.year + 1, 1, 1)
    return dt.date(month.year, month.month + 1, 1)


def first_of_previous_month(month: dt.date) -> dt.date:
    """Return the first day of the month before the month holding the date."""
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def month_range(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Return the half-open range [start, end) of aware datetimes of a local month."""
    return start_of_day(month.replace(day=1)), start_of_day(first_of_next_month(month))


def parse_year_month(value: str | None) -> dt.date | None:
    """Return the first day of a month written "2018-04", or None if it is not one."""
    match = _YEAR_MONTH.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if year not in ARCHIVE_YEARS or not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1)


class LocalPeriod(Func):
    """The local day, or the first day of the local month, of a UTC datetime column, as a date.

    Each database shifts the stored UTC value by the fixed offset with its own
    date functions: fast, and indifferent to the database's time-zone data and
    session settings (the only zone named is UTC).
    """

    output_field = DateField()
    KINDS = ("day", "month")

    def __init__(self, expression, *, kind: str):
        if kind not in self.KINDS:
            raise ValueError(f"kind must be one of {self.KINDS}, not {kind!r}")
        self.kind = kind
        super().__init__(expression)

    def _seconds(self) -> int:
        return int(fixed_utc_offset().total_seconds())

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # SQLite stores "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC; date() reads it natively.
        modifiers = f"'{self._seconds():+d} seconds'"
        if self.kind == "month":
            modifiers += ", 'start of month'"
        return f"date({sql}, {modifiers})", params

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        shifted = f"(({sql}) AT TIME ZONE 'UTC' + INTERVAL '{self._seconds()} seconds')"
        return f"DATE_TRUNC('{self.kind}', {shifted})::date", params

    def as_sql(self, compiler, connection, **extra_context):
        # Other databases: Django's truncation of the shifted value, read in UTC.
        shifted = ExpressionWrapper(
            self.source_expressions[0] + Value(fixed_utc_offset()), output_field=DateTimeField()
        )
        truncated = Trunc(shifted, self.kind, output_field=DateTimeField(), tzinfo=dt.UTC)
        return compiler.compile(Cast(truncated, DateField()).resolve_expression(compiler.query))
