"""The query parameters the documents' list reads, as the page cache may key on them."""

import re

from core import pagecache

ID_OR_EMPTY = re.compile(r"([1-9][0-9]{0,9})?")
YEAR_OR_EMPTY = re.compile(r"([12][0-9]{3})?")
VALIDITY_OR_EMPTY = re.compile(r"(chua-hieu-luc|con-hieu-luc|het-hieu-luc|bi-thay-the)?")
FREE = re.compile(r"[^\x00]{0,100}")

CACHED_QUERIES = {
    "documents:list": {
        "q": FREE,
        "loai": ID_OR_EMPTY,
        "co_quan": FREE,
        "linh_vuc": FREE,
        "nam": YEAR_OR_EMPTY,
        "hieu_luc": VALIDITY_OR_EMPTY,
        "page": pagecache.PAGE_NUMBER,
    },
}
FREE_TEXT = {"q", "co_quan", "linh_vuc"}


def register() -> None:
    """Tell the page cache which query parameters the documents' pages read."""
    for view_name, spellings in CACHED_QUERIES.items():
        pagecache.cache_query_parameters(
            view_name, spellings, free_text=FREE_TEXT.intersection(spellings)
        )
