"""The query parameters news pages read, as the page cache may key on them.

Each value has the one spelling the portal's own links and forms write, so
that one page has one cache key (core.pagecache); anything else is served
without the page cache. Declared at start-up by NewsConfig.ready().
"""

import re

from core import pagecache

PAGE_NUMBER = pagecache.PAGE_NUMBER
ARTICLE_ID = re.compile(r"[1-9][0-9]{0,17}")
SLUG_OR_EMPTY = re.compile(r"[-a-z0-9]{0,100}")
DATE_OR_EMPTY = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})?")
SORT = re.compile(r"(date)?")
# Free text: any query a reader may type, up to a length few real ones reach.
SEARCH_TEXT = re.compile(r"[^\x00]{1,100}")

LISTING = {"page": PAGE_NUMBER}
# By URL name: the parameters each page reads.
CACHED_QUERIES = {
    # "truoc": the article a category listing continues after; the view answers
    # 404 unless it is a public article of that category.
    "news:category": {**LISTING, "truoc": ARTICLE_ID},
    "news:archive_year": LISTING,
    "news:archive_month": LISTING,
    "news:archive_day": LISTING,
    "news:gallery": LISTING,
    "news:search": {
        "q": SEARCH_TEXT,
        "category": SLUG_OR_EMPTY,
        "start": DATE_OR_EMPTY,
        "end": DATE_OR_EMPTY,
        "sort": SORT,
        **LISTING,
    },
}
FREE_TEXT = {"q"}


def register() -> None:
    """Tell the page cache which query parameters each news page reads."""
    for view_name, spellings in CACHED_QUERIES.items():
        pagecache.cache_query_parameters(
            view_name, spellings, free_text=FREE_TEXT.intersection(spellings)
        )
