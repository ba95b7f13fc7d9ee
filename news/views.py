"""Public pages of the portal; thin generic views over the selectors."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView, TemplateView

from news import selectors
from news.attachments import content_disposition
from news.caching import cache_timeout
from news.models import Article, Attachment, Category
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


class ArticlePreviewMixin:
    """Show staff any article at its public URL, marked as a preview unless it is public."""

    def get_queryset(self):
        if is_staff_request(self.request):
            return Article.objects.select_related("category")
        return selectors.public_articles()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preview=not self.object.is_public(),
            attachments=self.object.attachments.all(),
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
        patch_cache_control(response, max_age=cache_timeout(ATTACHMENT_MAX_AGE))
    else:
        mark_private(response)
    return response
