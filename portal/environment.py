"""Read the portal's configuration from environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


def env_bool(name: str, default: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """Return the boolean value of an environment variable.

    Only the usual words are accepted so that a typo does not silently flip a
    security setting.
    """
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={environ[name]!r} is not a boolean: use one of 1/true/yes/on or 0/false/no/off."
    )


def env_list(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> list[str]:
    """Return a comma-separated environment variable as a list of non-empty items."""
    environ = os.environ if environ is None else environ
    return [item.strip() for item in environ.get(name, default).split(",") if item.strip()]


def database_config(url: str | None, base_dir: Path, *, pool_timeout: float = 2.0) -> dict:
    """Return a Django DATABASES entry for a sqlite:// or postgres:// URL.

    Without a URL the database is a SQLite file at the repository root.
    PostgreSQL goes through psycopg 3 with Django's connection pool, whose
    timeout is kept short so that an outage answers quickly instead of hanging.
    """
    import dj_database_url

    if not url:
        url = f"sqlite:///{base_dir / 'db.sqlite3'}"
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with sqlite:// or postgres://, not {url.split(':', 1)[0]!r}."
        )
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, whose pool checks a connection before handing it out, so
        # connections broken by a database restart are replaced silently instead of
        # failing one request each (see core.postgresql.base).
        config["ENGINE"] = "core.postgresql"
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "pool": {"min_size": 1, "max_size": 8, "timeout": pool_timeout},
            "connect_timeout": 2,
        }
    else:
        # A busy SQLite file waits a little rather than failing at once.
        config["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    return config
