"""Infrastructure shared by the apps; it imports none of them, they register with it."""

from django.apps import AppConfig
from django.core.signals import request_finished, request_started

from core import caching, checks  # noqa: F401  (checks: registers the system checks)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Hạ tầng"

    def ready(self):
        # Each request reads the content version once (core.caching).
        request_started.connect(caching.begin_request, dispatch_uid="core-content-version")
        request_finished.connect(caching.end_request, dispatch_uid="core-content-version")
