"""The portal package as an app: it registers the system checks of the deployment."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from portal import checks  # noqa: F401  (registers the checks)
