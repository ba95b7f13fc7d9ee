"""Archive pages: by year, month and day in local time, the calendar, and the day form."""

import datetime as dt
import functools

from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import (
    DayArchiveView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from news import selectors
from news.archive.dates import ARCHIVE_YEARS, day_range, month_range
from news.archive.forms import DayForm
from news.archive.selectors import (
    MonthSummary,
    archive_years,
    count_by_period,
    month_summary,
    nearest_dates,
)
from news.models import Article
from news.pagination import DeferredListing, NewestFirstPaginator
from news.views import PageSizeMixin


class ArchiveMixin(PageSizeMixin):
    """Pages of public articles by local date (generic date views, read in Vietnam time).

    Items are filtered on aware datetime ranges computed in Python, as Django's
    date views do; the per-month and per-day lists come from our own counts
    instead of QuerySet.datetimes(), which would ask the database to convert
    time zones.
    """

    date_field = "published_at"
    # Named, so that the date views need not build a queryset to learn its date field's type.
    model = Article
    year_format = "%Y"
    month_format = "%m"
    day_format = "%d"
    allow_empty = True

    def get_queryset(self):
        return selectors.listed_articles(site_id=self.request.site.id)

    def get_dated_queryset(self, **lookup):
        # Pages come from kept outlines through compiled queries (get_paginator).
        return DeferredListing(
            lambda: super(ArchiveMixin, self).get_dated_queryset(**lookup), model=Article
        )

    def get_year(self):
        year = self.kwargs["year"]
        if year not in ARCHIVE_YEARS:
            raise Http404("Năm ngoài phạm vi lưu trữ.")
        return f"{year:04d}"

    def get_month(self):
        return f"{self.kwargs['month']:02d}"

    def get_day(self):
        return f"{self.kwargs['day']:02d}"

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        counts = count_by_period(queryset, kind=date_type or self.get_date_list_period())
        return counts if ordering == "ASC" else counts[::-1]

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # A year or a busy month runs to hundreds of pages: page it from anchors,
        # counted once per content version, as category listings are.
        period = "-".join(
            str(self.kwargs[part]) for part in ("year", "month", "day") if part in self.kwargs
        )
        return NewestFirstPaginator(
            queryset,
            per_page,
            cache_key=f"archive:{period}",
            rows=functools.partial(
                selectors.period_page, *self.get_period(), site_id=self.request.site.id
            ),
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            **kwargs,
        )

    def get_period(self) -> tuple[dt.datetime, dt.datetime]:
        """Return the page's range [start, end) of aware datetimes, once the date is valid."""
        raise NotImplementedError

    def get_calendar_month(self, context) -> dt.date:
        """Return the month the sidebar calendar shows on this page."""
        return (context.get("day") or context["month"]).replace(day=1)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calendar_month"] = self.get_calendar_month(context)
        # Empty archive pages are reachable but not worth indexing.
        context["noindex"] = not context["object_list"]
        return context


class ArticleYearArchiveView(ArchiveMixin, YearArchiveView):
    make_object_list = True

    def get_period(self):
        year = int(self.get_year())
        return month_range(dt.date(year, 1, 1))[0], month_range(dt.date(year, 12, 1))[1]

    def get_dated_items(self):
        date_list, articles, extra = super().get_dated_items()
        before, after = nearest_dates(*self.get_period(), site_id=self.request.site.id)
        extra["previous_year"] = before and before.replace(month=1, day=1)
        extra["next_year"] = after and after.replace(month=1, day=1)
        return date_list, articles, extra

    def get_calendar_month(self, context):
        months = context["date_list"]
        return months[-1].date if months else context["year"]


class ArticleMonthArchiveView(ArchiveMixin, MonthArchiveView):
    def get_first_day(self) -> dt.date:
        """Return the first day of the page's month, once the date is valid."""
        return dt.date(int(self.get_year()), int(self.get_month()), 1)

    def get_period(self):
        return month_range(self.get_first_day())

    def get_summary(self) -> MonthSummary:
        """Return the month's days with counts and its nearest months, as the calendar has them."""
        return month_summary(self.get_first_day(), site_id=self.request.site.id)

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        days = self.get_summary().days
        return days if ordering == "ASC" else days[::-1]

    def get_dated_items(self):
        date_list, articles, extra = super().get_dated_items()
        # Step to the nearest months that have articles: empty neighbours would
        # lead readers (and crawlers) month by month back to the first year.
        summary = self.get_summary()
        extra["previous_month"], extra["next_month"] = summary.previous_month, summary.next_month
        return date_list, articles, extra


class ArticleDayArchiveView(ArchiveMixin, DayArchiveView):
    def get_period(self):
        return day_range(dt.date(int(self.get_year()), int(self.get_month()), int(self.get_day())))

    def get_dated_items(self):
        date_list, articles, extra = super().get_dated_items()
        # Step to the nearest days that have articles, not to empty neighbours.
        extra["previous_day"], extra["next_day"] = nearest_dates(
            *day_range(extra["day"]), site_id=self.request.site.id
        )
        return date_list, articles, extra


class ArchiveIndexView(TemplateView):
    """List every year that has public articles, with its months and their counts."""

    template_name = "news/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(years=archive_years(site_id=self.request.site.id), **kwargs)


class CalendarMonthMixin:
    """Read the month of a calendar's address."""

    def get_month(self) -> dt.date:
        """Return the first day of the month asked for, or raise Http404."""
        try:
            month = dt.date(self.kwargs["year"], self.kwargs["month"], 1)
        except ValueError:
            raise Http404("Tháng không hợp lệ.") from None
        if month.year not in ARCHIVE_YEARS:
            raise Http404("Năm ngoài phạm vi lưu trữ.")
        return month


class ArchiveCalendarView(CalendarMonthMixin, TemplateView):
    """One month's calendar as a page of its own, for readers who open its address."""

    template_name = "news/archive_calendar.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "month": self.get_month()}


class ArchiveCalendarBlockView(CalendarMonthMixin, TemplateView):
    """The calendar block of one month alone, for the sidebar's script to swap in place."""

    template_name = "news/archive_calendar_fragment.html"

    def get_context_data(self, **kwargs):
        # The block's tag reads calendar_month, as on archive pages.
        return {"calendar_month": self.get_month()}

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # A piece of a page: search engines should list the pages that hold it.
        response["X-Robots-Tag"] = "noindex"
        return response


class ArchiveByDateView(TemplateView):
    """Go to the day page of the date asked for, or say clearly what is wrong with it."""

    template_name = "news/archive_by_date.html"

    def get(self, request, *args, **kwargs):
        form = DayForm(request.GET or None)
        if form.is_valid():
            day = form.cleaned_data["ngay"]
            return redirect("news:archive_day", year=day.year, month=day.month, day=day.day)
        return self.render_to_response(
            self.get_context_data(form=form), status=400 if form.is_bound else 200
        )
