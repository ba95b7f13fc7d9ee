"""Public pages of the portal; thin generic views over the selectors."""

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import (
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from news import selectors
from news.dates import ARCHIVE_YEARS, day_range
from news.forms import DayForm
from news.models import Album, Category, Photo
from news.uploads import editor_image_upload  # noqa: F401  (routed in news.urls)

NEWER_COUNT = 5
OLDER_COUNT = 10


class HomeView(TemplateView):
    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        featured = selectors.featured_article()
        latest = selectors.public_articles()
        if featured:
            latest = latest.exclude(pk=featured.pk)
        return super().get_context_data(
            featured=featured,
            latest=latest[:10],
            categories_latest=selectors.latest_by_category(per_category=4),
            **kwargs,
        )


class CategoryView(ListView):
    paginate_by = settings.NEWS_PAGE_SIZE
    template_name = "news/article_list.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return selectors.public_articles().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"

    def get_queryset(self):
        return selectors.public_articles()

    def get_context_data(self, **kwargs):
        article = self.object
        older = selectors.older_in_category(article, limit=OLDER_COUNT)
        more_url = None
        if older:
            page = selectors.listing_page_after(older[-1], page_size=settings.NEWS_PAGE_SIZE)
            more_url = reverse("news:category", kwargs={"slug": article.category.slug})
            if page > 1:
                more_url += f"?page={page}"
        return super().get_context_data(
            newer=selectors.newer_in_category(article, limit=NEWER_COUNT),
            older=older,
            more_url=more_url,
            **kwargs,
        )


class ArticlePrintView(DetailView):
    template_name = "news/article_print.html"

    def get_queryset(self):
        return selectors.public_articles()


class ArchiveMixin:
    """Pages of public articles by local date (generic date views, read in Vietnam time).

    Items are filtered on aware datetime ranges computed in Python, as Django's
    date views do; the per-month and per-day lists come from our own counts
    instead of QuerySet.datetimes(), which would ask the database to convert
    time zones.
    """

    date_field = "published_at"
    year_format = "%Y"
    month_format = "%m"
    day_format = "%d"
    paginate_by = settings.NEWS_PAGE_SIZE
    allow_empty = True

    def get_queryset(self):
        return selectors.public_articles()

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
        counts = selectors.count_by_period(queryset, kind=date_type or self.get_date_list_period())
        return counts if ordering == "ASC" else counts[::-1]

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

    def get_calendar_month(self, context):
        months = context["date_list"]
        return months[-1].date if months else context["year"]


class ArticleMonthArchiveView(ArchiveMixin, MonthArchiveView):
    pass


class ArticleDayArchiveView(ArchiveMixin, DayArchiveView):
    def get_dated_items(self):
        date_list, articles, extra = super().get_dated_items()
        # Step to the nearest days that have articles, not to empty neighbours.
        extra["previous_day"], extra["next_day"] = selectors.nearest_dates(*day_range(extra["day"]))
        return date_list, articles, extra


class ArchiveCalendarView(TemplateView):
    """The calendar block of one month alone, for the sidebar to swap in place."""

    template_name = "news/archive_calendar_fragment.html"

    def get_context_data(self, **kwargs):
        try:
            month = dt.date(kwargs["year"], kwargs["month"], 1)
        except ValueError:
            raise Http404("Tháng không hợp lệ.") from None
        if month.year not in ARCHIVE_YEARS:
            raise Http404("Năm ngoài phạm vi lưu trữ.")
        return {"calendar_month": month}


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


class AlbumListView(ListView):
    paginate_by = 12
    template_name = "news/album_list.html"

    def get_queryset(self):
        return selectors.albums_with_cover()


class AlbumDetailView(DetailView):
    template_name = "news/album_detail.html"

    def get_queryset(self):
        return Album.objects.published().prefetch_related(
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id"))
        )
