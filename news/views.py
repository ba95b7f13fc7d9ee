"""Public pages of the portal; thin generic views over the selectors."""

import datetime as dt
import functools
import re

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import (
    DetailView,
    ListView,
    TemplateView,
)

from core.caching import Cached
from core.prepared import PreparedQuery
from news import conf, links, selectors
from news.cache_policy import ATTACHMENT
from news.models import Article, Attachment, StoredFile
from news.pagination import NewestFirstPaginator
from news.uploads.attachments import content_disposition
from portals.admin import is_portal_staff

NEWER_COUNT = 5
OLDER_COUNT = 10


class HomeView(TemplateView):
    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        lists = selectors.home_lists(site_id=self.request.site.id, latest=10, per_category=4)
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
        self.category = selectors.category_by_slug(
            self.kwargs["slug"], site_id=self.request.site.id
        )
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
    """Return True if a logged-in staff member of the request's portal makes the request.

    Staff of another portal see this one as the public does. Without a
    session cookie the visitor is anonymous: the session is not touched, so
    public responses do not vary on cookies and stay cacheable.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return is_portal_staff(request)


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
    # A re-published article shows its original's files.
    shown = Coalesce(OuterRef("original_id"), OuterRef("pk"))
    return articles.annotate(has_attachments=Exists(Attachment.objects.filter(article_id=shown)))


PUBLIC_ARTICLE = PreparedQuery(
    lambda *, now, site_id, slug: (
        with_page_extras(Article.objects.published(now).of_portal(site_id))
        .defer("search_text")
        .filter(slug=slug)
        .order_by()
    ),
    now=dt.datetime,
    site_id=int,
    slug=str,
)


class PrivatePreviewMixin:
    """Keep a page that context["preview"] marks as a preview out of caches and search engines."""

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["preview"]:
            mark_private(response)
        return response


class ArticlePreviewMixin(PrivatePreviewMixin):
    """Show staff any article at its public URL, marked as a preview unless it is public."""

    def get_object(self, queryset=None):
        if is_staff_request(self.request):
            article = super().get_object(queryset)
        else:
            found = list(
                PUBLIC_ARTICLE.run(
                    now=timezone.now(), site_id=self.request.site.id, slug=self.kwargs["slug"]
                )
            )
            if not found:
                raise Http404("Không tìm thấy bài viết.")
            article = found[0]
        # The categories are kept per content version (the menu shows them): no join.
        selectors.attach_categories([article], site_id=article.site_id)
        return article

    def get_queryset(self):
        """Return every article of the portal, drafts included: only staff get here."""
        return with_page_extras(
            Article.objects.of_portal(self.request.site.id).defer("search_text")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            preview=not article.is_public(),
            attachments=selectors.shown_attachments(article) if article.has_attachments else (),
            **kwargs,
        )


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


def send_stored_file(
    request, stored: StoredFile, *, public: bool, cache: Cached, inline: bool = False
) -> FileResponse:
    """Return the response sending a stored file, to save or (inline) to view in our pages.

    public says whether its article or document is public; staff get the
    others too, uncached. Raise Http404 for anyone else, or if the file is gone.
    """
    if not public and not is_staff_request(request):
        raise Http404
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=stored.content_type)
    disposition = content_disposition(stored.original_name)
    response["Content-Disposition"] = (
        disposition.replace("attachment;", "inline;", 1) if inline else disposition
    )
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        # Shown in a frame of the document's page. Chromium's PDF viewer does not
        # run in a sandboxed frame; it runs a PDF's scripts apart from our origin.
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
        response["X-Frame-Options"] = "SAMEORIGIN"
    else:
        # Even if a browser tried to render it, the file runs no script on our origin.
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if public:
        # Cached briefly, never past the next scheduled change.
        max_age = cache.timeout()
        # A proxy or CDN keeps it no longer than a page, so a takedown reaches it as soon.
        shared = min(settings.PAGE_CACHE_SHARED_MAX_AGE, max_age)
        patch_cache_control(response, max_age=max_age, s_maxage=shared)
    else:
        mark_private(response)
    return response


def attachment_download(request, pk):
    """Send an attachment of a public article (any article for staff) as a download."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("article"), pk=pk, article__site_id=request.site.id
    )
    public = attachment.article.is_public()
    return send_stored_file(request, attachment, public=public, cache=ATTACHMENT)


class FeedListView(TemplateView):
    """List every RSS feed of the portal: the latest articles and one per category."""

    template_name = "news/feed_list.html"
