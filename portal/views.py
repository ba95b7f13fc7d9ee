"""Files at the site's root that robots and browsers ask for."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView

from news.caching import cache_public_response
from portal.sitemaps import sitemaps

SITEMAP_CACHE_SECONDS = 60 * 60


@cache_public_response(SITEMAP_CACHE_SECONDS)
def sitemap_index(request):
    """Return the sitemap index: one entry per page of each section."""
    return sitemap_views.index(request, sitemaps=sitemaps(), sitemap_url_name="sitemap_section")


@cache_public_response(SITEMAP_CACHE_SECONDS)
def sitemap_section(request, section):
    """Return one page of one section of the sitemap."""
    return sitemap_views.sitemap(request, sitemaps=sitemaps(), section=section)


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


class FaviconView(RedirectView):
    """Send browsers that ask for /favicon.ico to the static icon."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")
