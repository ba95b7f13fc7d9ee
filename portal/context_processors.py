"""Site-wide template context: the portal's identity and its category menu."""

import functools

from core.sites import current_site_id
from news.selectors import all_categories
from portals.selectors import profile


def portal(request):
    """Return the portal's name, agency, contacts and the menu's categories."""
    identity = getattr(request, "portal", None) or profile(current_site_id())
    return {
        "portal": identity,
        # A callable: read (from the cache) only by templates that show the menu.
        "menu_categories": functools.partial(all_categories, site_id=identity.site_id),
    }
