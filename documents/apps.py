from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import caching


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        # Models are ready only now: what documents registers with core is imported here.
        from documents import query_parameters, selectors, signals  # noqa: F401  (receivers)

        caching.register_next_change(selectors.next_change)
        query_parameters.register()
