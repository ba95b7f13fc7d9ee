"""Public pages of the portal; thin generic views over the selectors."""

import datetime as dt
import functools
import re

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import (
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from core.caching import cache_timeout
from core.prepared import PreparedQuery
from news import conf, links, selectors
from news.attachments import content_disposition
from news.dates import ARCHIVE_YEARS, day_range, month_range
from news.forms import DayForm, SearchForm
from news.models import Album, Article, Attachment, Photo
from news.pagination import ListedPaginator, NewestFirstPaginator
from news.search import highlight, query, vocabulary
from news.uploads import editor_image_upload  # noqa: F401  (routed in news.urls)

NEWER_COUNT = 5
OLDER_COUNT = 10


class HomeView(TemplateView):
    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        lists = selectors.home_lists(latest=10, per_category=4)
        return super().get_context_data(
            featured=lists.featured,
            latest=lists.latest,
            categories_latest=lists.by_category,
            **kwargs,
        )


# ?truoc=<id>: the listing continues after that article ("Xem tiếp" of the article page).
CONTINUE_AFTER = "truoc"
ARTICLE_ID = re.compile(r"[1-9][0-9]{0,17}")


class PageSizeMixin:
    """Paginate by settings.NEWS_PAGE_SIZE, read on each request (news.conf)."""

    def get_paginate_by(self, queryset):
        return conf.page_size()


class CategoryView(PageSizeMixin, ListView):
    template_name = "news/article_list.html"

    def get_queryset(self):
        self.category = selectors.category_by_slug(self.kwargs["slug"])
        self.after = self.get_after()
        return selectors.category_listing(self.category)

    def get_after(self) -> selectors.Key | None:
        """Return the listing key of the article the list continues after, if one is asked for.

        Only a public article of the category will do: each one the page
        cache keeps is a page that exists.
        """
        value = self.request.GET.get(CONTINUE_AFTER)
        if value is None:
            return None
        if not ARTICLE_ID.fullmatch(value) or self.page_kwarg in self.request.GET:
            raise Http404("Địa chỉ trang không hợp lệ.")
        key = selectors.category_key(self.category, int(value))
        if key is None:
            raise Http404("Không có bài viết này trong chuyên mục.")
        return key

    def paginate_queryset(self, queryset, page_size):
        if self.after is None:
            return super().paginate_queryset(queryset, page_size)
        rows, self.more = selectors.category_page_after(self.category, self.after, page_size)
        return None, None, rows, False

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return NewestFirstPaginator(
            queryset,
            per_page,
            cache_key=selectors.category_outline_key(self.category.pk),
            rows=functools.partial(selectors.category_page, self.category),
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(category=self.category, **kwargs)
        if self.after is not None:
            rows = context["object_list"]
            context.update(
                continued=True,
                more_url=continue_url(self.category, rows[-1]) if self.more else None,
            )
        return context


def continue_url(category, article) -> str:
    """Return the address of the category's listing from the article after this one on."""
    return f"{links.slug_url('news:category', category.slug)}?{CONTINUE_AFTER}={article.pk}"


def is_staff_request(request) -> bool:
    """Return True if a logged-in staff member makes the request.

    Without a session cookie the visitor is anonymous: the session is not
    touched, so public responses do not vary on cookies and stay cacheable.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_active and request.user.is_staff


def mark_private(response):
    """Keep a response meant for staff out of every cache and every search engine."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def with_page_extras(articles):
    """Return the articles with what their page shows besides the article: view count, files.

    Most articles have no attachment: asking in the same query saves a round
    trip, as does reading the view count with the article (added by the apps
    named in NEWS_ARTICLE_ANNOTATIONS: the counters).
    """
    for annotate in conf.article_annotations():
        articles = annotate(articles)
    return articles.annotate(
        has_attachments=Exists(Attachment.objects.filter(article=OuterRef("pk")))
    )


PUBLIC_ARTICLE = PreparedQuery(
    lambda *, now, slug: (
        with_page_extras(Article.objects.published(now))
        .defer("search_text")
        .filter(slug=slug)
        .order_by()
    ),
    now=dt.datetime,
    slug=str,
)


class ArticlePreviewMixin:
    """Show staff any article at its public URL, marked as a preview unless it is public."""

    def get_object(self, queryset=None):
        if is_staff_request(self.request):
            article = super().get_object(queryset)
        else:
            found = list(PUBLIC_ARTICLE.run(now=timezone.now(), slug=self.kwargs["slug"]))
            if not found:
                raise Http404("Không tìm thấy bài viết.")
            article = found[0]
        # The categories are kept per content version (the menu shows them): no join.
        selectors.attach_categories([article])
        return article

    def get_queryset(self):
        """Return every article, drafts included: only staff get here (see get_object)."""
        return with_page_extras(Article.objects.defer("search_text"))

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            preview=not article.is_public(),
            attachments=article.attachments.all() if article.has_attachments else (),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["preview"]:
            mark_private(response)
        return response


class ArticleDetailView(ArticlePreviewMixin, DetailView):
    template_name = "news/article_detail.html"

    def get_context_data(self, **kwargs):
        article = self.object
        # One older article more than the list shows: where "Xem tiếp" leads, if anywhere.
        neighbours = selectors.category_neighbours(
            article, newer=NEWER_COUNT, older=OLDER_COUNT + 1
        )
        older, following = neighbours.older[:OLDER_COUNT], neighbours.older[OLDER_COUNT:]
        # The listing from the next one on: a page of the listing would repeat the list.
        more_url = continue_url(article.category, older[-1]) if following else None
        return super().get_context_data(
            newer=neighbours.newer, older=older, more_url=more_url, **kwargs
        )


class ArticlePrintView(ArticlePreviewMixin, DetailView):
    template_name = "news/article_print.html"


# Downloads may be cached briefly, never past the next scheduled change.
ATTACHMENT_MAX_AGE = 600


def attachment_download(request, pk):
    """Send an attachment of a public article (any article for staff) as a download."""
    attachment = get_object_or_404(Attachment.objects.select_related("article"), pk=pk)
    public = attachment.article.is_public()
    if not public and not is_staff_request(request):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser tried to render it, the file runs no script on our origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if public:
        max_age = cache_timeout(ATTACHMENT_MAX_AGE)
        # A proxy or CDN keeps it no longer than a page, so a takedown reaches it as soon.
        shared = min(settings.PAGE_CACHE_SHARED_MAX_AGE, max_age)
        patch_cache_control(response, max_age=max_age, s_maxage=shared)
    else:
        mark_private(response)
    return response


class ArchiveMixin(PageSizeMixin):
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
    allow_empty = True

    def get_queryset(self):
        return selectors.listed_articles()

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
            rows=functools.partial(selectors.period_page, *self.get_period()),
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
        before, after = selectors.nearest_dates(*self.get_period())
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

    def get_summary(self) -> selectors.MonthSummary:
        """Return the month's days with counts and its nearest months, as the calendar has them."""
        return selectors.month_summary(self.get_first_day())

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
        extra["previous_day"], extra["next_day"] = selectors.nearest_dates(*day_range(extra["day"]))
        return date_list, articles, extra


class ArchiveIndexView(TemplateView):
    """List every year that has public articles, with its months and their counts."""

    template_name = "news/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(years=selectors.archive_years(), **kwargs)


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


class SearchView(ListView):
    """List the public articles that hold every word of the query, best match first."""

    template_name = "news/article_search.html"
    # The list is of ids, which name no model: the articles of the page replace them.
    context_object_name = "article_list"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET or None, label_suffix="")
        self.options = self.form.search_options() if self.form.is_valid() else None
        self.matches = query.Matches(ids=[], capped=False)
        self.corrected: list[str] | None = None
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and self.options is None:
            response.status_code = 400
        return response

    def get_queryset(self):
        """Return the ids of the matches, correcting typos when nothing matches."""
        if self.options is None:
            return []
        self.matches = query.find(**self.options)
        if not self.matches.ids and vocabulary.has_vocabulary():
            corrected = vocabulary.corrected_terms(self.options["terms"])
            if corrected != self.options["terms"]:
                found = query.find(**{**self.options, "terms": corrected})
                # Shown only when it finds public articles (see corrected_terms).
                if found.ids:
                    self.matches, self.corrected = found, corrected
        return self.matches.ids

    def get_paginate_by(self, queryset):
        # A bad query lists nothing; its page number must not turn into a 404.
        return conf.page_size() if self.options else None

    def get_paginator(self, queryset, per_page, **kwargs):
        return ListedPaginator(
            queryset,
            per_page,
            capped=self.matches.capped,
            load=query.articles_in_order,
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = self.corrected or (self.options["terms"] if self.options else [])
        for article in context["article_list"]:
            article.highlighted_title = highlight.highlight(article.title, terms)
            article.snippet = highlight.excerpt(highlight.article_text(article), terms)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            form=self.form,
            searched=self.options is not None,
            typo_fallback=self.corrected is not None,
            corrected_query=" ".join(self.corrected or []),
            search_categories=selectors.all_categories(),
            query_suffix=f"&{params.urlencode()}" if params else "",
        )
        return context


class FeedListView(TemplateView):
    """List every RSS feed of the portal: the latest articles and one per category."""

    template_name = "news/feed_list.html"
