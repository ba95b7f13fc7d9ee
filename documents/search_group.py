"""Documents in the site search: their own group, above the articles when a number is asked.

Named by settings.NEWS_SEARCH_GROUPS; news calls it with the query and never
imports documents.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from documents import selectors
from news.search.document import MAX_QUERY_LENGTH

GROUP_SIZE = 5


def site_search_group(*, query: str) -> dict | None:
    """Return the documents' group of a site search: its HTML and whether it goes first."""
    query = (query or "").strip()
    if not query or len(query) > MAX_QUERY_LENGTH:
        return None
    documents = selectors.search_preview(query, limit=GROUP_SIZE + 1)
    if not documents:
        return None
    html = render_to_string(
        "documents/includes/search_group.html",
        {
            "documents": documents[:GROUP_SIZE],
            "more": len(documents) > GROUP_SIZE,
            "query": query,
            "list_url": reverse("documents:list"),
        },
    )
    return {"html": html, "first": selectors.is_number_query(query)}
