"""Helpers for the counters' tests: a person's browser hitting the counting URLs.

Counting has two paths (see counters/services.py): on PostgreSQL one call of
the PL/pgSQL function counters_record_hit, elsewhere (and on PostgreSQL with
COUNTERS_DATABASE_FUNCTION off) the same steps from Python. A test that asks
for ``counting_path`` (or a module that uses it) runs once on each path the
database has: both on PostgreSQL, the Python one on SQLite.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from counters import conf

DATABASE_FUNCTION = "database-function"
PYTHON = "python"

BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def hit_url(article=None) -> str:
    if article is None:
        return reverse("counters:hit")
    return reverse("counters:article_hit", kwargs={"article_id": article.pk})


def pixel_url(article=None) -> str:
    if article is None:
        return reverse("counters:pixel")
    return reverse("counters:article_pixel", kwargs={"article_id": article.pk})


@pytest.fixture
def browser_hit():
    """Return a function that POSTs {} to a counting URL as a browser would."""

    def post(client: Client, article=None, *, body="{}", **headers):
        headers = {"User-Agent": BROWSER_UA, **headers}
        return client.post(hit_url(article), body, content_type="application/json", headers=headers)

    return post


@pytest.fixture
def visitor():
    """Return a fresh browser: a test client with no cookies."""
    return Client()


@pytest.fixture(autouse=True)
def no_random_pruning(settings):
    """Keep the occasional pruning out of tests that count statements."""
    settings.COUNTERS_PRUNE_EVERY = 0


def counting_paths() -> list[str]:
    """Return the counting paths this test database has."""
    return [DATABASE_FUNCTION, PYTHON] if connection.vendor == "postgresql" else [PYTHON]


def pytest_generate_tests(metafunc):
    if "counting_path" in metafunc.fixturenames:
        metafunc.parametrize("counting_path", counting_paths(), indirect=True)


@pytest.fixture
def counting_path(request, settings) -> str:
    """Count through one path: the database function (PostgreSQL only) or Python."""
    settings.COUNTERS_DATABASE_FUNCTION = request.param == DATABASE_FUNCTION
    return request.param


def read_portals_now() -> None:
    """Read the portals' host names and profiles now, as the next request would.

    portals.middleware reads them once per process every few seconds
    (HOSTS_SECONDS), not per request: a test that counts a request's
    statements reads them first, so that it never counts that read.
    """
    from portals.selectors import forget_portals, site_for_host

    forget_portals()
    site_for_host("testserver")


def in_the_database_function() -> bool:
    """Return True if counting now runs in PostgreSQL's counters_record_hit."""
    return connection.vendor == "postgresql" and conf.database_function()
