"""Helpers for the counters' tests: a person's browser hitting the counting URLs."""

import pytest
from django.test import Client
from django.urls import reverse

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
