import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from news.caching import cache_timeout, content_version, next_change_at

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
