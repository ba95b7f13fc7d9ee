from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        from django.core.signals import request_finished, request_started

        from news import caching, signals  # noqa: F401

        request_started.connect(caching.begin_request, dispatch_uid="news-content-version")
        request_finished.connect(caching.end_request, dispatch_uid="news-content-version")
