from django.contrib.sites.models import Site
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portals import services
from portals.models import HostName, Portal
from portals.selectors import forget_portals


def ensure_first_portal(**kwargs):
    """Give a database emptied and migrated again (tests flush) its first portal."""
    services.ensure_first_portal()


@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=Portal)
@receiver([post_save, post_delete], sender=HostName)
def portals_changed(**kwargs):
    forget_portals()
