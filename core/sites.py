"""The portal a request is for, as a number every cache of core can key on.

One installation serves many portals, each a django.contrib.sites Site. The
middleware that reads the Host header (portals.middleware) activates the
portal's id for the request; code outside a request (commands, the shell)
works for FIRST_SITE_ID unless it activates another. Only the caches read it
from here: queries take their site as an argument, so that a query compiled
once (core.prepared) can never keep the site of the request that built it.
"""

import contextlib
import contextvars

# The portal a single-portal installation had before portals existed; migrations
# move its content there.
FIRST_SITE_ID = 1

_current: contextvars.ContextVar[int] = contextvars.ContextVar("site_id", default=FIRST_SITE_ID)


def current_site_id() -> int:
    """Return the id of the portal being served (FIRST_SITE_ID outside a request)."""
    return _current.get()


@contextlib.contextmanager
def site_activated(site_id: int):
    """Serve site_id within the block: its content versions, its cached pieces."""
    token = _current.set(site_id)
    try:
        yield
    finally:
        _current.reset(token)
