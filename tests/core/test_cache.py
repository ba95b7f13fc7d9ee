import logging
import socket
import time
import uuid

import pytest
from django.core.cache import caches
from django.core.checks import Tags, run_checks

from core.cache import ResilientRedisCache
from tests.core.redis_server import RedisServer


@pytest.fixture
def closed_port():
    """Return a loopback port that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_redis(closed_port):
    return ResilientRedisCache(f"redis://127.0.0.1:{closed_port}/0", {})


def redis_is_running() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


def test_unreachable_redis_reads_as_a_miss_and_ignores_writes(dead_redis):
    assert dead_redis.get("page", "default") == "default"
    assert dead_redis.set("page", "html") is None
    assert dead_redis.add("page", "html") is False
    assert dead_redis.get_many(["a", "b"]) == {}
    assert dead_redis.set_many({"a": 1}) == ["a"]
    assert dead_redis.delete("page") is False
    assert dead_redis.has_key("page") is False
    assert dead_redis.get_or_set("page", "fresh") == "fresh"
    with pytest.raises(ValueError):
        dead_redis.incr("hits")


def test_unreachable_redis_logs_one_warning_not_one_per_call(dead_redis, caplog):
    dead_redis.breaker_seconds = 0
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(5):
            dead_redis.get("page")
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1
    assert "Redis cache unavailable" in warnings[0].getMessage()
    assert dead_redis.failures == 5


def test_open_breaker_skips_redis_instead_of_waiting_each_time(dead_redis):
    dead_redis.get("page")
    assert dead_redis.breaker_is_open()
    started = time.perf_counter()
    for _ in range(1000):
        dead_redis.get("page")
    assert time.perf_counter() - started < 0.2
    assert dead_redis.failures == 1


@pytest.fixture
def redis_down(settings, closed_port):
    """Point the site's cache at a closed port, as if Redis were down.

    Ask for it after the fixtures that save articles: their warnings would
    come before the test's own.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/1",
        }
    }


@pytest.mark.django_db
def test_pages_are_served_and_articles_saved_while_redis_is_down(
    client, settings, make_article, caplog, redis_down
):
    settings.PAGE_CACHE = True
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        article = make_article(title="Tin đăng khi Redis ngừng")
        for url in ("/", article.get_absolute_url(), article.get_print_url(), "/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Tin đăng khi Redis ngừng" in response.content.decode()
    assert isinstance(caches["default"], ResilientRedisCache)
    assert any("Redis cache unavailable" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_process_keeps_its_caches_while_redis_is_down_and_sees_its_own_changes(
    client, make_article, django_assert_max_num_queries, redis_down
):
    article = make_article(title="Tin đầu tiên")
    client.get(article.get_absolute_url())
    # Only the next scheduled change is read again: the shared cache cannot keep it.
    with django_assert_max_num_queries(3):
        client.get(article.get_absolute_url())
    make_article(title="Tin thứ hai")
    assert "Tin thứ hai" in client.get("/").content.decode()


@pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379")
def test_reachable_redis_caches_as_usual():
    cache = ResilientRedisCache(
        "redis://127.0.0.1:6379/1", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    )
    try:
        cache.set("page", "html", 30)
        assert cache.get("page") == "html"
        assert cache.add("page", "other") is False
        cache.set("hits", 1, 30)
        assert cache.incr("hits") == 2
        assert cache.failures == 0
    finally:
        cache.delete_many(["page", "hits"])


@pytest.fixture
def full_redis():
    """Start a Redis at its maxmemory with noeviction: it refuses every write."""
    server = RedisServer(maxmemory="2mb", policy="noeviction")
    try:
        server.fill()
        yield server
    finally:
        server.stop()


@pytest.fixture
def forbidding_redis():
    """Start a Redis whose user may run no command at all: it refuses every read and write."""
    server = RedisServer()
    try:
        server.client.execute_command(
            "ACL", "SETUSER", "reader", "on", ">secret", "~*", "-@all", "+@connection"
        )
        yield server
    finally:
        server.stop()


def every_method(cache):
    """Call every method of the cache API once; return what each answered."""
    return {
        "get": cache.get("page", "default"),
        "set": cache.set("page", "x" * 10_000, 30),
        "add": cache.add("other", "x" * 10_000, 30),
        "get_many": cache.get_many(["page", "other"]),
        "set_many": cache.set_many({"a": "x" * 10_000, "b": "y" * 10_000}, 30),
        "touch": cache.touch("page", 30),
        "has_key": cache.has_key("page"),
        "get_or_set": cache.get_or_set("fresh", "value", 30),
        "delete": cache.delete("page"),
        "delete_many": cache.delete_many(["a", "b"]),
    }


def test_full_redis_that_refuses_writes_skips_them_and_keeps_reading(full_redis, caplog):
    cache = ResilientRedisCache(full_redis.url(), {"KEY_PREFIX": "test"})
    full_redis.client.delete("filler:1")
    full_redis.client.set(cache.make_key("kept"), cache._cache._serializer.dumps("still here"))
    full_redis.fill()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        answers = every_method(cache)
        assert cache.get("kept") == "still here"
        with pytest.raises(ValueError):
            cache.incr("kept")
    assert answers["set"] is None
    assert answers["add"] is False
    assert answers["set_many"] == ["a", "b"]
    assert answers["get_or_set"] == "value"
    # Refused writes say nothing about reads: the breaker stays closed.
    assert not cache.breaker_is_open()
    assert cache.refusals >= 3
    warnings = [r.getMessage() for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1
    assert "OutOfMemoryError" in warnings[0]


def test_redis_that_refuses_every_command_reads_as_an_empty_cache(forbidding_redis):
    cache = ResilientRedisCache(forbidding_redis.url(user="reader"), {})
    answers = every_method(cache)
    assert answers == {
        "get": "default",
        "set": None,
        "add": False,
        "get_many": {},
        "set_many": ["a", "b"],
        "touch": False,
        "has_key": False,
        "get_or_set": "value",
        "delete": False,
        "delete_many": None,
    }
    with pytest.raises(ValueError):
        cache.incr("hits")
    assert cache.clear() is False
    assert cache.refusals > 10


def redis_cache_settings(location: str) -> dict:
    return {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": location}}


def warning_ids() -> list[str]:
    return [message.id for message in run_checks(tags=[Tags.caches])]


@pytest.mark.parametrize(
    ("maxmemory", "policy", "expected"),
    [
        ("0", "noeviction", ["portal.W001", "portal.W002"]),
        ("4mb", "noeviction", ["portal.W001"]),
        ("0", "allkeys-lru", ["portal.W002"]),
        ("4mb", "allkeys-lru", []),
    ],
)
def test_start_up_warns_when_the_caches_redis_cannot_evict_or_has_no_limit(
    settings, maxmemory, policy, expected
):
    server = RedisServer(maxmemory=maxmemory, policy=policy)
    try:
        settings.CACHES = redis_cache_settings(server.url())
        assert warning_ids() == expected
    finally:
        server.stop()


def test_start_up_says_nothing_of_a_redis_that_is_down(settings, closed_port):
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{closed_port}/0")
    started = time.perf_counter()
    assert warning_ids() == []
    assert time.perf_counter() - started < 2


def test_start_up_says_nothing_when_redis_refuses_to_show_its_configuration(
    settings, forbidding_redis
):
    settings.CACHES = redis_cache_settings(forbidding_redis.url(user="reader"))
    assert warning_ids() == []
