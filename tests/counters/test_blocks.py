import datetime as dt
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from counters.models import ArticleDay, ArticleTotal, OnlineMinute, SiteDay, SiteTotal
from counters.selectors import minute_of
from news.models import Article

from .conftest import hit_url, pixel_url, read_portals_now

pytestmark = pytest.mark.django_db


def test_the_visit_block_shows_total_digits_today_and_online(client, article):
    SiteTotal.objects.create(visits=5135392)
    SiteDay.objects.create(day=timezone.localdate(), visits=321)
    for minutes in (1, 4, 9):
        seen = minute_of(timezone.now() - dt.timedelta(minutes=minutes))
        OnlineMinute.objects.create(minute=seen, visitors=1)
    html = client.get("/").content.decode()
    block = html.split('class="block visit-block"')[1].split("</section>")[0]
    assert "SỐ LƯỢT TRUY CẬP" in block
    assert 'aria-label="Số lượt truy cập: 5135392"' in block
    assert re.findall(r'<span class="digit">(\d)</span>', block) == list("5135392")
    assert re.search(r"Hôm nay:</dt>\s*<dd[^>]*>321</dd>", block)
    assert re.search(r"Đang truy cập:</dt>\s*<dd[^>]*>2</dd>", block)


def test_the_article_page_shows_its_views_and_names_its_counting_urls(client, article):
    ArticleTotal.objects.create(article=article, views=629)
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(
        rf'Số lượt người xem: <span class="view-count"[^>]* data-hit-url="{hit_url(article)}"'
        r"[^>]*>629</span>",
        html,
    )
    assert f'<noscript><img class="hit-pixel" src="{pixel_url(article)}"' in html
    # One counting URL per page: the article's, which records the visit too.
    assert html.count("data-hit-url=") == 1
    assert html.count("<noscript>") == 1


@pytest.mark.parametrize("page", ["home", "category"])
def test_other_pages_name_the_site_counting_url_on_the_visit_block(client, article, page):
    url = "/" if page == "home" else article.category.get_absolute_url()
    html = client.get(url).content.decode()
    assert (
        f'class="block visit-block" aria-labelledby="visit-title" data-hit-url="{hit_url()}"'
        in html
    )
    assert html.count("data-hit-url=") == 1
    assert f'<noscript><img class="hit-pixel" src="{pixel_url()}"' in html


def test_pages_load_the_counting_script_from_a_file_with_no_inline_script(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    # JSON-LD blocks are data, not code; every executable script is a file.
    scripts = re.findall(r"<script\b(?![^>]*application/ld\+json)[^>]*>(.*?)</script>", html, re.S)
    assert scripts and all(body.strip() == "" for body in scripts)
    assert re.search(r'<script src="/static/js/counters\.js" defer>', html)
    assert not re.search(r"\son[a-z]+=", html)


def test_the_most_read_block_lists_public_articles_of_the_last_seven_days(client, make_article):
    today = timezone.localdate()
    first = make_article(title="Đọc nhiều nhất")
    second = make_article(title="Đọc nhiều nhì")
    hidden = make_article(title="Bài đã gỡ", status=Article.Status.UNPUBLISHED)
    old = make_article(title="Đọc nhiều tháng trước")
    ArticleDay.objects.create(article=first, day=today, views=30)
    ArticleDay.objects.create(article=first, day=today - dt.timedelta(days=6), views=30)
    ArticleDay.objects.create(article=second, day=today - dt.timedelta(days=1), views=40)
    ArticleDay.objects.create(article=hidden, day=today, views=1000)
    ArticleDay.objects.create(article=old, day=today - dt.timedelta(days=7), views=1000)
    html = client.get("/").content.decode()
    block = html.split('class="block most-read"')[1].split("</section>")[0]
    assert "Tin đọc nhiều" in block
    titles = re.findall(r'<a href="[^"]+">([^<]+)</a>', block)
    assert titles == ["Đọc nhiều nhất", "Đọc nhiều nhì"]


def test_the_most_read_block_says_when_there_is_nothing_yet(client, article):
    html = client.get("/").content.decode()
    assert "Chưa có số liệu trong 7 ngày qua." in html


def page_statements(client, url) -> int:
    read_portals_now()
    with CaptureQueriesContext(connection) as capture:
        assert client.get(url).status_code == 200
    return len(capture)


def test_counter_blocks_cost_the_same_queries_whatever_the_numbers(
    known_portals, client, make_article
):
    article = make_article()
    url = article.get_absolute_url()
    before = page_statements(client, url)
    today = timezone.localdate()
    for index in range(12):
        other = make_article(title=f"Bài {index}")
        ArticleDay.objects.create(article=other, day=today, views=index + 1)
        ArticleTotal.objects.create(article=other, views=index + 1)
    ArticleTotal.objects.create(article=article, views=5)
    SiteTotal.objects.create(visits=99)
    # The article's newer/older lists grow too; the counters add nothing per item.
    assert page_statements(client, url) == before


def test_the_counter_blocks_cost_three_queries_on_an_article_page(known_portals, client, article):
    with CaptureQueriesContext(connection) as capture:
        client.get(article.get_absolute_url())
    counters_sql = [q["sql"] for q in capture.captured_queries if "counters_" in q["sql"]]
    # The visit block's numbers, the article's views, the most read block.
    assert len(counters_sql) == 3


def test_pages_show_visit_numbers_at_most_a_few_seconds_old(client, article, settings):
    import time_machine

    from counters import services

    settings.COUNTERS_PAGE_NUMBERS_SECONDS = 10
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert 'aria-label="Số lượt truy cập: 0"' in client.get("/").content.decode()
        services.record_visit(visitor=uuid.uuid4())
        assert 'aria-label="Số lượt truy cập: 0"' in client.get("/").content.decode()
        traveller.shift(dt.timedelta(seconds=11))
        assert 'aria-label="Số lượt truy cập: 1"' in client.get("/").content.decode()
