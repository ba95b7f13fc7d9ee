"""Admin: the statistics page for staff, and total corrections for superusers."""

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone

from counters import selectors
from counters.charts import bar_chart
from counters.models import ArticleTotal, SiteTotal, Statistics

CHART_PERIODS = (30, 90)


class MostReadPeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Khoảng thời gian",
        choices=[(7, "7 ngày qua"), (30, "30 ngày qua"), (90, "90 ngày qua")],
        coerce=int,
        initial=7,
    )


class StaffOnly:
    """Let every active staff member see, and nobody add, change or delete here."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


@admin.register(Statistics)
class StatisticsAdmin(StaffOnly, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        form = MostReadPeriodForm(request.GET or None)
        days = form.cleaned_data["days"] if form.is_valid() else 7
        today = timezone.localdate()
        charts = [
            (period, bar_chart(selectors.daily_visits(days=period, today=today)))
            for period in CHART_PERIODS
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Thống kê truy cập",
            "opts": self.model._meta,
            "numbers": selectors.live_numbers(),
            "charts": charts,
            "form": form,
            "days": days,
            "views_in_period": selectors.daily_views_total(days=days, today=today),
            "most_read": selectors.most_read_with_totals(days=days, limit=20, today=today),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/counters/statistics.html", context)


class SuperuserCorrects(StaffOnly):
    """Only superusers may correct a total; other staff may look."""

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SiteTotal)
class SiteTotalAdmin(SuperuserCorrects, admin.ModelAdmin):
    list_display = ["__str__", "visits"]
    fields = ["visits"]

    def has_add_permission(self, request):
        return request.user.is_superuser and not SiteTotal.objects.exists()


@admin.register(ArticleTotal)
class ArticleTotalAdmin(SuperuserCorrects, admin.ModelAdmin):
    list_display = ["article", "views"]
    list_select_related = ["article"]
    search_fields = ["article__title", "article__slug"]
    ordering = ["-views"]
    raw_id_fields = ["article"]

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        return ["article"] if obj else []
