"""System checks of the deployment around Django: the Redis the cache runs on.

The page cache fills Redis with every page readers ask for; Redis's default
policy, `noeviction`, then refuses every write once `maxmemory` is reached,
and without `maxmemory` Redis grows until the machine runs out of memory.
Both are said at start-up (`manage.py migrate`, `check`, `runserver`). A
Redis that is down, or that refuses CONFIG GET (managed services often do),
makes these checks say nothing: they must never stop a start-up.
"""

from __future__ import annotations

import contextlib
import re

import redis
from django.conf import settings
from django.core.checks import Tags, Warning, register

# Answers the check waits for, at most: Redis on the same network answers in a millisecond.
TIMEOUT_SECONDS = 0.5


def redis_memory_config(location: str) -> dict[str, str] | None:
    """Return Redis's maxmemory and maxmemory-policy, or None if it cannot or will not say."""
    # Django's RedisCache writes to the first server of a list.
    url = re.split("[;,]", location)[0] if isinstance(location, str) else location[0]
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
        )
    except ValueError:
        return None
    try:
        with contextlib.closing(client):
            config = client.config_get("maxmemory*")
    except (redis.RedisError, OSError):
        return None
    return {
        (key.decode() if isinstance(key, bytes) else key): (
            value.decode() if isinstance(value, bytes) else value
        )
        for key, value in config.items()
    }


def redis_locations() -> list[tuple[str, str]]:
    """Return (alias, location) of every cache that stores in Redis."""
    found = []
    for alias, config in settings.CACHES.items():
        backend = config.get("BACKEND", "")
        if backend.endswith(("RedisCache", "ResilientRedisCache")) and config.get("LOCATION"):
            found.append((alias, config["LOCATION"]))
    return found


@register(Tags.caches)
def check_redis_eviction(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when the cache's Redis would refuse writes when full, or has no memory limit."""
    warnings = []
    for alias, location in redis_locations():
        config = redis_memory_config(location)
        if not config:
            continue
        if config.get("maxmemory-policy") == "noeviction":
            warnings.append(
                Warning(
                    f"The Redis of the cache {alias!r} has maxmemory-policy noeviction: once "
                    "full it refuses every write, and pages stop being cached.",
                    hint="Run Redis with maxmemory-policy allkeys-lru (docs/caching.md).",
                    id="portal.W001",
                )
            )
        if config.get("maxmemory") == "0":
            warnings.append(
                Warning(
                    f"The Redis of the cache {alias!r} has no maxmemory: cached pages can "
                    "take all the memory of its machine.",
                    hint="Set maxmemory (e.g. 256mb) with maxmemory-policy allkeys-lru "
                    "(docs/caching.md).",
                    id="portal.W002",
                )
            )
    return warnings
