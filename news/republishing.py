"""The admin page where a portal's approver picks other portals' articles to show on theirs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from news import services
from news.models import Article, Category
from portals.selectors import profile

PAGE_SIZE = 20


def shareable_articles(*, site_id: int, query: str = ""):
    """Return other portals' public originals that this portal has not shared yet, newest first."""
    shared = Article.objects.filter(site_id=site_id, original__isnull=False).values("original_id")
    articles = (
        Article.objects.published()
        .filter(original__isnull=True)
        .exclude(site_id=site_id)
        .exclude(pk__in=shared)
        .only("title", "slug", "site_id", "published_at")
        .newest_first()
    )
    if query:
        articles = articles.filter(Q(title__icontains=query) | Q(lead__icontains=query))
    return articles


def republish_view(model_admin, request):
    """List other portals' public articles; POST one with a category to show it here."""
    site_id = request.site.id
    if not services.may_republish(user=request.user, site_id=site_id):
        raise PermissionDenied
    categories = list(Category.objects.filter(site_id=site_id))
    if request.method == "POST":
        article = Article.objects.filter(pk=request.POST.get("article", "")[:18]).first()
        category = next(
            (c for c in categories if str(c.pk) == request.POST.get("category", "")), None
        )
        if article is None or category is None:
            messages.error(request, _("Hãy chọn một bài và một chuyên mục của cổng này."))
        else:
            try:
                copy = services.republish_article(
                    article=article, site_id=site_id, category=category, user=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Đã đăng lại “%(title)s” trong chuyên mục %(category)s.")
                    % {"title": copy.title, "category": category.name},
                )
        return redirect(request.get_full_path())
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(shareable_articles(site_id=site_id, query=query), PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    for article in page.object_list:
        article.portal_name = profile(article.site_id).name
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Đăng lại bài của cổng khác"),
        "page_obj": page,
        "categories": categories,
        "query": query,
        "changelist_url": reverse("admin:news_article_changelist"),
    }
    return TemplateResponse(request, "admin/news/article/republish.html", context)
