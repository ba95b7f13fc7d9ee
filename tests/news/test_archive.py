"""Archives by local date: day, month and year pages, the calendar and the sidebar counts."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.archive import selectors
from news.models import Article
from tests.conftest import VN

pytestmark = pytest.mark.django_db


def day_url(day: dt.date) -> str:
    return reverse(
        "news:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day}
    )


def month_url(year: int, month: int) -> str:
    return reverse("news:archive_month", kwargs={"year": year, "month": month})


def titles(response) -> list[str]:
    return [article.title for article in response.context["article_list"]]


def calendar_links(html: str) -> list[str]:
    table = re.search(r"<table class=\"calendar\".*?</table>", html, re.S)[0]
    return re.findall(r'href="([^"]+)"', table)


@pytest.fixture
def around_midnight(make_article):
    """Return an article at 00:30 on 18/04/2018 and one at 23:59 on 17/04/2018, local time."""
    early = make_article(
        title="Đăng lúc nửa đêm", published_at=dt.datetime(2018, 4, 18, 0, 30, tzinfo=VN)
    )
    late = make_article(
        title="Đăng cuối ngày", published_at=dt.datetime(2018, 4, 17, 23, 59, tzinfo=VN)
    )
    return early, late


def test_archive_urls_take_integers_and_pad_month_and_day():
    assert day_url(dt.date(2018, 4, 18)) == "/luu-tru/2018/04/18/"
    assert month_url(2018, 4) == "/luu-tru/2018/04/"
    assert reverse("news:archive_year", kwargs={"year": 2018}) == "/luu-tru/2018/"


def test_article_after_midnight_is_on_its_local_day_in_the_day_page(client, around_midnight):
    early, late = around_midnight
    assert titles(client.get("/luu-tru/2018/04/18/")) == [early.title]
    assert titles(client.get("/luu-tru/2018/04/17/")) == [late.title]


def test_day_page_has_a_vietnamese_heading(client, around_midnight):
    html = client.get("/luu-tru/2018/04/18/").content.decode()
    assert '<h1 class="page-title">Ngày 18/04/2018</h1>' in html
    assert "Thứ Tư" in html


def test_month_page_holds_both_articles_under_a_vietnamese_heading(client, around_midnight):
    response = client.get("/luu-tru/2018/04/")
    assert sorted(titles(response)) == sorted(a.title for a in around_midnight)
    assert '<h1 class="page-title">Tháng 4 năm 2018</h1>' in response.content.decode()
    assert [(d.date, d.count) for d in response.context["date_list"]] == [
        (dt.date(2018, 4, 17), 1),
        (dt.date(2018, 4, 18), 1),
    ]


def test_calendar_links_the_local_days_of_the_articles(client, around_midnight):
    html = client.get("/luu-tru/2018/04/").content.decode()
    links = calendar_links(html)
    assert links[:2] == [day_url(dt.date(2018, 4, 17)), day_url(dt.date(2018, 4, 18))]
    assert "<caption>Tháng 4 năm 2018</caption>" in html


def test_sidebar_counts_the_articles_in_their_local_month(client, make_article):
    make_article(published_at=dt.datetime(2018, 5, 1, 0, 10, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 30, 23, 50, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
    assert [(m.date, m.count) for m in selectors.recent_month_counts(site_id=1, months=12)] == [
        (dt.date(2018, 5, 1), 1),
        (dt.date(2018, 4, 1), 2),
    ]
    html = client.get("/").content.decode()
    assert f'<a href="{month_url(2018, 5)}">Tháng 5/2018</a> <span class="count">(1)</span>' in html
    assert f'<a href="{month_url(2018, 4)}">Tháng 4/2018</a> <span class="count">(2)</span>' in html


def test_sidebar_shows_the_last_twelve_months_that_have_articles(make_article):
    for month in range(1, 13):
        make_article(published_at=dt.datetime(2017, month, 15, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 1, 1, 0, 5, tzinfo=VN))
    months = [m.date for m in selectors.recent_month_counts(site_id=1, months=12)]
    assert months[0] == dt.date(2018, 1, 1)
    assert months[-1] == dt.date(2017, 2, 1)
    assert len(months) == 12


def test_article_ten_past_midnight_on_the_first_belongs_to_the_new_month(client, make_article):
    may = make_article(
        title="Đầu tháng Năm", published_at=dt.datetime(2018, 5, 1, 0, 10, tzinfo=VN)
    )
    april = make_article(
        title="Cuối tháng Tư", published_at=dt.datetime(2018, 4, 30, 23, 50, tzinfo=VN)
    )
    assert titles(client.get("/luu-tru/2018/05/")) == [may.title]
    assert titles(client.get("/luu-tru/2018/04/")) == [april.title]
    assert calendar_links(client.get("/luu-tru/2018/05/").content.decode())[0] == day_url(
        dt.date(2018, 5, 1)
    )


def test_year_boundary_follows_local_time(client, make_article):
    december = make_article(
        title="Cuối năm", published_at=dt.datetime(2018, 12, 31, 23, 50, tzinfo=VN)
    )
    january = make_article(title="Đầu năm", published_at=dt.datetime(2019, 1, 1, 0, 10, tzinfo=VN))
    assert titles(client.get("/luu-tru/2018/")) == [december.title]
    assert titles(client.get("/luu-tru/2019/")) == [january.title]
    assert titles(client.get("/luu-tru/2018/12/31/")) == [december.title]
    assert titles(client.get("/luu-tru/2019/01/01/")) == [january.title]
    year = client.get("/luu-tru/2018/")
    assert [(m.date, m.count) for m in year.context["date_list"]] == [(dt.date(2018, 12, 1), 1)]


def test_year_page_lists_its_months_with_counts(client, make_article):
    for day in (3, 9, 27):
        make_article(published_at=dt.datetime(2018, 4, day, 8, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 11, 2, 6, 59, tzinfo=VN))
    html = client.get("/luu-tru/2018/").content.decode()
    assert '<h1 class="page-title">Năm 2018</h1>' in html
    assert f'<a href="{month_url(2018, 4)}">Tháng 4</a> <span class="count">(3 bài)</span>' in html
    assert (
        f'<a href="{month_url(2018, 11)}">Tháng 11</a> <span class="count">(1 bài)</span>' in html
    )


def test_leap_day_2020_is_a_page_and_2019_has_none(client, make_article):
    leap = make_article(title="Ngày nhuận", published_at=dt.datetime(2020, 2, 29, 0, 1, tzinfo=VN))
    assert titles(client.get("/luu-tru/2020/02/29/")) == [leap.title]
    assert client.get("/luu-tru/2019/02/29/").status_code == 404
    assert calendar_links(client.get("/luu-tru/2020/02/").content.decode()) == [
        day_url(dt.date(2020, 2, 29))
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/luu-tru/2018/02/30/",
        "/luu-tru/2018/04/31/",
        "/luu-tru/2018/04/00/",
        "/luu-tru/2018/13/",
        "/luu-tru/2018/00/",
        "/luu-tru/2018/13/01/",
        "/luu-tru/0/",
        "/luu-tru/0000/",
        "/luu-tru/0000/01/01/",
        "/luu-tru/99999/",
        "/luu-tru/99999/01/01/",
        "/luu-tru/1899/12/31/",
        "/luu-tru/9999/12/31/",
        "/luu-tru/abcd/",
        "/luu-tru/2018/4x/",
        "/luu-tru/2018/04/18/?page=2",
        "/luu-tru/2018/04/18/?page=abc",
        "/luu-tru/lich/2018/13/",
        "/luu-tru/lich/0000/01/",
        "/luu-tru/lich/2018/13/khoi/",
        "/luu-tru/lich/0000/01/khoi/",
    ],
)
def test_impossible_dates_and_pages_give_404(client, around_midnight, url):
    assert client.get(url).status_code == 404


def test_calendar_lights_only_days_with_public_articles(client, make_article):
    with time_machine.travel(dt.datetime(2018, 4, 20, 12, tzinfo=VN), tick=False):
        make_article(published_at=dt.datetime(2018, 4, 3, 8, tzinfo=VN))
        make_article(status=Article.Status.DRAFT, published_at=dt.datetime(2018, 4, 5, tzinfo=VN))
        make_article(
            status=Article.Status.UNPUBLISHED, published_at=dt.datetime(2018, 4, 6, tzinfo=VN)
        )
        make_article(published_at=dt.datetime(2018, 4, 25, 8, tzinfo=VN))  # scheduled
        make_article(
            published_at=dt.datetime(2018, 4, 7, 8, tzinfo=VN),
            expires_at=dt.datetime(2018, 4, 10, tzinfo=VN),
        )
        html = client.get("/").content.decode()
        assert calendar_links(html) == [day_url(dt.date(2018, 4, 3))]
        assert "<caption>Tháng 4 năm 2018</caption>" in html
        assert '<td aria-current="date">20</td>' in html
        # No link leads past the last public article.
        assert 'rel="next"' not in html.split("calendar-nav")[1]
        assert list(client.get("/luu-tru/2018/04/25/").context["article_list"]) == []


def test_calendar_starts_weeks_on_monday_with_vietnamese_headers(client, around_midnight):
    html = client.get("/luu-tru/2018/04/").content.decode()
    headers = re.findall(r'<th scope="col"><abbr title="[^"]+">([^<]+)</abbr></th>', html)
    assert headers == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    # 1 April 2018 was a Sunday: the first row has six empty cells, then 1.
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", html, re.S)[1]
    assert first_row.startswith("<td></td>" * 6 + "<td>1</td>")


def test_calendar_links_to_the_nearest_months_with_articles(client, make_article):
    make_article(published_at=dt.datetime(2018, 1, 10, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 10, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 7, 1, 0, 5, tzinfo=VN))
    html = client.get("/luu-tru/2018/04/").content.decode()
    nav = html.split('<p class="calendar-nav">')[1].split("</p>")[0]
    assert f'href="{month_url(2018, 1)}" rel="prev"' in nav
    assert 'data-calendar-fragment="/luu-tru/lich/2018/01/khoi/"' in nav
    assert f'href="{month_url(2018, 7)}" rel="next"' in nav


def test_calendar_shows_the_page_month_on_archive_pages(client, make_article):
    make_article(published_at=dt.datetime(2018, 4, 10, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 9, 10, tzinfo=VN))
    for url, caption in [
        ("/luu-tru/2018/04/", "Tháng 4 năm 2018"),
        ("/luu-tru/2018/04/10/", "Tháng 4 năm 2018"),
        ("/luu-tru/2018/03/02/", "Tháng 3 năm 2018"),
        ("/luu-tru/2018/", "Tháng 9 năm 2018"),
        ("/luu-tru/2016/", "Tháng 1 năm 2016"),
    ]:
        assert f"<caption>{caption}</caption>" in client.get(url).content.decode(), url


def test_calendar_shows_the_current_month_elsewhere_or_the_month_asked(client, article):
    today = timezone.localdate()
    html = client.get("/").content.decode()
    assert f"<caption>Tháng {today.month} năm {today.year}</caption>" in html
    html = client.get("/", {"lich": "2018-04"}).content.decode()
    assert "<caption>Tháng 4 năm 2018</caption>" in html
    assert day_url(dt.date(2018, 4, 18)) in calendar_links(html)
    for bad in ["2018-13", "abc", "0000-01", "2018-04-01", "9" * 100]:
        response = client.get("/", {"lich": bad})
        assert response.status_code == 200
        assert f"<caption>Tháng {today.month} năm {today.year}</caption>" in (
            response.content.decode()
        )


def test_calendar_fragment_is_the_calendar_block_alone(client, article):
    url = reverse("news:archive_calendar_block", kwargs={"year": 2018, "month": 4})
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="block calendar-block"')
    assert "<caption>Tháng 4 năm 2018</caption>" in html
    assert "<html" not in html
    assert day_url(dt.date(2018, 4, 18)) in calendar_links(html)


def test_calendar_fragment_asks_search_engines_not_to_index_it(client, article, settings):
    settings.PAGE_CACHE = True
    url = reverse("news:archive_calendar_block", kwargs={"year": 2018, "month": 4})
    assert client.get(url)["X-Robots-Tag"] == "noindex"
    # Served again from the page cache, it says so still.
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert cached["X-Robots-Tag"] == "noindex"
    # The calendar's own page says so in its markup, as the portal's other pages do.
    page = client.get("/luu-tru/lich/2018/04/")
    assert "X-Robots-Tag" not in page
    assert '<meta name="robots" content="noindex">' in page.content.decode()


def test_calendar_address_opened_directly_is_a_full_page(client, article):
    response = client.get("/luu-tru/lich/2018/04/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("<!DOCTYPE html>")
    assert '<link rel="stylesheet"' in html
    assert '<h1 class="page-title">Lịch tháng 4 năm 2018</h1>' in html
    assert day_url(dt.date(2018, 4, 18)) in calendar_links(html)
    assert f'href="{month_url(2018, 4)}"' in html


def test_archive_index_lists_every_year_with_its_months_and_local_counts(client, make_article):
    make_article(published_at=dt.datetime(2019, 1, 1, 0, 10, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 12, 31, 23, 50, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 1, 0, 5, tzinfo=VN))
    make_article(published_at=dt.datetime(2016, 7, 2, tzinfo=VN))
    make_article(status=Article.Status.DRAFT, published_at=dt.datetime(2017, 3, 3, tzinfo=VN))
    make_article(published_at=timezone.now() + dt.timedelta(days=400))  # scheduled
    response = client.get("/luu-tru/")
    assert response.status_code == 200
    years = [
        (year.date.year, year.count, [(m.date.month, m.count) for m in year.months])
        for year in response.context["years"]
    ]
    assert years == [(2019, 1, [(1, 1)]), (2018, 3, [(4, 2), (12, 1)]), (2016, 1, [(7, 1)])]
    html = response.content.decode()
    assert '<h1 class="page-title">Lưu trữ</h1>' in html
    assert '<a href="/luu-tru/2018/">Năm 2018</a> <span class="count">(3 bài)</span>' in html
    assert f'<a href="{month_url(2018, 4)}">Tháng 4</a> <span class="count">(2 bài)</span>' in html
    assert "2017" not in html.split("</h1>")[1].split("<aside")[0]


def test_archive_index_of_an_empty_portal_says_so(client, db):
    response = client.get("/luu-tru/")
    assert response.status_code == 200
    assert "Chưa có bài viết." in response.content.decode()


def test_archive_index_makes_a_fixed_number_of_queries(known_portals, client, make_article):
    make_article(published_at=dt.datetime(2018, 4, 18, 9, tzinfo=VN))
    few = _queries(client, "/luu-tru/")
    for month in range(60):
        make_article(published_at=dt.datetime(2010 + month // 12, 1 + month % 12, 3, tzinfo=VN))
    assert _queries(client, "/luu-tru/") == few


def test_archive_index_query_count(known_portals, client, article, django_assert_num_queries):
    # Once per content version: every year's months and counts (1), next
    # scheduled change (3: articles to publish, articles to expire, and the
    # documents' next change, documents.selectors.next_change), menu, links,
    # photos, the sidebar's newest article and month counts (2), its calendar
    # (3); for a few seconds or minutes: visit numbers, most read.
    with django_assert_num_queries(14):
        client.get("/luu-tru/")
    # Then from the page cache.
    with django_assert_num_queries(0):
        client.get("/luu-tru/")


def test_sidebar_archive_block_ends_with_a_link_to_the_whole_archive(client, article):
    html = client.get("/").content.decode()
    block = html.split('id="archive-title"')[1].split("</section>")[0]
    assert block.rstrip().endswith('<p class="more"><a href="/luu-tru/">Tất cả các năm</a></p>')


def test_archive_pages_lead_back_to_the_archive_index(client, article):
    for url in ["/luu-tru/2018/", "/luu-tru/2018/04/", "/luu-tru/2018/04/18/"]:
        crumbs = client.get(url).content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
        assert '<a href="/luu-tru/">Lưu trữ</a>' in crumbs, url


def test_empty_day_says_so_and_links_the_nearest_days_with_articles(client, make_article):
    make_article(published_at=dt.datetime(2018, 4, 10, 23, 30, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 25, 0, 15, tzinfo=VN))
    make_article(status=Article.Status.DRAFT, published_at=dt.datetime(2018, 4, 17, tzinfo=VN))
    response = client.get("/luu-tru/2018/04/18/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không có bài viết nào được đăng trong ngày 18/04/2018." in html
    assert f'<a href="{day_url(dt.date(2018, 4, 10))}">Thứ Ba, 10/04/2018</a>' in html
    assert f'<a href="{day_url(dt.date(2018, 4, 25))}">Thứ Tư, 25/04/2018</a>' in html
    assert '<meta name="robots" content="noindex">' in html


def test_empty_month_and_year_say_so(client, article):
    assert "Không có bài viết nào được đăng trong tháng 3 năm 2018." in (
        client.get("/luu-tru/2018/03/").content.decode()
    )
    assert "Không có bài viết nào được đăng trong năm 2017." in (
        client.get("/luu-tru/2017/").content.decode()
    )


def test_day_page_steps_to_the_nearest_days_with_articles(client, make_article):
    make_article(published_at=dt.datetime(2018, 4, 2, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 18, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 5, 9, tzinfo=VN))
    response = client.get("/luu-tru/2018/04/18/")
    assert response.context["previous_day"] == dt.date(2018, 4, 2)
    assert response.context["next_day"] == dt.date(2018, 5, 9)


def test_draft_and_scheduled_articles_are_not_in_the_archives(client, make_article):
    day = timezone.localdate()
    make_article(title="Nháp", status=Article.Status.DRAFT)
    make_article(title="Hẹn giờ", published_at=timezone.now() + dt.timedelta(minutes=5))
    for url in [
        day_url(day),
        month_url(day.year, day.month),
        reverse("news:archive_year", kwargs={"year": day.year}),
    ]:
        html = client.get(url).content.decode()
        assert "Nháp" not in html and "Hẹn giờ" not in html, url


def test_archive_pages_paginate_like_listings(client, make_article):
    for minute in range(25):
        make_article(
            title=f"Tin {minute:02d}",
            published_at=dt.datetime(2018, 4, 18, 7, minute, tzinfo=VN),
        )
    first = client.get("/luu-tru/2018/04/18/")
    assert titles(first)[:2] == ["Tin 24", "Tin 23"]
    assert len(titles(first)) == 20
    assert 'href="?page=2"' in first.content.decode()
    assert titles(client.get("/luu-tru/2018/04/18/", {"page": 2})) == [
        f"Tin {m:02d}" for m in range(4, -1, -1)
    ]
    assert len(titles(client.get("/luu-tru/2018/04/", {"page": 2}))) == 5
    assert client.get("/luu-tru/2018/04/", {"page": 3}).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/luu-tru/2018/", "/luu-tru/2018/04/", "/luu-tru/2018/04/18/"])
def test_archive_pages_make_a_fixed_number_of_queries(known_portals, client, make_article, url):
    make_article(published_at=dt.datetime(2018, 4, 18, 9, tzinfo=VN))
    few = _queries(client, url)
    for hour in range(30):
        make_article(published_at=dt.datetime(2018, 4, 1 + hour % 28, hour % 24, tzinfo=VN))
    assert _queries(client, url) == few


def test_sidebar_blocks_make_a_fixed_number_of_queries(
    known_portals, client, make_article, django_assert_num_queries
):
    from news.models import Link

    make_article(published_at=dt.datetime(2018, 4, 18, 9, tzinfo=VN))
    few = _queries(client, "/")
    for day in range(1, 29):
        make_article(published_at=timezone.now() - dt.timedelta(days=day * 13))
        Link.objects.create(title=f"Trang {day}", url=f"https://example{day}.gov.vn")
    assert _queries(client, "/") == few


def test_day_page_query_count(known_portals, client, article, django_assert_num_queries):
    # nearest days (2); once per content version: the day's outline (count,
    # anchors) and articles, menu, links, photos, next scheduled change (3:
    # articles to publish and to expire, and the documents' next change,
    # documents.selectors.next_change), newest article and month counts,
    # calendar (3); for a few seconds or minutes: visit numbers, most read.
    with django_assert_num_queries(18):
        client.get("/luu-tru/2018/04/18/")
    with django_assert_num_queries(2):
        client.get("/luu-tru/2018/04/18/")


def test_sidebar_counts_follow_a_new_article_at_once(client, article):
    assert 'Tháng 4/2018</a> <span class="count">(1)</span>' in client.get("/").content.decode()
    Article.objects.create(
        title="Bài mới",
        category=article.category,
        status=Article.Status.PUBLISHED,
        published_at=dt.datetime(2018, 4, 19, 0, 5, tzinfo=VN),
    )
    html = client.get("/").content.decode()
    assert 'Tháng 4/2018</a> <span class="count">(2)</span>' in html


def test_scheduled_article_lights_its_day_when_its_time_comes(client, make_article):
    start = dt.datetime(2018, 4, 18, 8, tzinfo=VN)
    with time_machine.travel(start, tick=False) as traveller:
        make_article(published_at=dt.datetime(2018, 4, 2, 8, tzinfo=VN))
        make_article(published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
        assert calendar_links(client.get("/").content.decode()) == [day_url(dt.date(2018, 4, 2))]
        traveller.shift(dt.timedelta(hours=2))
        assert calendar_links(client.get("/").content.decode()) == [
            day_url(dt.date(2018, 4, 2)),
            day_url(dt.date(2018, 4, 18)),
        ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2018-04-18", "/luu-tru/2018/04/18/"),
        ("18/04/2018", "/luu-tru/2018/04/18/"),
        ("1/5/2018", "/luu-tru/2018/05/01/"),
        (" 29/02/2020 ", "/luu-tru/2020/02/29/"),
        ("18-04-2018", "/luu-tru/2018/04/18/"),
        ("18.04.2018", "/luu-tru/2018/04/18/"),
    ],
)
def test_date_form_goes_to_the_day_page(client, typed, expected):
    response = client.get(reverse("news:archive_by_date"), {"ngay": typed})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Hãy chọn hoặc gõ một ngày"),
        ("hôm qua", "Không hiểu ngày đã nhập"),
        ("30/02/2018", "Không hiểu ngày đã nhập"),
        ("29/02/2019", "Không hiểu ngày đã nhập"),
        ("2018-13-01", "Không hiểu ngày đã nhập"),
        ("18/04/99999", "Không hiểu ngày đã nhập"),
        ("<script>alert(1)</script>", "Không hiểu ngày đã nhập"),
        ("9" * 5000, "Không hiểu ngày đã nhập"),
        ("01/01/0001", "nằm ngoài phạm vi lưu trữ"),
        ("31/12/9999", "nằm ngoài phạm vi lưu trữ"),
    ],
)
def test_date_form_explains_what_it_cannot_read(client, typed, message):
    response = client.get(reverse("news:archive_by_date"), {"ngay": typed})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'role="alert"' in html
    assert "<script>alert" not in html


def test_date_form_page_without_a_date_offers_the_form(client, db):
    response = client.get(reverse("news:archive_by_date"))
    assert response.status_code == 200
    assert 'name="ngay"' in response.content.decode()


def test_every_page_carries_the_sidebar_blocks(client, article):
    for url in ["/", article.get_absolute_url(), "/luu-tru/2018/04/18/", "/hinh-anh/"]:
        html = client.get(url).content.decode()
        for title in ["Xem theo ngày", "Liên kết", "Hình ảnh", ">Lưu trữ<", "Lưu trữ (Lịch)"]:
            assert title in html, (url, title)
        assert '<input type="text" id="sidebar-date" name="ngay"' in html
        assert f'action="{reverse("news:archive_by_date")}"' in html


def test_sidebar_date_field_holds_the_day_of_a_day_page_day_first(client, article):
    html = client.get("/luu-tru/2018/04/18/").content.decode()
    assert 'name="ngay" value="18/04/2018"' in html


def test_portable_local_period_agrees_with_the_database_specific_one(make_article):
    from django.db.models import F

    from news.archive.dates import LocalPeriod

    class PortableLocalPeriod(LocalPeriod):
        as_sqlite = as_postgresql = LocalPeriod.as_sql

    for moment in [
        dt.datetime(2018, 4, 17, 23, 59, tzinfo=VN),
        dt.datetime(2018, 4, 18, 0, 30, tzinfo=VN),
        dt.datetime(2018, 12, 31, 23, 50, tzinfo=VN),
        dt.datetime(2019, 1, 1, 0, 10, tzinfo=VN),
    ]:
        make_article(published_at=moment)
    for kind in LocalPeriod.KINDS:
        rows = Article.objects.order_by("published_at").annotate(
            native=LocalPeriod(F("published_at"), kind=kind),
            portable=PortableLocalPeriod(F("published_at"), kind=kind),
        )
        pairs = [(row.native, row.portable) for row in rows]
        assert all(native == portable for native, portable in pairs), pairs
        if kind == "day":
            assert [native for native, _ in pairs] == [
                dt.date(2018, 4, 17),
                dt.date(2018, 4, 18),
                dt.date(2018, 12, 31),
                dt.date(2019, 1, 1),
            ]


def test_a_time_zone_with_daylight_saving_time_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    from news.archive.dates import fixed_utc_offset

    fixed_utc_offset.cache_clear()
    try:
        assert fixed_utc_offset() == dt.timedelta(hours=7)
        settings.TIME_ZONE = "Europe/Paris"
        fixed_utc_offset.cache_clear()
        with pytest.raises(ImproperlyConfigured):
            fixed_utc_offset()
    finally:
        fixed_utc_offset.cache_clear()


def test_archive_queries_never_ask_the_database_to_convert_to_local_time(client, article):
    with CaptureQueriesContext(connection) as queries:
        for url in ["/luu-tru/2018/", "/luu-tru/2018/04/", "/luu-tru/2018/04/18/", "/"]:
            assert client.get(url).status_code == 200
    sql = "\n".join(query["sql"] for query in queries.captured_queries)
    assert "Ho_Chi_Minh" not in sql
    assert "django_datetime" not in sql  # SQLite's Python time-zone functions
