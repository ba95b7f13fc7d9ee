"""Public pages of the portal; thin generic views over the selectors."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from news import search, selectors
from news.forms import SearchForm
from news.models import Article, Category
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


class SearchView(ListView):
    """List the public articles that hold every word of the query, best match first."""

    paginate_by = settings.NEWS_PAGE_SIZE
    template_name = "news/article_search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET or None, label_suffix="")
        self.options = self.form.search_options() if self.form.is_valid() else None
        self.typo_fallback = False
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and self.options is None:
            response.status_code = 400
        return response

    def get_queryset(self):
        if self.options is None:
            return Article.objects.none()
        return search.search_articles(**self.options)

    def get_paginate_by(self, queryset):
        # A bad query lists nothing; its page number must not turn into a 404.
        return self.paginate_by if self.options else None

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.options and search.supports_typos() and paginator.count == 0:
            self.typo_fallback = True
            similar = search.similar_titles(**self.options)
            paginator = super().get_paginator(similar, per_page, **kwargs)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = self.options["terms"] if self.options else []
        for article in context["article_list"]:
            article.highlighted_title = search.highlight(article.title, terms)
            article.snippet = search.snippet(lead=article.lead, body=article.body, terms=terms)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            form=self.form,
            searched=self.options is not None,
            typo_fallback=self.typo_fallback,
            query_suffix=f"&{params.urlencode()}" if params else "",
        )
        return context


class FeedListView(TemplateView):
    """List every RSS feed of the portal: the latest articles and one per category."""

    template_name = "news/feed_list.html"
