"""Middleware of the portal: security headers, and a 503 while the database is unreachable."""

from __future__ import annotations

import logging
import time

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger("core.database")

RETRY_AFTER_SECONDS = 15
WARNING_INTERVAL = 10.0


class DatabaseUnavailableMiddleware:
    """Turn a lost or unreachable database into a 503 with Retry-After instead of a 500.

    Django raises OperationalError when the pool cannot hand out a connection in
    time (psycopg_pool.PoolTimeout underneath) or the server went away mid-query,
    and InterfaceError on a connection that was already closed. The page is
    rendered without a request, so no context processor touches the database;
    the next request simply tries again, so service resumes on its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.last_warning = float("-inf")

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        now = time.monotonic()
        if now - self.last_warning >= WARNING_INTERVAL:
            self.last_warning = now
            logger.warning("Database unavailable, answering 503: %s", exception)
        return service_unavailable()


def service_unavailable() -> HttpResponse:
    """Return the static 503 page, asking clients and proxies to retry shortly."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Send the site's Content-Security-Policy, relaxed only where the admin needs it.

    A response that sets a policy of its own keeps it, and no other is built
    for it: building one costs a tenth of a counting request.
    """

    def process_response(self, request, response):
        if HEADER in response:
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(f"/{settings.ADMIN_URL_PATH}"):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header built from settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )
        if header:
            response.headers.setdefault("Permissions-Policy", header)
        return response
