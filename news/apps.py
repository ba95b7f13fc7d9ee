from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import caching
from news import query_parameters


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        # Models are ready only now: what news registers with core is imported here.
        from news import selectors, signals  # noqa: F401  (signals: receivers)

        caching.register_next_change(selectors.next_scheduled_change)
        query_parameters.register()
