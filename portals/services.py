"""Making portals: the first one from the settings, the others with add_site."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.translation import gettext as _

from core.sites import FIRST_SITE_ID
from portals.models import HostName, Portal, validate_host_name
from portals.selectors import first_hosts, forget_portals


def clean_host_names(names: list[str]) -> list[str]:
    """Return the names normalised, or raise ValidationError naming the bad or taken one."""
    cleaned = []
    for raw in names:
        # Case and a trailing dot are how a name is written; a port or a scheme is a mistake.
        name = raw.strip().lower().rstrip(".")
        validate_host_name(name)
        if name in cleaned:
            continue
        if HostName.objects.filter(name=name).exists():
            raise ValidationError(
                _("Tên miền “%(name)s” đã thuộc về một cổng khác.") % {"name": name},
                code="host_taken",
            )
        cleaned.append(name)
    if not cleaned:
        raise ValidationError(_("Cần ít nhất một tên miền."), code="no_host")
    return cleaned


@transaction.atomic
def create_portal(*, domain: str, name: str, agency: str = "", aliases=(), **profile) -> Portal:
    """Create a portal answering on domain (and aliases), with its profile; all or nothing."""
    hosts = clean_host_names([domain, *aliases])
    name = name.strip()
    if not name:
        raise ValidationError(_("Cần tên của cổng."), code="no_name")
    site = Site.objects.create(domain=hosts[0], name=name[:50])
    portal = Portal(site=site, name=name, agency=agency or name, **profile)
    portal.full_clean(exclude=["site"])
    portal.save()
    HostName.objects.bulk_create(HostName(name=host, portal=portal) for host in hosts)
    transaction.on_commit(forget_portals)
    return portal


def settings_profile() -> dict:
    """Return the first portal's identity as the PORTAL_* settings give it."""
    return {
        "name": settings.PORTAL_NAME,
        "agency": settings.PORTAL_AGENCY,
        "address": settings.PORTAL_ADDRESS,
        "hotline": settings.PORTAL_HOTLINE,
        "email": settings.PORTAL_EMAIL,
        "logo": settings.PORTAL_LOGO,
    }


def ensure_first_portal(*, site_model=Site, portal_model=Portal, host_model=HostName) -> None:
    """Make the first portal if there is none: Site 1, the settings' identity, its hosts.

    The models may be a migration's historical ones.
    """
    if portal_model.objects.exists():
        return
    hosts = first_hosts()
    profile = settings_profile()
    site, created = site_model.objects.update_or_create(
        pk=FIRST_SITE_ID, defaults={"domain": hosts[0], "name": profile["name"][:50]}
    )
    if created:
        # A row given its id: the next Site must not be handed that id again (PostgreSQL).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [site_model]):
                cursor.execute(sql)
    portal = portal_model.objects.create(site_id=site.pk, **profile)
    host_model.objects.bulk_create(
        host_model(name=host, portal_id=portal.pk)
        for host in hosts
        if not host_model.objects.filter(name=host).exists()
    )
    forget_portals()
