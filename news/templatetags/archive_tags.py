"""Sidebar blocks of the archives: months with counts, the calendar, the date form."""

import datetime as dt

from django import template
from django.utils import timezone

from core.sites import current_site_id
from news import links
from news.archive import selectors
from news.archive.dates import parse_year_month
from news.cache_policy import ARCHIVE_CALENDAR, ARCHIVE_DAYS, ARCHIVE_MONTHS, ARCHIVE_SIDEBAR

register = template.Library()

# Every page shows these blocks: their counts are computed once per content change.
RECENT_MONTHS = 12


@register.inclusion_tag("includes/archive_months.html")
def archive_months():
    """Render "Lưu trữ": the last months with articles, with counts."""
    site_id = current_site_id()
    months = ARCHIVE_MONTHS.get(
        lambda: selectors.recent_month_counts(site_id=site_id, months=RECENT_MONTHS)
    )
    return {"months": months}


def calendar_month(context) -> dt.date:
    """Return the month the calendar shows: the page's, one asked with ?lich=, or this month."""
    request = context.get("request")
    return (
        context.get("calendar_month")
        or parse_year_month(request.GET.get("lich") if request else None)
        or timezone.localdate()
    )


@register.simple_tag(takes_context=True)
def archive_sidebar(context):
    """Render the date form, links, photos, months and calendar, kept per content version.

    Rendering these blocks cost more than their (cached) data; the HTML itself
    depends only on the content, the calendar's month, the page's day and today.
    """
    sidebar = context.template.engine.get_template("includes/archive_sidebar.html")
    return ARCHIVE_SIDEBAR.get(
        lambda: sidebar.render(context),
        f"{calendar_month(context):%Y-%m}",
        context.get("day") or "",
        timezone.localdate(),
    )


@register.simple_tag(takes_context=True)
def archive_calendar(context):
    """Render "Lưu trữ (Lịch)" for the page's month, a month asked with ?lich=, or this month.

    Kept rendered per content version: a month's calendar is the same on every
    page that shows it, and its forty-odd cells cost more to render than to read.
    """
    month = calendar_month(context)
    block = context.template.engine.get_template("includes/archive_calendar.html")

    def render() -> str:
        calendar = selectors.archive_calendar(month, site_id=current_site_id())
        return block.render(context.new({"calendar": calendar}))

    return ARCHIVE_CALENDAR.get(render, f"{month:%Y-%m}", timezone.localdate())


@register.inclusion_tag("includes/archive_calendar_table.html")
def archive_month_calendar(month: dt.date):
    """Render a month's calendar table alone, for the calendar's own page."""
    return {"calendar": selectors.archive_calendar(month, site_id=current_site_id())}


@register.simple_tag(takes_context=True)
def archive_days(context, month: dt.date):
    """Render the links to a month's days that have articles, with counts, kept per content version.

    A month's thirty-odd links with their dates cost more to render than the
    month page's own articles.
    """
    block = context.template.engine.get_template("includes/archive_days.html")

    def render() -> str:
        summary = selectors.month_summary(month, site_id=current_site_id())
        return block.render(context.new({"days": summary.days}))

    return ARCHIVE_DAYS.get(render, f"{month:%Y-%m}")


@register.inclusion_tag("includes/archive_date_form.html", takes_context=True)
def archive_date_form(context):
    """Render "Xem theo ngày": a date field going to the day page."""
    return {"day": context.get("day"), "today": timezone.localdate()}


@register.filter
def vn_month(value) -> str:
    """Return "Tháng 4 năm 2018" for a date."""
    return f"Tháng {value.month} năm {value.year}" if value else ""


@register.filter
def vn_month_short(value) -> str:
    """Return "4/2018" for a date."""
    return f"{value.month}/{value.year}" if value else ""


@register.filter
def day_url(value: dt.date) -> str:
    """Return the archive page of a day (quicker than {% url %} in lists of days)."""
    return links.day_url(value)


@register.filter
def month_url(value: dt.date) -> str:
    """Return the archive page of a month (quicker than {% url %} in lists of months)."""
    return links.month_url(value)
