"""Settings of the counters, with their defaults."""

import datetime as dt

from django.conf import settings


def view_window() -> dt.timedelta:
    """Return how long a view (and a visit) lasts before the same visitor counts again."""
    return dt.timedelta(seconds=getattr(settings, "COUNTERS_VIEW_WINDOW", 30 * 60))


def online_window() -> dt.timedelta:
    """Return how recently a visitor must have been seen to count as online."""
    return dt.timedelta(seconds=getattr(settings, "COUNTERS_ONLINE_WINDOW", 5 * 60))


def flood_limit() -> tuple[int, dt.timedelta]:
    """Return how many counting requests one visitor may make per period."""
    return (
        getattr(settings, "COUNTERS_FLOOD_LIMIT", 30),
        dt.timedelta(seconds=getattr(settings, "COUNTERS_FLOOD_PERIOD", 60)),
    )


def new_visitors_per_minute() -> int:
    """Return how many new visitors one address may bring per minute (0: no limit)."""
    return max(0, getattr(settings, "COUNTERS_NEW_VISITORS_PER_MINUTE", 30))


def prune_every() -> int:
    """Return after how many recorded hits, on average, stale marks are pruned (0: never)."""
    return getattr(settings, "COUNTERS_PRUNE_EVERY", 1000)


def shards() -> int:
    """Return over how many rows each count is spread."""
    return max(1, getattr(settings, "COUNTERS_SHARDS", 8))


def synchronous_commit() -> bool:
    """Return False if counting transactions on PostgreSQL may skip waiting for the disk."""
    return getattr(settings, "COUNTERS_SYNCHRONOUS_COMMIT", False)


def prepared_statements() -> bool:
    """Return False if the counting statement may not be prepared on PostgreSQL connections.

    Only a pooler in front of PostgreSQL that hands each statement to another
    session (PgBouncer's transaction mode before version 1.21) needs it off.
    """
    return getattr(settings, "COUNTERS_PREPARED_STATEMENTS", True)


def database_function() -> bool:
    """Return False if counting on PostgreSQL runs statement by statement from Python.

    On (the default), a counting request on PostgreSQL is one call of the
    PL/pgSQL function counters_record_hit; off, it takes the steps that
    SQLite takes, from counters/services.py. Both count the same (the tests
    run on both); the function is the fast one. Other databases always take
    the Python path.
    """
    return getattr(settings, "COUNTERS_DATABASE_FUNCTION", True)


def middleware() -> list[str]:
    """Return the middleware an anonymous counting request goes through (see middleware.py)."""
    return getattr(settings, "COUNTERS_MIDDLEWARE", [])


def page_numbers_seconds() -> int:
    """Return how long pages may show the same visit numbers and most-read list.

    Pages only start with these: with JavaScript, the counting request that
    every page makes answers with the live numbers, which replace them.
    """
    return getattr(settings, "COUNTERS_PAGE_NUMBERS_SECONDS", 10)


COOKIE_NAME = getattr(settings, "COUNTERS_COOKIE_NAME", "visitor")
COOKIE_SALT = "counters.visitor"
COOKIE_MAX_AGE = 365 * 24 * 3600
MOST_READ_DAYS = 7
