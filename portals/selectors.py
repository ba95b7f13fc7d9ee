"""Which portal a host name belongs to, and each portal's identity, kept in this process."""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.templatetags.static import static

from portals.models import HostName, Portal

# How long a process trusts the host names it read: a portal added by another
# process (add_site) answers within that much; one added by this process, at once.
HOSTS_SECONDS = 5


@dataclass(frozen=True)
class Profile:
    """What pages show of a portal; read once per HOSTS_SECONDS, not per request."""

    site_id: int
    domain: str
    name: str
    agency: str
    address: str
    hotline: str
    email: str
    logo: str
    colour: str

    @property
    def logo_url(self) -> str:
        return logo_url(self.logo)


def logo_url(value: str) -> str:
    """Return the address of a logo: a static file's path, or a path on this site as given."""
    # Another site's address is not taken: the pages' Content-Security-Policy (img-src
    # 'self') would block the picture.
    return value if value.startswith("/") else static(value)


_lock = threading.Lock()
_known: dict = {"hosts": {}, "profiles": {}, "until": 0.0}


def forget_portals() -> None:
    """Read host names and profiles afresh on the next request (after a change)."""
    _known["until"] = 0.0


def _load() -> dict:
    now = time.monotonic()
    known = _known
    if 0 < known["until"] - now <= HOSTS_SECONDS:
        return known
    with _lock:
        try:
            return _read(now)
        except DatabaseError:
            if not known["hosts"]:
                raise
            # A database outage: the portals known a moment ago still are.
            known["until"] = now + HOSTS_SECONDS
            return known


def _read(now: float) -> dict:
    profiles = {
        portal.site_id: Profile(
            site_id=portal.site_id,
            domain=portal.site.domain,
            name=portal.name,
            agency=portal.agency,
            address=portal.address,
            hotline=portal.hotline,
            email=portal.email,
            logo=portal.logo,
            colour=portal.colour,
        )
        for portal in Portal.objects.select_related("site")
    }
    hosts = dict(HostName.objects.values_list("name", "portal_id"))
    _known.update(hosts=hosts, profiles=profiles, until=now + HOSTS_SECONDS)
    return _known


def site_for_host(host: str) -> int | None:
    """Return the id of the portal answering on a (normalised) host name, or None."""
    return _load()["hosts"].get(host)


def profile(site_id: int) -> Profile | None:
    """Return a portal's identity, or None if there is no such portal."""
    return _load()["profiles"].get(site_id)


def all_profiles() -> list[Profile]:
    """Return every portal's identity, in the order they were created."""
    return sorted(_load()["profiles"].values(), key=lambda p: p.site_id)


def first_hosts() -> list[str]:
    """Return the host names the first portal answers on when it is made.

    PORTAL_HOSTS if set, else the exact names of ALLOWED_HOSTS: an
    installation that served one portal keeps answering where it did.
    """
    names = settings.PORTAL_HOSTS or [
        host for host in settings.ALLOWED_HOSTS if host and not host.startswith((".", "*"))
    ]
    return list(dict.fromkeys(names)) or ["localhost"]
