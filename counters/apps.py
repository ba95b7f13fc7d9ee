from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountersConfig(AppConfig):
    name = "counters"
    verbose_name = _("Thống kê truy cập")

    def ready(self):
        from counters import demo
        from news.signals import demo_loaded

        demo_loaded.connect(demo.load, dispatch_uid="counters-demo-readers")
