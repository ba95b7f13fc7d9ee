"""Who is counted: the visitor's cookie id, and which requests count at all."""

import functools
import ipaddress
import logging
import uuid
from urllib.parse import urlsplit

import crawleruseragents
from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.http import is_same_domain
from django.utils.module_loading import import_string

from counters import conf

logger = logging.getLogger(__name__)

# Headers with which browsers mark speculative loads (prefetch, prerender,
# link previews); such a load is not a person reading the page.
PURPOSE_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Return True if the user agent is empty or a known crawler or link-preview fetcher."""
    # The list's check runs some 1,500 patterns; a site sees few distinct user agents.
    return not user_agent.strip() or crawleruseragents.is_crawler(user_agent)


def is_countable(request: HttpRequest) -> bool:
    """Return True if the request is a person's browser loading a public page."""
    # META rather than request.headers, which copies every header on first use.
    meta = request.META
    if request.method not in ("GET", "POST"):
        return False
    if is_bot(meta.get("HTTP_USER_AGENT", "")[:1000]):
        return False
    if any("prefetch" in meta.get(h, "").lower() for h in PURPOSE_HEADERS):
        return False
    if meta.get("HTTP_X_PURPOSE", "").lower() in ("preview", "instant"):
        return False
    # Another site cannot make our readers count (the cookie is SameSite=Lax anyway).
    if meta.get("HTTP_SEC_FETCH_SITE", "").lower() == "cross-site":
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated and user.is_staff)


def visitor_id(request: HttpRequest) -> tuple[uuid.UUID, bool]:
    """Return the visitor's id from the signed cookie, or a new one; and whether it is new.

    A missing, unsigned, forged or malformed cookie gets a new id, never an error.
    """
    value = request.get_signed_cookie(conf.COOKIE_NAME, default=None, salt=conf.COOKIE_SALT)
    if value and len(value) == 32:
        try:
            return uuid.UUID(hex=value), False
        except ValueError:
            pass
    return uuid.uuid4(), True


@functools.lru_cache(maxsize=8)
def _cookie_signer(_keys: tuple):
    # What HttpResponse.set_signed_cookie builds on every call, kept per
    # secret key (and fallbacks and backend), so a changed key signs anew.
    return signing.get_cookie_signer(salt=conf.COOKIE_NAME + conf.COOKIE_SALT)


def remember_visitor(request: HttpRequest, response: HttpResponse, visitor: uuid.UUID) -> None:
    """Give the browser the visitor's id for about a year, out of reach of page scripts.

    Signed as response.set_signed_cookie() signs it, so request.get_signed_cookie() reads it.
    """
    keys = (settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS), settings.SIGNING_BACKEND)
    response.set_cookie(
        conf.COOKIE_NAME,
        _cookie_signer(keys).sign(visitor.hex),
        max_age=conf.COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


@functools.cache
def _warn_of_an_untrusted_proxy() -> None:
    # Once per process: behind a proxy that is not trusted, every new visitor
    # seems to come from the proxy and all share one allowance.
    logger.warning(
        "Counting requests carry X-Forwarded-For but DJANGO_TRUSTED_PROXY_COUNT is 0: "
        "new visitors are limited by the proxy's address, not their own."
    )


@functools.cache
def _client_ip():
    # The function that finds the client behind our proxies for login lock-outs
    # (DJANGO_TRUSTED_PROXY_COUNT), so that both limits see the same address.
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)


def address_of(request: HttpRequest) -> str:
    """Return the address a new visitor's allowance is kept for: IPv4, or an IPv6 /64.

    One subscriber gets a whole IPv6 /64 (or more) and may use any address
    in it, so the /64 is what one address is in IPv6.
    """
    if not getattr(settings, "TRUSTED_PROXY_COUNT", 0) and "HTTP_X_FORWARDED_FOR" in request.META:
        _warn_of_an_untrusted_proxy()
    address = _client_ip()(request)
    if address is None:
        return "?"
    if ":" not in address:
        # IPv4 as it is: no need to parse it a second time.
        return address
    ip = ipaddress.ip_address(address)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def from_another_site(request: HttpRequest) -> bool:
    """Return True if the request's Origin names another site than the one it was sent to.

    A request without Origin (a page without JavaScript, an old browser, a
    program) is not from another site. The scheme is not compared: behind a
    proxy that does not say it terminated HTTPS, https pages would be refused.
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False
    try:
        host = request.get_host()
        parts = urlsplit(origin)
    except (DisallowedHost, ValueError):
        # "null", or a URL that does not parse ("http://[x"), names no site of ours.
        return True
    if parts.scheme and parts.netloc and parts.netloc.lower() == host.lower():
        return False
    return not _trusted_origin(origin, parts.scheme, parts.netloc)


def _trusted_origin(origin: str, scheme: str, netloc: str) -> bool:
    """Return True if CSRF_TRUSTED_ORIGINS names the origin (exactly, or by a *. pattern)."""
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if origin == trusted:
            return True
        if "*" in trusted and netloc:
            pattern = urlsplit(trusted)
            if scheme == pattern.scheme and is_same_domain(netloc, pattern.netloc.lstrip("*")):
                return True
    return False
