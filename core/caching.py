"""One content version per portal for every cache that holds public pages, feeds or sitemaps.

Any change to a portal's public content (news bumps it on every article change)
bumps that portal's version (the portal being served: core.sites), and only
its, so cached entries keyed with the old version are never read again; no
key-by-key purge is needed and every process sharing the cache sees the change
within CONTENT_VERSION_SECONDS (a quarter of a second; the process that made it,
at once). Scheduled publishing needs no cron job: cache lifetimes never run past
the next moment an article appears or expires, which the apps tell through
register_next_change() at start-up.
"""

import datetime as dt
import enum
import functools
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.sites import current_site_id

# Every key this module writes starts with it (the page cache has its own, core.pagecache).
KEY_PREFIX = "news:"
VERSION_KEY = f"{KEY_PREFIX}content-version:{{site}}"
NEXT_CHANGE_KEY = f"{KEY_PREFIX}next-change:{{site}}:{{version}}"
# Entries this process keeps beside the shared cache, at most.
LOCAL_ENTRIES = 256
# Values kept per article or page by this process alone, at most: a few MB.
PROCESS_ONLY_ENTRIES = 512
# Small rendered pieces (list items, their frames, the text snippets are cut
# from) this process keeps, at most: a few MB.
RENDERED_ENTRIES = 4096
RENDERED_SECONDS = 3600
# How long this process trusts the next scheduled change it read; past that
# moment it reads again whatever this says.
NEXT_CHANGE_SECONDS = 60

# While the shared cache keeps nothing (Redis unreachable), each process holds
# a version of its own this long: its pages then lag a change made by another
# process by at most that much, instead of every cache of the process starting
# over on each request.
FALLBACK_SECONDS = 5

_request = threading.local()
_fallback_lock = threading.Lock()
# Per portal: the version this process made up while the shared cache keeps nothing.
_fallback: dict[int, dict] = {}
# Per portal: the version this process read last, and until when it trusts it (monotonic).
_known: dict[int, dict] = {}
# Functions of the apps (news: its next scheduled publication or expiry), each
# answering when a portal's public content next changes by itself after `now`, or None.
_next_change_sources: list[Callable[[dt.datetime, int], dt.datetime | None]] = []


def register_next_change(source: Callable[[dt.datetime, int], dt.datetime | None]) -> None:
    """Let an app say when its public content next changes by itself (AppConfig.ready()).

    source(now, site_id) returns that moment for the portal, or None if nothing
    is scheduled; cached entries never outlive the earliest answer.
    """
    if source not in _next_change_sources:
        _next_change_sources.append(source)


def begin_request(**kwargs) -> None:
    """Read the content version afresh once for the request that starts (request_started)."""
    _request.active, _request.version = True, None


def end_request(**kwargs) -> None:
    """Stop reusing the request's content version (request_finished)."""
    _request.active, _request.version = False, None


def _trust(site: int) -> dict:
    return _known.setdefault(site, {"version": 0, "until": 0.0})


def _new_version() -> int:
    # Random, not the clock: a cache emptied while the clock is frozen or set
    # back must not meet a version of its earlier life.
    return secrets.randbits(62)


def content_version() -> int:
    """Return the current content version, starting one if the cache has none.

    Within a request the version is read once: every cache key of one page
    then agrees. A process trusts the version it read for
    settings.CONTENT_VERSION_SECONDS: under load most pages then cost no
    shared-cache read at all, and a change made elsewhere shows within that
    much (one made by this process, at once).
    """
    site = current_site_id()
    kept = getattr(_request, "version", None) if getattr(_request, "active", False) else None
    if kept is not None and kept[0] == site:
        return kept[1]
    now = time.monotonic()
    known = _trust(site)
    # Bounded on both sides: a clock set back (tests travel in time) must not
    # make a read last.
    if 0 < known["until"] - now <= settings.CONTENT_VERSION_SECONDS:
        version = known["version"]
    else:
        version = _shared_version(site)
        known["version"], known["until"] = version, now + settings.CONTENT_VERSION_SECONDS
    if getattr(_request, "active", False):
        _request.version = (site, version)
    return version


def _shared_version(site: int) -> int:
    key = VERSION_KEY.format(site=site)
    version = cache.get(key)
    if version is None:
        version = _new_version()
        if not cache.add(key, version, timeout=None):
            # Another process set it first, or the cache keeps nothing.
            version = cache.get(key)
            if version is None:
                version = _process_version(site)
    return version


def _process_version(site: int) -> int:
    now = time.monotonic()
    with _fallback_lock:
        fallback = _fallback.setdefault(site, {"version": 0, "until": 0.0})
        if fallback["until"] <= now:
            fallback["version"], fallback["until"] = _new_version(), now + FALLBACK_SECONDS
        return fallback["version"]


def bump_content_version(site_id: int | None = None) -> None:
    """Make every cached public page, feed and sitemap of a portal stale (the current one).

    The other portals' caches are left as they are.
    """
    site = current_site_id() if site_id is None else site_id
    _request.version = None
    _fallback.pop(site, None)
    _known.pop(site, None)
    key = VERSION_KEY.format(site=site)
    try:
        cache.incr(key)
    except ValueError:
        # Missing, or refused by a full Redis that evicts nothing. A delete is
        # never refused: if the set is, each process keeps a version of its own
        # for FALLBACK_SECONDS, and the change shows anyway.
        cache.delete(key)
        cache.set(key, _new_version(), timeout=None)


def next_change_at() -> dt.datetime | None:
    """Return when public content next changes by itself (a scheduled article, an expiry).

    The registered sources say when (register_next_change). Kept per content
    version in the shared cache and, for NEXT_CHANGE_SECONDS, in this process:
    every page that fills a cache asks for it.
    """
    now = timezone.now()
    version = content_version()
    site = current_site_id()
    key = NEXT_CHANGE_KEY.format(site=site, version=version)
    cached = _next_changes.get(version, key)
    if cached is None:
        cached = cache.get(key)
        if cached is not None:
            _next_changes.set(version, key, cached, NEXT_CHANGE_SECONDS)
    if cached is not None and (cached == "never" or cached > now):
        return None if cached == "never" else cached
    moments = [
        moment for source in _next_change_sources if (moment := source(now, site)) is not None
    ]
    result = min(moments) if moments else None
    cache.set(key, result or "never", timeout=None if result is None else 24 * 3600)
    _next_changes.set(version, key, result or "never", NEXT_CHANGE_SECONDS)
    return result


def cache_timeout(default: int) -> int:
    """Return a lifetime in seconds that does not outlive the next scheduled change."""
    moment = next_change_at()
    if moment is None:
        return default
    remaining = int((moment - timezone.now()).total_seconds())
    return max(1, min(default, remaining))


class ProcessEntries:
    """Values this process keeps for each portal's content version, each until its deadline.

    Keyed by the version read from the shared cache, they need no purge of
    their own: a change on a portal bumps its version and its values are
    dropped; the other portals' stay.
    """

    def __init__(self, capacity: int):
        self.capacity = capacity
        # Per portal, the content version its entries belong to.
        self.versions: dict[int, int] = {}
        self.entries: dict[tuple[int, str], tuple[float, object]] = {}
        self.lock = threading.Lock()

    def get(self, version: int, key: str):
        """Return the value kept for key, None if none; a list comes as a copy of its own.

        The list kept is shared by every thread of the process: a reader that
        sorts or extends what it got must not change what the next one reads.
        """
        site = current_site_id()
        entry = self.entries.get((site, key)) if version == self.versions.get(site) else None
        if entry is None or entry[0] <= time.time():
            return None
        value = entry[1]
        return list(value) if isinstance(value, list) else value

    def set(self, version: int, key: str, value, timeout: int) -> None:
        site = current_site_id()
        with self.lock:
            if len(self.entries) >= self.capacity:
                self.versions, self.entries = {}, {}
            if version != self.versions.get(site):
                self.entries = {k: v for k, v in self.entries.items() if k[0] != site}
                self.versions[site] = version
            self.entries[(site, key)] = (time.time() + timeout, value)


_local = ProcessEntries(LOCAL_ENTRIES)
_process_only = ProcessEntries(PROCESS_ONLY_ENTRIES)
_rendered = ProcessEntries(RENDERED_ENTRIES)
_next_changes = ProcessEntries(4)


def cached_for_content(
    name: str, compute, *, timeout: int, shared: bool = True, entries: ProcessEntries | None = None
):
    """Return compute()'s value, kept until the content changes or timeout seconds pass.

    For what every page shows (menus, sidebar blocks): computed once per
    content version instead of on every request, kept in this process as well
    as in the shared cache, and never kept past the next scheduled
    publication or expiry. With shared=False only this process keeps it, among
    at most PROCESS_ONLY_ENTRIES values (or in entries of the caller's own):
    for values kept per article or page, which would be too many for the
    shared cache.
    """
    version = content_version()
    key = f"{KEY_PREFIX}{name}:{current_site_id()}:{version}"
    local = _local if shared else entries or _process_only
    value = local.get(version, key)
    if value is not None:
        return value
    value = cache.get(key) if shared else None
    lifetime = cache_timeout(timeout)
    if value is None:
        value = compute()
        if shared:
            cache.set(key, value, lifetime)
    local.set(version, key, value, lifetime)
    # The reader gets its own list, as later readers do (ProcessEntries.get).
    return list(value) if isinstance(value, list) else value


# A page number as the views' own links write it ("?p=2" of a sitemap).
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def _is_cached_query(request, page_parameter: str | None) -> bool:
    """Return True if the query string is empty or only the page number, written one way.

    Any other query string is answered without the cache: keyed by it, each
    `?x=1`, `?x=2`... would store the whole response once more.
    """
    if not request.META.get("QUERY_STRING"):
        return True
    items = list(request.GET.lists())
    return (
        len(items) == 1
        and items[0][0] == page_parameter
        and len(items[0][1]) == 1
        and _PAGE_NUMBER.fullmatch(items[0][1][0]) is not None
    )


def cache_public_response(timeout: int, *, page_parameter: str | None = None):
    """Return a view decorator that caches successful GET responses per content version.

    The key holds the absolute URL (feeds and sitemaps carry the host) and the
    content version, so any article change serves fresh content at once; the
    lifetime never outlives the next scheduled publication or expiry. Only
    URLs without a query string, or with just `page_parameter`, are cached.
    """

    def decorator(view):
        @functools.wraps(view)
        def cached_view(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not _is_cached_query(
                request, page_parameter
            ):
                return view(request, *args, **kwargs)
            url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
            key = f"{KEY_PREFIX}response:{current_site_id()}:{content_version()}:{url}"
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                if response.status_code == 200 and not response.streaming:
                    # A feed is written in thousands of small pieces, which the
                    # server would send one by one: send (and keep) one.
                    response.content = response.content
                    cache.set(key, response, cache_timeout(timeout))
            return response

        return cached_view

    return decorator


def rendered_for_content(key: str, render, *, timeout: int = RENDERED_SECONDS) -> str:
    """Return render()'s HTML of a small piece many pages share, kept per content version.

    Only this process keeps it: for a list item, fetching it from the shared
    cache would cost about as much as rendering it.
    """
    version = content_version()
    html = _rendered.get(version, key)
    if html is None:
        html = render()
        _rendered.set(version, key, html, timeout)
    return html


class Scope(enum.Enum):
    """Where a cached piece is kept."""

    # The shared cache (Redis), and a copy in this process: what every page shows.
    SHARED = "shared"
    # This process alone: values per article or page, too many for the shared cache.
    PROCESS = "process"
    # This process alone, among small rendered HTML pieces (rendered_for_content).
    RENDERED = "rendered"
    # A whole response or a lifetime sent to browsers: the piece only says how long.
    RESPONSE = "response"


class Cached:
    """One cached piece, declared once by the app that owns it: name, lifetime and scope.

    Every piece is kept per content version and never past the next
    scheduled change. seconds is a number, or a function returning one when a
    setting says it. With entries, a PROCESS piece has a store of its own of
    that many values (else it shares one of PROCESS_ONLY_ENTRIES).
    """

    def __init__(
        self,
        name: str,
        seconds: int | Callable[[], int],
        scope: Scope = Scope.SHARED,
        *,
        entries: int | None = None,
    ):
        self.name, self.seconds, self.scope = name, seconds, scope
        self.store = ProcessEntries(entries) if entries else None

    def __repr__(self) -> str:
        return f"Cached({self.name!r}, {self.seconds!r}, {self.scope})"

    def lifetime(self) -> int:
        """Return the lifetime in seconds this piece is declared with (before the next change)."""
        return self.seconds() if callable(self.seconds) else self.seconds

    def key(self, *parts) -> str:
        """Return the name of one value of this piece: its name and the parts, colon-separated."""
        return ":".join([self.name, *map(str, parts)])

    def get(self, compute, *parts):
        """Return compute()'s value for the parts of the key, kept as the scope says."""
        key = self.key(*parts)
        if self.scope is Scope.RENDERED:
            return rendered_for_content(key, compute, timeout=self.lifetime())
        if self.scope is Scope.RESPONSE:
            raise TypeError(f"{self!r} is the lifetime of a response, not a value")
        return cached_for_content(
            key,
            compute,
            timeout=self.lifetime(),
            shared=self.scope is Scope.SHARED,
            entries=self.store,
        )

    def get_many(self, keys: list, read: Callable[[list], dict]) -> dict:
        """Return the values kept for keys, read(missing keys) -> {key: value} for the others.

        A PROCESS piece with entries of its own only. A key read() gives no
        value for is left out.
        """
        version, kept = content_version(), self.store
        found = {key: value for key in keys if (value := kept.get(version, key)) is not None}
        missing = [key for key in keys if key not in found]
        if missing:
            for key, value in read(missing).items():
                kept.set(version, key, value, self.lifetime())
                found[key] = value
        return found

    def timeout(self) -> int:
        """Return the lifetime, cut short by the next scheduled change (cache_timeout)."""
        return cache_timeout(self.lifetime())
