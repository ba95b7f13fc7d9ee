import datetime as dt
import html
from html.parser import HTMLParser

import feedparser
import pytest
import time_machine
from django.utils import timezone

from news.models import Article, Category
from tests.conftest import VN

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    return response, feed


def test_latest_feed_lists_published_articles_newest_first_item_by_item(client, make_article):
    now = timezone.now()
    older = make_article(
        title="Triển khai <Kế hoạch> & tuyên truyền",
        lead="Ngày 16/4, UBND thành phố ban hành kế hoạch.",
        published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN),
    )
    newer = make_article(title="Tin mới", byline="", published_at=now - dt.timedelta(minutes=5))
    make_article(title="Bản nháp", status=Article.Status.DRAFT)
    make_article(title="Hẹn giờ", published_at=now + dt.timedelta(hours=1))
    make_article(title="Hết hạn", expires_at=now - dt.timedelta(minutes=1))
    response, feed = parse(client, "/rss/")
    assert feed.feed.title.endswith("Tin mới nhất")
    assert feed.feed.language == "vi"
    assert feed.feed.link == "http://testserver/"
    assert [entry.title for entry in feed.entries] == [newer.title, older.title]
    first, second = feed.entries
    assert first.link == "http://testserver" + newer.get_absolute_url()
    assert second.link == "http://testserver" + older.get_absolute_url()
    assert second.summary == older.lead
    assert second.author == "Kim Ngân"
    assert "author" not in first
    assert [tag.term for tag in second.tags] == [older.category.name]
    assert second.published == "Wed, 18 Apr 2018 09:30:00 +0700"
    assert (
        "<title>Triển khai &lt;Kế hoạch&gt; &amp; tuyên truyền</title>" in response.content.decode()
    )
    assert feed.feed.updated.endswith("+0700")


def test_category_feed_holds_only_its_category(client, make_article, category):
    other = Category.objects.create(name="Kinh tế", order=2)
    mine = make_article(title="Của chuyên mục")
    make_article(title="Chuyên mục khác", category=other)
    _, feed = parse(client, f"/rss/{category.slug}/")
    assert feed.feed.title.endswith(category.name)
    assert feed.feed.link == "http://testserver" + category.get_absolute_url()
    assert [entry.title for entry in feed.entries] == [mine.title]


def test_empty_feed_is_still_valid_and_in_local_time(client, category):
    _, feed = parse(client, f"/rss/{category.slug}/")
    assert feed.entries == []
    assert feed.feed.updated.endswith("+0700")


def test_unknown_category_feed_is_404(client, db):
    assert client.get("/rss/khong-co/").status_code == 404


def test_feed_is_cached_until_an_article_changes(client, make_article, django_assert_num_queries):
    article = make_article(title="Tin đầu")
    parse(client, "/rss/")
    with django_assert_num_queries(0):
        _, feed = parse(client, "/rss/")
    assert [entry.title for entry in feed.entries] == ["Tin đầu"]
    make_article(title="Tin thứ hai")
    _, feed = parse(client, "/rss/")
    assert [entry.title for entry in feed.entries] == ["Tin thứ hai", "Tin đầu"]
    article.title = "Tin đầu, đã sửa"
    article.save()
    _, feed = parse(client, "/rss/")
    assert [entry.title for entry in feed.entries] == ["Tin thứ hai", "Tin đầu, đã sửa"]
    article.status = Article.Status.UNPUBLISHED
    article.save()
    _, feed = parse(client, "/rss/")
    assert [entry.title for entry in feed.entries] == ["Tin thứ hai"]


def test_scheduled_article_enters_the_cached_feed_when_its_time_comes(client, make_article):
    now = timezone.now()
    make_article(title="Đã đăng")
    make_article(title="Hẹn giờ", published_at=now + dt.timedelta(minutes=2))
    _, feed = parse(client, "/rss/")
    assert [entry.title for entry in feed.entries] == ["Đã đăng"]
    with time_machine.travel(now + dt.timedelta(minutes=3)):
        _, feed = parse(client, "/rss/")
    assert [entry.title for entry in feed.entries] == ["Hẹn giờ", "Đã đăng"]


def test_rss_page_lists_every_feed(client, category):
    Category.objects.create(name="Kinh tế", order=2)
    response = client.get("/kenh-rss/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-title">RSS</h1>' in html
    for slug in ["", f"{category.slug}/", "kinh-te/"]:
        assert f'href="/rss/{slug}"' in html
        assert f"http://testserver/rss/{slug}<" in html


def test_every_page_links_the_rss_page_and_announces_the_feed(client, article):
    html = client.get("/").content.decode()
    assert '<a href="/kenh-rss/">RSS</a>' in html
    assert 'type="application/rss+xml"' in html and 'href="/rss/"' in html
    listing = client.get(article.category.get_absolute_url()).content.decode()
    assert f'href="/rss/{article.category.slug}/"' in listing


def test_a_cached_feed_is_sent_in_one_piece(client, make_article):
    for number in range(5):
        make_article(title=f"Bài {number}")
    fresh = client.get("/rss/")
    cached = client.get("/rss/")
    # The server writes each piece of the body separately; a feed written piece
    # by piece would go out in thousands of small writes.
    assert len(list(cached)) == 1
    assert b"".join(cached) == fresh.content


class Elements(HTMLParser):
    """Collect the start tags of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def elements_of(fragment: str) -> list[str]:
    parser = Elements()
    parser.feed(fragment)
    parser.close()
    return parser.tags


HOSTILE = "<img src=x onerror=alert(document.cookie)> & <b>đậm</b>"


def test_a_lead_that_looks_like_html_reaches_feed_readers_as_text(client, make_article):
    article = make_article(title="Tin có thẻ", lead=HOSTILE)
    for url in ("/rss/", f"/rss/{article.category.slug}/"):
        response, feed = parse(client, url)
        (entry,) = feed.entries
        assert entry.summary_detail.type == "text/html"
        assert elements_of(entry.summary) == []
        assert html.unescape(entry.summary) == HOSTILE
        assert "<description>&amp;lt;img src=x" in response.content.decode()
