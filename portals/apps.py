from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "portals"
    verbose_name = _("Cổng thông tin")
    default = True

    def ready(self):
        from portals import signals

        # After contrib.sites' own handler, which makes an example.com site in an empty table.
        post_migrate.connect(signals.ensure_first_portal, sender=self)


class PortalsAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, whose default site lets each portal's staff in on its hosts."""

    default = False
    default_site = "portals.admin.PortalAdminSite"
