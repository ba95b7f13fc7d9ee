"""One content version for every cache that holds public pages, feeds or sitemaps.

Any change to articles bumps the version, so cached entries keyed with the old
version are never read again; no key-by-key purge is needed and every process
sharing the cache sees the change at once. Scheduled publishing needs no cron
job: cache lifetimes never run past the next moment an article appears or
expires.
"""

import datetime as dt
import functools
import hashlib
import time

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from news.models import Article

VERSION_KEY = "news:content-version"
NEXT_CHANGE_KEY = "news:next-change:{version}"


def content_version() -> int:
    """Return the current content version, starting one if the cache has none."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A time-based start cannot collide with versions of an earlier cache life.
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version() -> None:
    """Make every cached public page, feed and sitemap stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def next_change_at() -> dt.datetime | None:
    """Return when public content next changes by itself: a scheduled article or an expiry."""
    now = timezone.now()
    key = NEXT_CHANGE_KEY.format(version=content_version())
    cached = cache.get(key)
    if cached is not None and (cached == "never" or cached > now):
        return None if cached == "never" else cached
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    # Two plain MIN()s, each answered from an index; one MIN() ... FILTER read every row.
    moments = [
        published.filter(published_at__gt=now).aggregate(moment=Min("published_at"))["moment"],
        published.filter(expires_at__gt=now).aggregate(moment=Min("expires_at"))["moment"],
    ]
    moments = [moment for moment in moments if moment is not None]
    result = min(moments) if moments else None
    cache.set(key, result or "never", timeout=None if result is None else 24 * 3600)
    return result


def cache_timeout(default: int) -> int:
    """Return a lifetime in seconds that does not outlive the next scheduled change."""
    moment = next_change_at()
    if moment is None:
        return default
    remaining = int((moment - timezone.now()).total_seconds())
    return max(1, min(default, remaining))


def cached_for_content(name: str, compute, *, timeout: int):
    """Return compute()'s value, kept until the content changes or timeout seconds pass.

    For data every page shows (sidebar counts): computed once per content
    version instead of on every request, and never kept past the next
    scheduled publication or expiry.
    """
    key = f"news:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, cache_timeout(timeout))
    return value


def cache_public_response(timeout: int):
    """Return a view decorator that caches successful GET responses per content version.

    The key holds the absolute URL (feeds and sitemaps carry the host) and the
    content version, so any article change serves fresh content at once; the
    lifetime never outlives the next scheduled publication or expiry.
    """

    def decorator(view):
        @functools.wraps(view)
        def cached_view(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
            key = f"news:response:{content_version()}:{url}"
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                if response.status_code == 200 and not response.streaming:
                    cache.set(key, response, cache_timeout(timeout))
            return response

        return cached_view

    return decorator
