"""Login protection: the client's address behind proxies, and django-axes' backend."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str | None:
    """Return the address of the client, trusting only our own proxies' X-Forwarded-For entries.

    Each of the TRUSTED_PROXY_COUNT proxies appends the address it received the
    request from, so the client is that many entries from the right; anything
    further left was written by the client and may be forged.
    """
    address = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            address = forwarded[-count]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


class AxesBackend(AxesStandaloneBackend):
    """Refuse logins of locked-out users and addresses.

    Calls without a request (management commands, the test client's login())
    come from code on the server, not from a login form an attacker can reach:
    django-axes would raise on them, this backend lets the next backend decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """Answer a locked-out login attempt in Vietnamese, saying how long to wait."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
