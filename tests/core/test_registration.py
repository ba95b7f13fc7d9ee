"""Core knows no app: news tells it at start-up what it owns."""

from core import caching, pagecache
from news import selectors


def test_news_registers_its_next_scheduled_change():
    assert selectors.next_scheduled_change in caching._next_change_sources


def test_news_declares_the_query_parameters_its_pages_read():
    assert set(pagecache.CACHED_QUERIES["news:search"]) == {
        "q",
        "category",
        "start",
        "end",
        "sort",
        "page",
    }
    assert set(pagecache.CACHED_QUERIES["news:category"]) == {"page", "truoc"}
    # FREE_TEXT is one set for every app: news adds its search words (q), the
    # documents' list (documents.query_parameters) its own and the issuer and
    # field it filters on by typed text.
    assert set(pagecache.FREE_TEXT) == {"q", "co_quan", "linh_vuc"}
