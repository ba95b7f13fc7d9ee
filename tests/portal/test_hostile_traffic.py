"""What a hostile visitor can do to the caches: fill a small Redis and keep every page answering.

A real Redis of the test's own, with a small maxmemory and the `noeviction`
policy (Redis's default), which refuses every write once full. Thousands of
invented query strings must neither turn a page into a 500 nor add entries.
The outage of the database under sixteen readers at once is in
test_database_outage.py.
"""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.core.redis_server import RedisServer

pytestmark = pytest.mark.django_db

MAXMEMORY = 4 * 1024 * 1024
PREFIX = "hostile"
SEARCH_PAGES = 50


@pytest.fixture
def small_redis(settings):
    """Serve the test from a Redis of 4 MB that refuses writes when full, page cache on."""
    server = RedisServer(maxmemory=str(MAXMEMORY), policy="noeviction")
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": server.url(),
            "KEY_PREFIX": PREFIX,
        }
    }
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SEARCH_PAGES = SEARCH_PAGES
    try:
        yield server
    finally:
        server.stop()


def keys(server: RedisServer, kind: str) -> int:
    """Return how many entries of a kind ("pagez", "news:response") Redis holds."""
    return sum(1 for _ in server.client.scan_iter(f"{PREFIX}:*:{kind}:*", count=1000))


@pytest.fixture
def site(make_article):
    """Return the pages of a small site, each as a reader reaches it."""
    articles = [
        make_article(
            title=f"Kế hoạch tuyên truyền cải cách hành chính số {number}",
            published_at=timezone.now() - dt.timedelta(days=number),
        )
        for number in range(1, 4)
    ]
    article = articles[0]
    month = timezone.localtime(article.published_at)
    return [
        "/",
        article.get_absolute_url(),
        article.get_print_url(),
        article.category.get_absolute_url(),
        f"/luu-tru/{month:%Y}/{month:%m}/",
        "/tim-kiem/?q=k%E1%BA%BF+ho%E1%BA%A1ch",
        "/hinh-anh/",
        "/rss/",
        f"/rss/{article.category.slug}/",
        "/sitemap.xml",
        "/kenh-rss/",
    ]


def invented(url: str, number: int) -> str:
    """Return the URL with a query parameter no page reads, different for each number."""
    separator = "&" if "?" in url else "?"
    name = ("utm", "x", "ref", "lich", "p")[number % 5]
    return f"{url}{separator}{name}={number}"


def test_thousands_of_invented_query_strings_get_their_pages_and_add_no_cache_entries(
    small_redis, site
):
    client = Client()
    for url in site:
        assert client.get(url).status_code == 200, url
    pages, responses = keys(small_redis, "pagez"), keys(small_redis, "news:response")
    assert pages > 0 and responses > 0
    statuses = {}
    for number in range(3000):
        url = invented(site[number % len(site)], number)
        status = client.get(url).status_code
        statuses.setdefault(status, url)
    assert list(statuses) == [200], statuses
    assert keys(small_redis, "pagez") == pages
    assert keys(small_redis, "news:response") == responses
    assert small_redis.used_memory() < MAXMEMORY / 2


def test_thousands_of_searches_store_a_bounded_number_of_pages(small_redis, site):
    client = Client()
    # The allowance is per period of PAGE_CACHE_TIMEOUT: a slow run must not
    # cross into the next period, which brings an allowance of its own.
    with time_machine.travel(timezone.now(), tick=False):
        for number in range(1000):
            response = client.get("/tim-kiem/", {"q": f"kế hoạch {number}"})
            assert response.status_code == 200
    assert keys(small_redis, "pagez") <= SEARCH_PAGES
    assert small_redis.used_memory() < MAXMEMORY


def test_every_page_still_answers_when_redis_is_full_and_refuses_every_write(
    small_redis, site, make_article
):
    client = Client()
    small_redis.fill()
    for number, url in enumerate(site):
        for asked in (url, invented(url, number)):
            response = client.get(asked)
            assert response.status_code == 200, asked
    small_redis.fill()
    make_article(title="Tin đăng khi Redis đầy")
    for url in site[:3]:
        assert client.get(url).status_code == 200, url
    assert "Tin đăng khi Redis đầy" in client.get("/").content.decode()
    assert client.get("/tim-kiem/", {"q": "Redis đầy"}).status_code == 200


def test_a_sitemap_page_is_cached_under_its_page_number_written_one_way(small_redis, site):
    client = Client()
    responses = keys(small_redis, "news:response")
    for _ in range(2):
        assert client.get("/sitemap-articles.xml?p=1").status_code == 200
    stored = keys(small_redis, "news:response")
    assert stored <= responses + 1
    for spelling in ("p=01", "p=1&p=1", "p=1&x=1", "p=+1"):
        client.get(f"/sitemap-articles.xml?{spelling}")
    assert keys(small_redis, "news:response") == stored
