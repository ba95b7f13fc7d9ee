"""Scheduled articles appear at their time by themselves, and no cached page hides them."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.caching import cache_timeout, content_version
from news import services
from news.models import Article

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 4, 18, 9, 0, tzinfo=dt.UTC)


def cached_page(client: Client, url: str) -> str:
    """Serve url the way the portal's page caches do: keyed by content version, never
    kept past the next scheduled change."""
    key = f"test-page:{content_version()}:{url}"
    html = cache.get(key)
    if html is None:
        html = client.get(url).content.decode()
        cache.set(key, html, timeout=cache_timeout(3600))
    return html


def test_scheduled_article_appears_at_its_time_on_its_page_and_in_listings(
    client, approver, make_article, article
):
    with time_machine.travel(START, tick=False):
        scheduled = make_article(title="Tin hẹn giờ 10 giờ", status=Article.Status.PENDING)
        services.publish_article(
            article=scheduled, user=approver, at=START + dt.timedelta(minutes=30)
        )
        category_url = scheduled.category.get_absolute_url()
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        assert client.get(scheduled.get_print_url()).status_code == 404
        for url in ("/", category_url):
            assert "Tin hẹn giờ 10 giờ" not in cached_page(client, url)
        assert "Tin hẹn giờ 10 giờ" not in client.get(category_url).content.decode()
        older_page = client.get(article.get_absolute_url())
        assert scheduled not in older_page.context["newer"]
        assert "Tin hẹn giờ 10 giờ" not in older_page.content.decode()
        assert cache_timeout(3600) == 30 * 60

    with time_machine.travel(START + dt.timedelta(minutes=31), tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert client.get(scheduled.get_print_url()).status_code == 200
        for url in ("/", category_url):
            assert "Tin hẹn giờ 10 giờ" in cached_page(client, url), url
        assert "Tin hẹn giờ 10 giờ" in client.get(category_url).content.decode()
        older_page = client.get(article.get_absolute_url())
        assert scheduled in older_page.context["newer"]
        assert "Tin hẹn giờ 10 giờ" in older_page.content.decode()


def test_expired_article_leaves_at_its_time(client, make_article):
    with time_machine.travel(START, tick=False):
        expiring = make_article(
            title="Thông báo có hạn",
            published_at=START - dt.timedelta(days=1),
            expires_at=START + dt.timedelta(hours=2),
        )
        assert "Thông báo có hạn" in cached_page(client, "/")
        assert client.get(expiring.get_absolute_url()).status_code == 200
    with time_machine.travel(START + dt.timedelta(hours=2, seconds=1), tick=False):
        assert "Thông báo có hạn" not in cached_page(client, "/")
        assert client.get(expiring.get_absolute_url()).status_code == 404


def test_publishing_and_unpublishing_make_cached_pages_stale_at_once(
    client, approver, make_article
):
    pending = make_article(title="Tin chờ duyệt", status=Article.Status.PENDING)
    assert "Tin chờ duyệt" not in cached_page(client, "/")
    services.publish_article(article=pending, user=approver)
    assert "Tin chờ duyệt" in cached_page(client, "/")
    services.unpublish_article(article=pending, user=approver)
    assert "Tin chờ duyệt" not in cached_page(client, "/")


def test_a_schedule_set_in_the_admin_needs_no_further_action(
    approver_client, client, make_article, category
):
    pending = make_article(title="Đăng lúc 9 giờ 30", status=Article.Status.PENDING)
    later = timezone.localtime(timezone.now() + dt.timedelta(minutes=5)).replace(microsecond=0)
    url = reverse("admin:news_article_change", args=[pending.pk])
    data = {
        "title": pending.title,
        "slug": pending.slug,
        "category": category.pk,
        "lead": "",
        "body": "<p>x</p>",
        "byline": "Kim Ngân",
        "source": "UBND",
        "image_alt": "",
        "_action": "schedule",
        "published_at_0": f"{later:%Y-%m-%d}",
        "published_at_1": f"{later:%H:%M:%S}",
        "expires_at_0": "",
        "expires_at_1": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    assert approver_client.post(url, data).status_code == 302
    assert client.get(pending.get_absolute_url()).status_code == 404
    with time_machine.travel(later + dt.timedelta(seconds=1)):
        assert client.get(pending.get_absolute_url()).status_code == 200
