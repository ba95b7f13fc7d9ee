from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "portals"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from portals import signals

        # After contrib.sites' own handler, which makes an example.com site in an empty table.
        post_migrate.connect(signals.ensure_first_portal, sender=self)
