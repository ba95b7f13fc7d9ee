"""URLs of pages that lists link by the dozen, filled into a pattern reversed once.

Listings link dozens of articles, and an archive month dozens of days; a full
reverse() for each was a visible share of those pages' time.
"""

import datetime as dt
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Stand-ins that the URL converters accept and no fixed part of a URL holds.
PLACEHOLDERS = {"slug": "slug-placeholder", "year": "9753", "month": "97", "day": "96"}
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

_patterns: dict[tuple, list[str] | None] = {}


def _pattern(name: str, keywords: tuple[str, ...]) -> list[str] | None:
    """Return the URL's pieces: fixed text at even indexes, keyword names at odd ones.

    None if a placeholder does not stand out exactly once in the reversed URL.
    """
    key = (name, keywords, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if key not in _patterns:
        url = reverse(name, kwargs={keyword: PLACEHOLDERS[keyword] for keyword in keywords})
        by_placeholder = {PLACEHOLDERS[keyword]: keyword for keyword in keywords}
        pieces = re.split(f"({'|'.join(map(re.escape, by_placeholder))})", url)
        pieces[1::2] = [by_placeholder[piece] for piece in pieces[1::2]]
        exact = sorted(pieces[1::2]) == sorted(keywords)
        _patterns[key] = pieces if exact else None
    return _patterns[key]


def fill(name: str, **values: str) -> str:
    """Return reverse(name, kwargs=values) for values already written as the URL writes them."""
    pieces = _pattern(name, tuple(values))
    if pieces is None:
        return reverse(name, kwargs=values)
    return "".join(values[piece] if index % 2 else piece for index, piece in enumerate(pieces))


def slug_url(name: str, slug: str) -> str:
    """Return reverse(name, kwargs={"slug": slug}); an unusual slug takes the full way."""
    if not SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    return fill(name, slug=slug)


def month_url(month: dt.date) -> str:
    """Return the archive page of the month of a date."""
    return fill("news:archive_month", year=f"{month.year:04d}", month=f"{month.month:02d}")


def day_url(day: dt.date) -> str:
    """Return the archive page of a local day."""
    return fill(
        "news:archive_day", year=f"{day.year:04d}", month=f"{day.month:02d}", day=f"{day.day:02d}"
    )
