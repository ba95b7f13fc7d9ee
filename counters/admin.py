"""Admin: the statistics page for staff, and corrections of totals for superusers."""

import contextlib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from counters import selectors, services
from counters.charts import bar_chart
from counters.models import Statistics
from news.models import Article
from portals.admin import request_site_id

CHART_PERIODS = (30, 90)


class MostReadPeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Khoảng thời gian",
        choices=[(7, "7 ngày qua"), (30, "30 ngày qua"), (90, "90 ngày qua")],
        coerce=int,
        initial=7,
    )


# An article's id as the correction form reads it; anything else is taken for a slug.
ARTICLE_ID = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class CorrectionForm(forms.Form):
    article = forms.CharField(
        label="Bài viết",
        required=False,
        max_length=220,
        help_text="Mã số hoặc đường dẫn (slug) của bài viết. Để trống để đính chính "
        "tổng lượt truy cập của cổng thông tin này.",
    )
    total = forms.IntegerField(label="Số đúng", min_value=0, max_value=2**63 - 1)

    def __init__(self, *args, site_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        # The portal whose articles the form looks up: another portal's id or slug is unknown.
        self.site_id = site_id

    def clean_article(self):
        key = self.cleaned_data["article"].strip()
        if not key:
            return None
        match = Q(slug=key)
        # str.isdigit() accepts "²", which int() refuses: let a form field decide what an id is.
        with contextlib.suppress(ValidationError):
            match |= Q(pk=ARTICLE_ID.clean(key))
        articles = list(Article.objects.filter(match, site_id=self.site_id)[:2])
        if not articles:
            raise ValidationError("Không có bài viết nào có mã số hoặc đường dẫn này.")
        if len(articles) > 1:
            raise ValidationError("Hai bài viết khớp: hãy ghi đường dẫn đầy đủ.")
        return articles[0]


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

    def get_urls(self):
        correct = self.admin_site.admin_view(self.correction_view)
        return [
            path("dinh-chinh/", correct, name="counters_statistics_correct"),
            *super().get_urls(),
        ]

    def correction_view(self, request):
        """Let a superuser replace the portal's total visits or an article's total views."""
        if not request.user.is_superuser:
            raise PermissionDenied
        form = CorrectionForm(request.POST or None, site_id=request_site_id(request))
        if request.method == "POST" and form.is_valid():
            article, total = form.cleaned_data["article"], form.cleaned_data["total"]
            if article is None:
                services.set_totals(
                    site_id=request_site_id(request), site_visits=total, article_views={}
                )
                messages.success(request, f"Đã đặt tổng lượt truy cập thành {total}.")
            else:
                services.set_totals(article_views={article.pk: total})
                messages.success(request, f"Đã đặt lượt xem của “{article}” thành {total}.")
            return redirect("admin:counters_statistics_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Đính chính số liệu",
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/counters/correction.html", context)

    def changelist_view(self, request, extra_context=None):
        form = MostReadPeriodForm(request.GET or None)
        days = form.cleaned_data["days"] if form.is_valid() else 7
        today = timezone.localdate()
        # Everything on the page is of the portal the admin is opened on.
        site_id = request_site_id(request)
        charts = [
            (period, bar_chart(selectors.daily_visits(site_id=site_id, days=period, today=today)))
            for period in CHART_PERIODS
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Thống kê truy cập",
            "opts": self.model._meta,
            "numbers": selectors.live_numbers(site_id=site_id),
            "charts": charts,
            "form": form,
            "days": days,
            "views_in_period": selectors.daily_views_total(site_id=site_id, days=days, today=today),
            "most_read": selectors.most_read_with_totals(
                site_id=site_id, days=days, limit=20, today=today
            ),
            "correction_url": (
                reverse("admin:counters_statistics_correct") if request.user.is_superuser else None
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/counters/statistics.html", context)
