"""Settings of news, with their defaults, read when used (not at import)."""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string


def page_size() -> int:
    """Return how many articles a listing page shows."""
    return getattr(settings, "NEWS_PAGE_SIZE", 20)


def search_max_results() -> int:
    """Return how many matches a search counts, ranks and lists at most."""
    return getattr(settings, "NEWS_SEARCH_MAX_RESULTS", 500)


def attachment_root() -> Path:
    """Return the folder of attached documents, outside MEDIA_ROOT (see attachments.py)."""
    return Path(
        getattr(settings, "NEWS_ATTACHMENT_ROOT", None)
        or Path(settings.BASE_DIR) / "private" / "attachments"
    )


def attachment_max_bytes() -> int:
    """Return the largest attachment accepted, in bytes."""
    return getattr(settings, "NEWS_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)


def article_annotations() -> list[Callable[[QuerySet], QuerySet]]:
    """Return the functions that add what other apps show with an article to its query.

    Dotted paths in NEWS_ARTICLE_ANNOTATIONS, each taking and returning a
    queryset of articles: the counters add the view count there, read in the
    article page's own query, without news naming them.
    """
    return [import_string(path) for path in getattr(settings, "NEWS_ARTICLE_ANNOTATIONS", ())]


def search_groups() -> list[Callable[..., dict | None]]:
    """Return the functions that add groups of their own to the site search's results.

    Dotted paths in NEWS_SEARCH_GROUPS, each called as f(query=...) and
    returning None or {"html": ..., "first": bool}: the documents' group,
    shown above the articles when "first", without news naming it.
    """
    return [import_string(path) for path in getattr(settings, "NEWS_SEARCH_GROUPS", ())]
