"""A Redis cache that is an accelerator, never a single point of failure.

Django's own Redis backend raises on a lost connection, which would turn a
Redis outage into a site outage, and on a command Redis refuses (a full Redis
with `maxmemory-policy noeviction` refuses every write with OutOfMemoryError),
which turned a full Redis into a 500 on every page. This backend turns every
Redis error into a cache miss (reads) or a no-op (writes) and logs a warning
at most once a minute per process. After a connection failure it also opens a
circuit breaker for a few seconds, so that a dead Redis costs one short
timeout per breaker period instead of one per cache call; a refused command
does not, since Redis still answers and reads still work.
"""

from __future__ import annotations

import logging
import threading
import time
from functools import wraps

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("core.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Everything else redis-py raises: Redis answered, but refused the command
# (OutOfMemoryError, ReadOnlyError on a replica, a wrong type, a missing permission).
REFUSED = RedisError


def _guarded(fallback):
    """Return a decorator that answers `fallback(args)` while Redis is unavailable."""

    def decorator(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.breaker_is_open():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self.record_failure(error)
                return fallback(*args, **kwargs)
            except REFUSED as error:
                self.record_refusal(error)
                return fallback(*args, **kwargs)
            self.record_success()
            return result

        return wrapper

    return decorator


def _raise_missing(key, *args, **kwargs):
    # incr() on a key Redis cannot confirm behaves like incr() on a missing key.
    raise ValueError(f"Key {key!r} not found (cache unavailable).")


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client that keeps one redis.Redis per connection pool.

    Django builds a new redis.Redis for every cache call, and each one copies
    redis-py's table of some 300 response callbacks, a visible share of a
    cached page. A redis.Redis is safe to share between
    threads (each command borrows a connection from the pool).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that degrades to a miss or a no-op when Redis fails or refuses.

    Extra OPTIONS (removed before the rest reach redis-py):
    - ``breaker_seconds``: how long to skip Redis after a failure (default 5).
    - ``warning_interval``: least seconds between two warnings (default 60).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.breaker_seconds = float(options.pop("breaker_seconds", 5))
        self.warning_interval = float(options.pop("warning_interval", 60))
        # Short timeouts unless told otherwise: a cache slower than the database is no cache.
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.25)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._last_warning = float("-inf")
        self._last_refusal_warning = float("-inf")
        self.failures = 0
        self.refusals = 0

    def breaker_is_open(self) -> bool:
        """Return True while Redis calls are skipped after a recent failure."""
        return time.monotonic() < self._open_until

    def record_failure(self, error: Exception) -> None:
        """Open the breaker and log a warning, unless one was logged recently."""
        now = time.monotonic()
        with self._lock:
            self.failures += 1
            self._open_until = now + self.breaker_seconds
            if now - self._last_warning < self.warning_interval:
                return
            self._last_warning = now
        logger.warning(
            "Redis cache unavailable (%s: %s); serving without cache, retrying in %.0f s.",
            type(error).__name__,
            error,
            self.breaker_seconds,
        )

    def record_refusal(self, error: Exception) -> None:
        """Log that Redis refused a command, unless that was logged recently; keep using Redis."""
        now = time.monotonic()
        with self._lock:
            self.refusals += 1
            if now - self._last_refusal_warning < self.warning_interval:
                return
            self._last_refusal_warning = now
        logger.warning(
            "Redis cache refused a command (%s: %s); carrying on without that entry. "
            "A full Redis needs maxmemory-policy allkeys-lru (see docs/caching.md).",
            type(error).__name__,
            error,
        )

    def record_success(self) -> None:
        """Forget earlier failures once Redis answers again."""
        if self.failures:
            with self._lock:
                if self.failures:
                    logger.warning("Redis cache reachable again.")
                self.failures = 0

    @_guarded(lambda key, value, timeout=DEFAULT_TIMEOUT, version=None: False)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_guarded(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_guarded(lambda key, value, timeout=DEFAULT_TIMEOUT, version=None: None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_guarded(lambda key, timeout=DEFAULT_TIMEOUT, version=None: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_guarded(lambda key, version=None: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_guarded(lambda keys, version=None: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_guarded(lambda key, version=None: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_guarded(_raise_missing)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_guarded(lambda data, timeout=DEFAULT_TIMEOUT, version=None: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_guarded(lambda keys, version=None: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_guarded(lambda: False)
    def clear(self):
        return super().clear()
