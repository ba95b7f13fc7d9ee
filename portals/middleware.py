"""Pick the portal of each request by its Host header."""

from django.contrib.sites import models as sites_models
from django.contrib.sites.models import Site
from django.db import InterfaceError, OperationalError
from django.template.response import TemplateResponse

from core.middleware import DatabaseUnavailableMiddleware
from core.sites import site_activated
from portals.models import normalise_host
from portals.selectors import profile, site_for_host

# Host headers (with their ports) whose Site contrib.sites keeps, at most.
SITE_CACHE_ENTRIES = 1024


def remember_site(site: Site) -> None:
    """Let get_current_site() (feeds, sitemaps, the admin) answer with the request's portal.

    contrib.sites looks a request's Site up by its domain alone, which a
    portal's other names and a port would miss; its cache, keyed by the Host
    header, is filled here instead, within a bound.
    """
    # Read anew each time: Site.objects.clear_cache() puts a new dict in its place.
    cached = sites_models.SITE_CACHE
    if len(cached) >= SITE_CACHE_ENTRIES and site.domain not in cached:
        cached.clear()
    cached[site.domain] = site


class PortalMiddleware:
    """Set request.site and request.portal from the Host header, or answer 404.

    A host that ALLOWED_HOSTS lets through but no portal claims gets a page of
    its own: never another portal's content.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Its 503, and its warning in the log (at most one every few seconds).
        self.database_unavailable = DatabaseUnavailableMiddleware(get_response)

    def __call__(self, request):
        # get_host() refuses what ALLOWED_HOSTS does not allow (400, DisallowedHost).
        host = normalise_host(request.get_host())
        try:
            site_id = site_for_host(host)
        except (OperationalError, InterfaceError) as error:
            # Nothing is known of the portals yet and the database is out of reach.
            return self.database_unavailable.process_exception(request, error)
        portal = profile(site_id) if site_id is not None else None
        if portal is None:
            response = TemplateResponse(
                request, "portals/unknown_host.html", {"host": host}, status=404
            )
            return response.render()
        request.portal = portal
        # The portal as this request reaches it: feeds and sitemaps link on the
        # name (and port) the reader used, as they did before portals had names.
        request.site = Site(id=portal.site_id, domain=request.get_host(), name=portal.name[:50])
        remember_site(request.site)
        with site_activated(portal.site_id):
            return self.get_response(request)
