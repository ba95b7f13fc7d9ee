"""Public pages of the portal; thin generic views over the selectors."""

from django.conf import settings
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from news import selectors
from news.pagination import NewestFirstPaginator
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
        self.category = selectors.category_by_slug(self.kwargs["slug"])
        return selectors.category_listing(self.category)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return NewestFirstPaginator(
            queryset,
            per_page,
            cache_key=selectors.category_outline_key(self.category.pk),
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            **kwargs,
        )

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
