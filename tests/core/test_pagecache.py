import datetime as dt
import zlib

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from core import pagecache
from core.display import CONTRAST_COOKIE, TEXT_SIZE_COOKIE
from news.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 600
    settings.PAGE_CACHE_SHARED_MAX_AGE = 60


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("bientap", password="x", is_staff=True)
    client.force_login(user)
    return client


def test_second_anonymous_request_is_served_from_the_page_cache(client, article):
    first = client.get("/")
    second = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert int(second["Content-Length"]) == len(first.content)


def test_cacheable_page_lets_shared_caches_keep_it_briefly(client, article):
    for response in (
        client.get(article.get_absolute_url()),
        client.get(article.get_absolute_url()),
    ):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
        # Only one language: Accept-Language would split shared caches for nothing.
        assert response["Vary"] == "Cookie"


def test_cached_page_keeps_the_security_headers(client, article):
    client.get("/")
    hit = client.get("/")
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["Content-Type"] == "text/html; charset=utf-8"


def test_publishing_an_article_shows_it_on_the_cached_home_page(client, article, make_article):
    client.get("/")
    make_article(title="Tin vừa đăng về đường dây nóng")
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tin vừa đăng về đường dây nóng" in response.content.decode()


def test_editing_an_article_refreshes_its_cached_page(client, article):
    client.get(article.get_absolute_url())
    article.title = "Tiêu đề đã sửa"
    article.save()
    assert "Tiêu đề đã sửa" in client.get(article.get_absolute_url()).content.decode()


def test_unpublishing_removes_the_article_from_cached_pages(client, article):
    assert article.title in client.get("/").content.decode()
    client.get(article.get_absolute_url())
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert article.title not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_when_its_time_comes(client, article, make_article):
    now = timezone.now()
    make_article(title="Tin hẹn giờ đăng", published_at=now + dt.timedelta(seconds=90))
    response = client.get("/")
    assert "Tin hẹn giờ đăng" not in response.content.decode()
    shared_max_age = int(response["Cache-Control"].rsplit("=", 1)[1])
    assert shared_max_age <= 60
    with time_machine.travel(now + dt.timedelta(seconds=100)):
        assert "Tin hẹn giờ đăng" in client.get("/").content.decode()


def test_shared_max_age_never_runs_past_the_next_scheduled_article(client, article, make_article):
    make_article(title="Sắp đăng", published_at=timezone.now() + dt.timedelta(seconds=30))
    for response in (client.get("/"), client.get("/")):
        assert int(response["Cache-Control"].rsplit("=", 1)[1]) <= 30


def test_staff_never_get_cached_pages(client, article):
    client.get("/")
    user = User.objects.create_user("bientap", password="x", is_staff=True)
    client.force_login(user)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert response.context is not None
    assert "private" in response["Cache-Control"]


def test_staff_pages_never_fill_the_cache(staff_client, article):
    staff_client.get("/")
    assert Client().get("/")["X-Page-Cache"] == "miss"


def test_text_size_and_contrast_choices_get_their_own_cached_copies(client, article):
    assert client.get("/")["X-Page-Cache"] == "miss"
    client.cookies[TEXT_SIZE_COOKIE] = "lon"
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert 'class="text-lg"' in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    client.cookies[CONTRAST_COOKIE] = "cao"
    assert client.get("/")["X-Page-Cache"] == "miss"
    del client.cookies[TEXT_SIZE_COOKIE], client.cookies[CONTRAST_COOKIE]
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_reader_with_a_pending_message_gets_a_fresh_page(client, article):
    client.get("/")
    client.cookies["messages"] = "pending"
    assert "X-Page-Cache" not in client.get("/")


def test_other_cookies_do_not_split_the_cache(client, article):
    client.get("/")
    client.cookies["visitor"] = "4f1c2a9e8b7d"
    client.cookies["csrftoken"] = "x" * 32
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_forged_display_cookies_share_the_default_copy(client, article):
    client.get("/")
    client.cookies[TEXT_SIZE_COOKIE] = "<script>alert(1)</script>" * 20
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_query_string_a_page_reads_and_host_are_part_of_the_key(client, make_article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    article = make_article()
    listing = article.category.get_absolute_url()
    client.get(listing)
    assert client.get(listing, {"page": "1"})["X-Page-Cache"] == "miss"
    assert client.get(listing, {"page": "1"})["X-Page-Cache"] == "hit"
    other_host = client.get(article.get_print_url(), HTTP_HOST="localhost")
    assert other_host["X-Page-Cache"] == "miss"
    assert "http://localhost/" in other_host.content.decode()


def page_entries():
    """Return the keys of the pages the (local memory) cache holds."""
    from django.core.cache import cache

    return [key for key in cache._cache if ":pagez:" in key]


@pytest.mark.parametrize(
    "query",
    [
        {"utm": "1"},
        {"x": "1"},
        {"page": "2"},
        {"q": "tin"},
        {"lich": "2018-04"},
    ],
)
def test_a_page_asked_with_a_parameter_it_does_not_cache_under_is_served_fresh(
    client, article, query
):
    client.get("/")
    entries = page_entries()
    for _ in range(2):
        response = client.get("/", query)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert page_entries() == entries


@pytest.mark.parametrize(
    "query",
    ["page=01", "page=1&page=1", "page=last", "page=1&x=2", "page=%201", "page=9999999"],
)
def test_a_listing_page_number_written_another_way_is_served_fresh(client, article, query):
    listing = article.category.get_absolute_url()
    client.get(listing, {"page": "1"})
    entries = page_entries()
    response = client.get(f"{listing}?{query}")
    assert response.status_code in (200, 404)
    assert "X-Page-Cache" not in response
    assert page_entries() == entries


def test_thousands_of_invented_query_strings_add_no_page_to_the_cache(client, article):
    client.get("/")
    entries = page_entries()
    for number in range(300):
        assert client.get("/", {f"p{number}": number}).status_code == 200
    assert page_entries() == entries


def test_tracking_parameters_are_dropped_so_shared_links_get_the_cached_page(client, article):
    client.get("/")
    response = client.get("/", {"utm_source": "zalo", "fbclid": "IwAR0abc", "zarsrc": "30"})
    assert response["X-Page-Cache"] == "hit"


def test_a_page_first_asked_with_tracking_parameters_never_shows_them(client, article):
    response = client.get(article.get_absolute_url(), {"fbclid": "IwAR0secret"})
    assert response["X-Page-Cache"] == "miss"
    assert "IwAR0secret" not in response.content.decode()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_search_pages_are_cached_whatever_the_order_of_their_parameters(client, article):
    first = client.get("/tim-kiem/?q=k%E1%BA%BF+ho%E1%BA%A1ch&sort=date&category=")
    assert first["X-Page-Cache"] == "miss"
    again = client.get("/tim-kiem/?category=&sort=date&q=k%E1%BA%BF+ho%E1%BA%A1ch")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content


def test_a_search_longer_than_the_cached_length_is_served_fresh(client, article):
    for _ in range(2):
        response = client.get("/tim-kiem/", {"q": "kế hoạch " * 12})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


def test_search_pages_stop_being_stored_once_the_periods_allowance_is_spent(
    client, article, settings
):
    settings.PAGE_CACHE_SEARCH_PAGES = 3
    for word in ("một", "hai", "ba"):
        assert client.get("/tim-kiem/", {"q": word})["X-Page-Cache"] == "miss"
        assert client.get("/tim-kiem/", {"q": word})["X-Page-Cache"] == "hit"
    for word in ("bốn", "năm"):
        for _ in range(2):
            response = client.get("/tim-kiem/", {"q": word})
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
    # Other pages are not searches: they are stored as before.
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_pages_are_stored_compressed_and_served_whole(client, article):
    from django.core.cache import cache

    first = client.get(article.get_absolute_url())
    [key] = page_entries()
    # Local memory keys read ":<version>:<key>".
    compressed, _, _ = cache.get(key.split(":", 2)[2])
    assert len(compressed) < len(first.content) / 2
    assert zlib.decompress(compressed) == first.content
    # Another process has only the shared cache: it decompresses.
    pagecache._process_pages.entries.clear()
    hit = client.get(article.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == first.content
    assert int(hit["Content-Length"]) == len(first.content)


def test_head_request_is_answered_from_a_cached_get(client, article):
    client.get("/")
    assert client.head("/")["X-Page-Cache"] == "hit"


def test_head_request_does_not_fill_the_cache(client, article):
    client.head("/")
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_not_found_pages_are_not_cached(client, db):
    for _ in range(2):
        response = client.get("/tin-tuc/khong-co-bai-nay/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


@pytest.mark.urls("tests.core.pagecache_urls")
@pytest.mark.parametrize("url", ["/with-cookie/", "/private/", "/no-store/", "/json/"])
def test_responses_with_cookies_private_headers_or_not_html_are_never_stored(client, url):
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_disabled_page_cache_renders_every_time(client, article, settings):
    settings.PAGE_CACHE = False
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert response.context is not None


def test_a_page_kept_by_this_process_follows_a_change_made_by_another(client, article):
    from django.core.cache import cache

    from core.caching import VERSION_KEY

    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    # Another process edits the article: the row changes and the shared version moves on.
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề sửa ở máy khác")
    cache.incr(VERSION_KEY.format(site=1))
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Tiêu đề sửa ở máy khác" in response.content.decode()


def test_a_page_kept_by_this_process_ends_with_its_lifetime(client, make_article):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        make_article(title="Tin hẹn giờ", published_at=timezone.now() + dt.timedelta(minutes=5))
        assert "Tin hẹn giờ" not in client.get("/").content.decode()
        assert client.get("/")["X-Page-Cache"] == "hit"
        traveller.shift(dt.timedelta(minutes=5, seconds=1))
        response = client.get("/")
        assert response["X-Page-Cache"] == "miss"
        assert "Tin hẹn giờ" in response.content.decode()
