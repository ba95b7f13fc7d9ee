"""Whole-page cache for anonymous readers, shared by every process through the cache.

Why not Django's cache middleware: it keys on every header named in Vary, so
with `Vary: Cookie` each reader's own cookies (the visitor id of the counters,
for one) would give each reader a private copy. Here the key is the page's
absolute URL, the content version and the reader's display choices (text size,
contrast), the only cookies that change the HTML. A change to any article bumps
the content version, so no page outlives a publish, an edit or an unpublish;
lifetimes stop at the next scheduled publication or expiry (core.caching).
Nothing here knows the apps: they declare which query parameters their pages
read (cache_query_parameters).

Readers with a session cookie (editors, staff) neither get nor store cached
pages. Only plain 200 HTML responses without cookies or private/no-store cache
headers are stored; anything else (the counting endpoint, feeds, errors)
passes through untouched.

The cache is bounded whatever visitors type (docs/caching.md):
- a query string is part of the key only where the page reads it
  (CACHED_QUERIES, declared by the apps), each value written the one way the page's own links
  write it; any other query string (`/?utm=1`, `?page=02`, an unknown
  parameter) is served without the page cache, since the page is the same
  and the key would only multiply it. Well-known tracking parameters
  (`utm_*`, `fbclid`, `zarsrc`...) are taken off the request first, so shared
  links are cached like the page itself;
- search pages, whose keys hold free text, are stored at most
  PAGE_CACHE_SEARCH_PAGES times per PAGE_CACHE_TIMEOUT;
- pages are stored zlib-compressed: about a fifth of their size.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
import zlib
from collections.abc import Iterable, Mapping
from urllib.parse import unquote_plus, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re, patch_cache_control

from core.caching import ProcessEntries, cache_timeout, content_version
from core.display import display_preferences

# A cached page keeps only these response headers; the cache headers are made anew.
DROPPED_HEADERS = frozenset(
    {"cache-control", "vary", "expires", "set-cookie", "content-length", "x-page-cache"}
)
# Vary values a stored page may carry; any other means the page depends on more than we key on.
STORABLE_VARY = frozenset({"cookie", "accept-language", "accept-encoding"})
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
MESSAGES_COOKIE = "messages"
# Pages each process also keeps itself, at most: a hit then costs no transfer from the cache.
PROCESS_PAGES = 512

# zlib's default trade-off: level 9 saves a few per cent more for twice the time.
COMPRESSION_LEVEL = 6

_process_pages = ProcessEntries(PROCESS_PAGES)

# A page number as the portal's own links write it; the apps name the other spellings.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
# The parameters each page (by URL name) reads and may be cached under, each
# with the one spelling the portal's own links and forms give its values, so
# that one page has one key. The apps declare them at start-up
# (cache_query_parameters); a page not named is cached without a query string only.
CACHED_QUERIES: dict[str, dict[str, re.Pattern]] = {}
# Parameters holding free text (search words): pages keyed by them are stored
# at most PAGE_CACHE_SEARCH_PAGES times per PAGE_CACHE_TIMEOUT.
FREE_TEXT: set[str] = set()


def cache_query_parameters(
    view_name: str, spellings: Mapping[str, re.Pattern], *, free_text: Iterable[str] = ()
) -> None:
    """Let the page named view_name be cached under these query parameters (AppConfig.ready()).

    spellings maps each parameter to the pattern its values must match in
    full; free_text names those of them whose values readers type.
    """
    CACHED_QUERIES[view_name] = {**CACHED_QUERIES.get(view_name, {}), **spellings}
    FREE_TEXT.update(free_text)
    _memoised_cached_query.cache_clear()


# Added to shared links by social networks, mail and ad campaigns; no page reads them.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "zarsrc", "mc_cid", "mc_eid"})
TRACKING_PREFIXES = ("utm_",)
SEARCH_BUDGET_KEY = "pagecache:search-pages:{window}"


def is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def drop_tracking_parameters(request) -> None:
    """Take tracking parameters off the request, so that the page neither varies nor shows them."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    parts = query.split("&")
    kept = [part for part in parts if not is_tracking(unquote_plus(part.split("=", 1)[0]))]
    if len(kept) != len(parts):
        request.META["QUERY_STRING"] = "&".join(kept)
        # GET is parsed from QUERY_STRING on first use; forget a parse made earlier.
        request.__dict__.pop("GET", None)


def cached_query(request) -> str | None:
    """Return the query string the page is cached under ("" for none), or None for no caching."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return ""
    if len(query) + len(request.path_info) > MEMOISED_LENGTH:
        return _cached_query(request.path_info, query, settings.ROOT_URLCONF)
    return _memoised_cached_query(request.path_info, query, settings.ROOT_URLCONF)


def _cached_query(path_info: str, query: str, urlconf: str) -> str | None:
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return None
    spellings = CACHED_QUERIES.get(match.view_name, {})
    pairs = []
    for name, values in QueryDict(query).lists():
        if name not in spellings or len(values) != 1:
            return None
        if not spellings[name].fullmatch(values[0]):
            return None
        pairs.append((name, values[0]))
    return urlencode(sorted(pairs))


# Resolving the path and reading the query cost two thirds of a hit kept by the
# process; the same few listing pages are asked for again and again. Bounded in
# count and in the length of what it keeps.
MEMOISED_LENGTH = 512
_memoised_cached_query = functools.lru_cache(maxsize=2048)(_cached_query)


def page_key(request, query: str = "") -> str:
    """Return the cache key of the page the request asks for, as this reader sees it."""
    # Only validated choices count, so forged cookies cannot multiply the entries.
    variant = display_preferences(request)
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(f"{url}\n{variant}".encode()).hexdigest()
    # "pagez": entries of the uncompressed format, kept under "page", are never read.
    return f"pagez:{content_version()}:{digest}"


def within_search_budget() -> bool:
    """Count one more stored search page; return False once the period's allowance is spent.

    Fixed periods of PAGE_CACHE_TIMEOUT: a page lives no longer, so at most
    two periods' pages are kept at any time.
    """
    period = max(1, settings.PAGE_CACHE_TIMEOUT)
    key = SEARCH_BUDGET_KEY.format(window=int(time.time() // period))
    if cache.add(key, 1, timeout=2 * period):
        return settings.PAGE_CACHE_SEARCH_PAGES >= 1
    try:
        return cache.incr(key) <= settings.PAGE_CACHE_SEARCH_PAGES
    except ValueError:
        # The cache keeps nothing now: storing would not use it either.
        return False


def may_use_cache(request) -> bool:
    """Return True if the request may be answered from, and fill, the page cache."""
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    # A pending flash message is for this reader only.
    if MESSAGES_COOKIE in request.COOKIES:
        return False
    return not request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES))


def may_store(request, response) -> bool:
    """Return True if the response is the same public HTML for every anonymous reader."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html") or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {header.lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    if not vary <= STORABLE_VARY:
        return False
    # A page that used the CSRF token holds a value tied to this reader's cookie.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def make_public(response, *, expires_at: float) -> None:
    """Let shared caches keep the response briefly, varying only on what changes the HTML."""
    remaining = max(0, int(expires_at - time.time()))
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={min(settings.PAGE_CACHE_SHARED_MAX_AGE, remaining)}"
    )
    vary = [
        header
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header and header.lower() not in {"cookie", "accept-language"}
    ]
    # One language only: Accept-Language would split shared caches for nothing.
    if len(settings.LANGUAGES) > 1:
        vary.append("Accept-Language")
    response["Vary"] = ", ".join([*vary, "Cookie"])


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous readers (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # A staff member's page must never be kept by a proxy for others.
                patch_cache_control(response, private=True)
            return response
        drop_tracking_parameters(request)
        query = cached_query(request)
        if query is None:
            return self.get_response(request)
        version = content_version()
        key = page_key(request, query)
        entry = _process_pages.get(version, key)
        if entry is None:
            entry = self.shared_entry(key)
            if entry is not None:
                self.keep_in_process(version, key, entry)
        if entry is not None:
            return self.cached_response(entry)
        response = self.get_response(request)
        if may_store(request, response):
            self.store(version, key, response, free_text=not FREE_TEXT.isdisjoint(request.GET))
        return response

    def shared_entry(self, key: str):
        """Return the entry the shared cache keeps under key, its page uncompressed, or None."""
        stored = cache.get(key)
        if stored is None:
            return None
        compressed, headers, expires_at = stored
        return zlib.decompress(compressed), headers, expires_at

    def keep_in_process(self, version: int, key: str, entry) -> None:
        """Keep a cache entry in this process too, no longer than the shared cache does."""
        remaining = int(entry[2] - time.time())
        if remaining > 0:
            _process_pages.set(version, key, entry, remaining)

    def cached_response(self, entry) -> HttpResponse:
        """Rebuild a response from a cache entry."""
        content, headers, expires_at = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        make_public(response, expires_at=expires_at)
        return response

    def store(self, version: int, key: str, response, *, free_text: bool = False) -> None:
        """Keep the response until content changes or the next scheduled change."""
        try:
            timeout = cache_timeout(settings.PAGE_CACHE_TIMEOUT)
        except DatabaseError:
            return
        if free_text and not within_search_budget():
            return
        expires_at = time.time() + timeout
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS
        ]
        content = response.content
        cache.set(key, (zlib.compress(content, COMPRESSION_LEVEL), headers, expires_at), timeout)
        # This process keeps the page as it is sent: a hit here costs no decompression.
        self.keep_in_process(version, key, (content, headers, expires_at))
        response["X-Page-Cache"] = "miss"
        make_public(response, expires_at=expires_at)
