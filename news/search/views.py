"""The search page: matches, typo correction, highlighted titles and snippets."""

import functools

from django.views.generic import ListView

from news import conf, selectors
from news.pagination import ListedPaginator
from news.search import highlight, query, vocabulary
from news.search.forms import SearchForm


class SearchView(ListView):
    """List the public articles that hold every word of the query, best match first."""

    template_name = "news/article_search.html"
    # The list is of ids, which name no model: the articles of the page replace them.
    context_object_name = "article_list"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm.of_portal(request.site.id)(request.GET or None)
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
        site_id = self.request.site.id
        self.matches = query.find(**self.options, site_id=site_id)
        if not self.matches.ids and vocabulary.has_vocabulary():
            corrected = vocabulary.corrected_terms(self.options["terms"], site_id=site_id)
            if corrected != self.options["terms"]:
                found = query.find(**{**self.options, "terms": corrected}, site_id=site_id)
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
            load=functools.partial(query.articles_in_order, site_id=self.request.site.id),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = self.corrected or (self.options["terms"] if self.options else [])
        for article in context["article_list"]:
            shown = highlight.article_text(article)
            article.highlighted_title = highlight.marked(shown.title, terms)
            article.snippet = highlight.excerpt(shown.text, terms)
        # Other apps' groups (documents) on the first page of a search.
        groups = []
        if self.options is not None and context["page_obj"].number == 1:
            query_text = self.form.cleaned_data["q"]
            groups = [group for find in conf.search_groups() if (group := find(query=query_text))]
        context["groups_first"] = [group for group in groups if group["first"]]
        context["groups_last"] = [group for group in groups if not group["first"]]
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            form=self.form,
            searched=self.options is not None,
            typo_fallback=self.corrected is not None,
            corrected_query=" ".join(self.corrected or []),
            search_categories=selectors.all_categories(site_id=self.request.site.id),
            query_suffix=f"&{params.urlencode()}" if params else "",
        )
        return context
