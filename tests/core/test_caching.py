import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from core.caching import Cached, Scope, cache_timeout, content_version, next_change_at

pytestmark = pytest.mark.django_db


def test_saving_an_article_bumps_the_content_version(make_article):
    before = content_version()
    make_article()
    assert content_version() != before


def test_cache_timeout_stops_at_the_next_scheduled_article(make_article):
    now = timezone.now()
    make_article(published_at=now + dt.timedelta(seconds=90))
    assert 80 <= cache_timeout(600) <= 90


def test_cache_timeout_stops_at_the_next_expiry(make_article):
    now = timezone.now()
    make_article(expires_at=now + dt.timedelta(seconds=200))
    assert 190 <= cache_timeout(600) <= 200


def test_next_change_moves_on_once_its_moment_has_passed(make_article):
    now = timezone.now()
    first = make_article(published_at=now + dt.timedelta(minutes=5))
    second = make_article(published_at=now + dt.timedelta(minutes=20))
    assert next_change_at() == first.published_at
    with time_machine.travel(now + dt.timedelta(minutes=6)):
        assert next_change_at() == second.published_at


def test_no_scheduled_change_keeps_the_default_timeout(make_article):
    make_article()
    assert cache_timeout(600) == 600


def test_a_request_reads_the_content_version_once():
    from django.core.cache import cache

    from core.caching import VERSION_KEY, begin_request, end_request

    begin_request()
    try:
        version = content_version()
        # Another process publishing mid-request does not split the page between versions.
        cache.incr(VERSION_KEY.format(site=1))
        assert content_version() == version
    finally:
        end_request()
    assert content_version() == version + 1


def test_a_bump_in_this_process_is_seen_at_once_even_mid_request(make_article):
    from core.caching import begin_request, bump_content_version, end_request

    begin_request()
    try:
        version = content_version()
        bump_content_version()
        assert content_version() == version + 1
    finally:
        end_request()


def test_values_kept_in_the_process_follow_a_version_bumped_elsewhere():
    from django.core.cache import cache

    from core.caching import VERSION_KEY, cached_for_content

    assert cached_for_content("answer", lambda: "old", timeout=60) == "old"
    assert cached_for_content("answer", lambda: "new", timeout=60) == "old"
    cache.incr(VERSION_KEY.format(site=1))
    assert cached_for_content("answer", lambda: "new", timeout=60) == "new"


def test_values_kept_in_the_process_expire_with_their_timeout():
    from django.core.cache import cache

    from core.caching import VERSION_KEY, cached_for_content

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert cached_for_content("answer", lambda: "old", timeout=60) == "old"
        # Gone from the shared cache too, as after its own expiry.
        version = content_version()
        cache.clear()
        cache.set(VERSION_KEY.format(site=1), version, timeout=None)
        traveller.shift(dt.timedelta(seconds=59))
        assert cached_for_content("answer", lambda: "new", timeout=60) == "old"
        traveller.shift(dt.timedelta(seconds=2))
        assert cached_for_content("answer", lambda: "new", timeout=60) == "new"


def test_the_next_change_is_kept_in_the_process_until_its_moment(
    make_article, django_assert_num_queries
):
    from django.core.cache import cache

    from core.caching import NEXT_CHANGE_KEY

    now = timezone.now()
    first = make_article(published_at=now + dt.timedelta(minutes=5))
    second = make_article(published_at=now + dt.timedelta(minutes=20))
    assert next_change_at() == first.published_at
    # Gone from the shared cache, still known here: no query.
    cache.delete(NEXT_CHANGE_KEY.format(site=1, version=content_version()))
    with django_assert_num_queries(0):
        assert next_change_at() == first.published_at
    # Past it, asked again: the articles' next publication and expiry (2) and
    # the documents' next change (documents.selectors.next_change, registered
    # with register_next_change).
    with time_machine.travel(now + dt.timedelta(minutes=6)), django_assert_num_queries(3):
        assert next_change_at() == second.published_at


def test_a_version_bumped_elsewhere_shows_within_the_time_a_process_trusts_its_own(settings):
    import time

    from django.core.cache import cache

    from core.caching import VERSION_KEY, bump_content_version

    settings.CONTENT_VERSION_SECONDS = 0.2
    version = content_version()
    cache.incr(VERSION_KEY.format(site=1))
    assert content_version() == version
    time.sleep(0.25)
    assert content_version() == version + 1
    # A change made by this process shows at once.
    bump_content_version()
    assert content_version() == version + 2


@pytest.mark.parametrize("scope", [Scope.SHARED, Scope.PROCESS])
def test_each_reader_of_a_cached_list_gets_a_list_of_its_own(scope):
    piece = Cached(f"test-copies-{scope.value}", 60, scope)
    first = piece.get(lambda: [1, 2, 3])
    first.append(4)
    second = piece.get(lambda: [])
    assert second == [1, 2, 3]
    second.clear()
    assert piece.get(lambda: []) == [1, 2, 3]


def test_a_declared_piece_names_its_values_and_keeps_its_own_store():
    piece = Cached("test-store", 60, Scope.PROCESS, entries=8)
    assert piece.key(1, "a") == "test-store:1:a"
    assert piece.get(lambda: "value", 1) == "value"
    assert piece.store.entries
    assert piece.timeout() == 60
