"""Views of the portal itself, outside any content app: display settings, robots, sitemaps."""

import functools
import hashlib

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import etag, require_GET, require_safe
from django.views.generic import RedirectView

from core.caching import cache_public_response
from core.display import (
    ALL_CLASSES,
    CONTRAST_COOKIE,
    COOKIE_MAX_AGE,
    DEFAULTS,
    TEXT_SIZE_COOKIE,
    display_preferences,
    html_class,
    normalise,
)
from portal.cache_policy import SITEMAPS
from portal.sitemaps import sitemaps
from portals.models import darker


@never_cache
@require_GET
def display_settings(request):
    """Remember the reader's text size or contrast, then go back to the page they were on.

    A plain link works without JavaScript (redirect); the header's script asks
    for JSON and applies the new classes without a reload.
    """
    changes = {}
    for name in (TEXT_SIZE_COOKIE, CONTRAST_COOKIE):
        if name in request.GET:
            value = normalise(name, request.GET[name])
            if value is None:
                return HttpResponseBadRequest(
                    "Lựa chọn hiển thị không hợp lệ.", content_type="text/plain; charset=utf-8"
                )
            changes[name] = value
    if "application/json" in request.headers.get("Accept", ""):
        text_size, contrast = display_preferences(request)
        text_size = changes.get(TEXT_SIZE_COOKIE, text_size)
        contrast = changes.get(CONTRAST_COOKIE, contrast)
        response = JsonResponse(
            {
                TEXT_SIZE_COOKIE: text_size,
                CONTRAST_COOKIE: contrast,
                "classes": html_class(text_size, contrast).split(),
                "all_classes": ALL_CLASSES,
            }
        )
    else:
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("news:home")
        response = HttpResponseRedirect(next_url)
    for name, value in changes.items():
        if value == DEFAULTS[name]:
            # Readers with default settings carry no cookie, like every first-time reader.
            response.delete_cookie(name, samesite="Lax")
        else:
            response.set_cookie(
                name,
                value,
                max_age=COOKIE_MAX_AGE,
                samesite="Lax",
                secure=request.is_secure(),
                httponly=True,
            )
    return response


@cache_public_response(SITEMAPS.lifetime())
def sitemap_index(request):
    """Return the sitemap index: one entry per page of each section."""
    return sitemap_views.index(
        request, sitemaps=sitemaps(request.site.id), sitemap_url_name="sitemap_section"
    )


@cache_public_response(SITEMAPS.lifetime(), page_parameter="p")
def sitemap_section(request, section):
    """Return one page of one section of the sitemap."""
    return sitemap_views.sitemap(request, sitemaps=sitemaps(request.site.id), section=section)


@require_safe
def robots_txt(request):
    """Return robots.txt: everything public may be crawled except the admin and search."""
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL_PATH}",
        f"Disallow: {reverse('news:search')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def css_string(text: str) -> str:
    """Return text as a double-quoted CSS string.

    Backslashes and quotes are escaped, and so are control characters (a
    newline would end the string, and the rule with it) as hexadecimal escapes.
    """
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char < " " or char == "\x7f":
            escaped.append(f"\\{ord(char) or 0xFFFD:x} ")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


PRINT_CSS_SECONDS = 60 * 60


# At most a few entries: one per host that ALLOWED_HOSTS accepts (Django has refused any
# other Host header before the view), and no more than 16 whatever ALLOWED_HOSTS says.
@functools.lru_cache(maxsize=16)
def _print_css(name: str, address: str) -> tuple[str, str]:
    """Return the print stylesheet naming the portal and its address, and its ETag."""
    text = (
        "/* The portal's name and address at the foot of every printed sheet;\n"
        "   static/css/print.css sets their type and adds the sheet's number. */\n"
        f"@page {{ @bottom-left {{ content: {css_string(f'{name} – {address}')}; }} }}\n"
    )
    return text, hashlib.sha256(text.encode()).hexdigest()[:32]


def print_css(request) -> tuple[str, str]:
    """Return the print stylesheet for the site's address as the request reached it."""
    return _print_css(request.portal.name, f"{request.scheme}://{request.get_host()}")


@require_safe
@cache_control(public=True, max_age=PRINT_CSS_SECONDS)
@etag(lambda request: print_css(request)[1])
def print_stylesheet(request):
    """Return the stylesheet that names the portal and its address on every printed sheet.

    Every page links it for print only. Its text comes from settings and the
    request's host, so it cannot be a static file, and the pages cannot carry it
    themselves: their Content-Security-Policy forbids inline styles.
    """
    return HttpResponse(print_css(request)[0], content_type="text/css; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=PRINT_CSS_SECONDS)
def colour_stylesheet(request):
    """Return the portal's colour as the stylesheet's variables, for pages that link it.

    Linked only by portals that have a colour of their own (head_assets.html);
    like the print stylesheet, it cannot be inline: the pages' policy forbids it.
    """
    colour = request.portal.colour
    if not colour:
        raise Http404
    text = f":root {{ --blue: {colour}; --link: {colour}; --blue-dark: {darker(colour)}; }}\n"
    return HttpResponse(text, content_type="text/css; charset=utf-8")


class FaviconView(RedirectView):
    """Send browsers that ask for /favicon.ico to the static icon."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")
