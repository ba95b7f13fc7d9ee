"""Whole-page cache for anonymous readers, shared by every process through the cache.

Why not Django's cache middleware: it keys on every header named in Vary, so
with `Vary: Cookie` each reader's own cookies (the visitor id of the counters,
for one) would give each reader a private copy. Here the key is the page's
absolute URL, the content version and the reader's display choices (text size,
contrast), the only cookies that change the HTML. A change to any article bumps
the content version, so no page outlives a publish, an edit or an unpublish;
lifetimes stop at the next scheduled publication or expiry (news.caching).

Readers with a session cookie (editors, staff) neither get nor store cached
pages. Only plain 200 HTML responses without cookies or private/no-store cache
headers are stored; anything else (the counting endpoint, feeds, errors)
passes through untouched.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control

from news.caching import ProcessEntries, cache_timeout, content_version
from portal.display import display_preferences

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

_process_pages = ProcessEntries(PROCESS_PAGES)


def page_key(request) -> str:
    """Return the cache key of the page the request asks for, as this reader sees it."""
    # Only validated choices count, so forged cookies cannot multiply the entries.
    variant = display_preferences(request)
    digest = hashlib.sha256(f"{request.build_absolute_uri()}\n{variant}".encode()).hexdigest()
    return f"page:{content_version()}:{digest}"


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
        version = content_version()
        key = page_key(request)
        entry = _process_pages.get(version, key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                self.keep_in_process(version, key, entry)
        if entry is not None:
            return self.cached_response(entry)
        response = self.get_response(request)
        if may_store(request, response):
            self.store(version, key, response)
        return response

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

    def store(self, version: int, key: str, response) -> None:
        """Keep the response until content changes or the next scheduled change."""
        try:
            timeout = cache_timeout(settings.PAGE_CACHE_TIMEOUT)
        except DatabaseError:
            return
        expires_at = time.time() + timeout
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS
        ]
        entry = (response.content, headers, expires_at)
        cache.set(key, entry, timeout)
        self.keep_in_process(version, key, entry)
        response["X-Page-Cache"] = "miss"
        make_public(response, expires_at=expires_at)
