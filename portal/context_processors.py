"""Site-wide template context: the portal's identity and its category menu."""

from django.conf import settings
from django.templatetags.static import static

from news.selectors import all_categories


def portal(request):
    """Return the portal's name, agency, contacts and the menu's categories."""
    return {
        "portal": {
            "name": settings.PORTAL_NAME,
            "agency": settings.PORTAL_AGENCY,
            "address": settings.PORTAL_ADDRESS,
            "hotline": settings.PORTAL_HOTLINE,
            "email": settings.PORTAL_EMAIL,
            "logo": logo_url(settings.PORTAL_LOGO),
        },
        # A callable: read (from the cache) only by templates that show the menu.
        "menu_categories": all_categories,
    }


def logo_url(value: str) -> str:
    """Return the address of the logo: a static file's path, or a path on this site as given."""
    # Another site's address is not taken: the pages' Content-Security-Policy (img-src
    # 'self') would block the picture.
    return value if value.startswith("/") else static(value)
