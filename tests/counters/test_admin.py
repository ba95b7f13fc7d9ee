import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from counters import selectors
from counters.charts import bar_chart, nice_ceiling
from counters.models import ArticleDay, ArticleTotal, SiteDay, SiteTotal
from news.models import Article

pytestmark = pytest.mark.django_db

STATISTICS_URL = "admin:counters_statistics_changelist"


@pytest.fixture
def staff_client():
    user = get_user_model().objects.create_user("bientap", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_index_links_the_statistics_page(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert reverse(STATISTICS_URL) in html
    assert "Thống kê truy cập" in html


def test_the_statistics_page_is_for_staff_only(client):
    response = client.get(reverse(STATISTICS_URL))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    reader = get_user_model().objects.create_user("docgia", password="x")
    client.force_login(reader)
    assert client.get(reverse(STATISTICS_URL)).status_code == 302


def test_the_statistics_page_draws_svg_charts_of_30_and_90_days(staff_client):
    today = timezone.localdate()
    SiteDay.objects.create(day=today, visits=120)
    SiteDay.objects.create(day=today - dt.timedelta(days=3), visits=60)
    SiteDay.objects.create(day=today - dt.timedelta(days=60), visits=30)
    html = staff_client.get(reverse(STATISTICS_URL)).content.decode()
    assert "Lượt truy cập theo ngày, 30 ngày qua" in html
    assert "Lượt truy cập theo ngày, 90 ngày qua" in html
    charts = re.findall(r"<svg class=\"visits-chart\".*?</svg>", html, re.S)
    assert len(charts) == 2
    assert charts[0].count("<rect") == 30 and charts[1].count("<rect") == 90
    assert f"{today:%d/%m/%Y}: 120 lượt" in charts[0]
    # Coordinates are plain numbers (the Vietnamese locale writes 57,2 for 57.2).
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', charts[0])
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates)
    assert "Tổng 180 lượt" in html and "Tổng 210 lượt" in html
    assert "<script" not in html.split('id="content-main"')[1]
    assert 'style="' not in html.split('id="content-main"')[1]


def test_the_tallest_bar_fills_the_chart_and_an_empty_day_has_no_height():
    today = dt.date(2026, 11, 26)
    chart = bar_chart([(today - dt.timedelta(days=1), 0), (today, 100)], height=220)
    empty, full = chart.bars
    assert empty.height == 0
    assert full.y == 10 and full.height == chart.bottom - 10
    assert [line.value for line in chart.gridlines] == [0, 50, 100]
    assert [nice_ceiling(n) for n in (0, 1, 7, 100, 101, 4200)] == [1, 1, 10, 100, 200, 5000]


def test_the_most_read_table_ranks_public_articles_of_the_period(staff_client, make_article):
    today = timezone.localdate()
    popular = make_article(title="Bài đọc nhiều")
    quiet = make_article(title="Bài ít đọc")
    draft = make_article(title="Bài nháp", status=Article.Status.DRAFT)
    old = make_article(title="Bài cũ")
    ArticleDay.objects.create(article=popular, day=today, views=50)
    ArticleDay.objects.create(article=quiet, day=today - dt.timedelta(days=2), views=5)
    ArticleDay.objects.create(article=draft, day=today, views=500)
    ArticleDay.objects.create(article=old, day=today - dt.timedelta(days=20), views=900)
    ArticleTotal.objects.create(article=popular, views=629)
    html = staff_client.get(reverse(STATISTICS_URL)).content.decode()
    table = html.split('class="most-read-table"')[1].split("</table>")[0]
    assert table.index("Bài đọc nhiều") < table.index("Bài ít đọc")
    assert "Bài nháp" not in table and "Bài cũ" not in table
    assert "<td>629</td>" in table
    month = staff_client.get(reverse(STATISTICS_URL), {"days": 30}).content.decode()
    assert "Bài cũ" in month.split('class="most-read-table"')[1]


def test_a_bad_period_shows_an_error_and_the_default(staff_client):
    response = staff_client.get(reverse(STATISTICS_URL), {"days": "abc"})
    assert response.status_code == 200
    assert "Tin đọc nhiều, 7 ngày qua" in response.content.decode()
    assert response.context["form"].errors


CORRECT_URL = "admin:counters_statistics_correct"


def test_a_superuser_can_correct_an_article_total_by_slug_or_id(admin_client, article):
    ArticleTotal.objects.create(article=article, shard=3, views=10)
    ArticleTotal.objects.create(article=article, shard=5, views=4)
    response = admin_client.post(reverse(CORRECT_URL), {"article": article.slug, "total": 629})
    assert response.status_code == 302
    assert selectors.article_views(article.pk) == 629
    admin_client.post(reverse(CORRECT_URL), {"article": str(article.pk), "total": 630})
    assert selectors.article_views(article.pk) == 630


def test_a_superuser_can_correct_the_site_total(admin_client):
    SiteTotal.objects.create(shard=2, visits=1)
    page = admin_client.get(reverse(STATISTICS_URL)).content.decode()
    assert reverse(CORRECT_URL) in page
    admin_client.post(reverse(CORRECT_URL), {"article": "", "total": 5135392})
    assert selectors.live_numbers()["visits"] == 5135392


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"article": "khong-co-bai-nay", "total": 1}, "Không có bài viết nào"),
        ({"article": "", "total": -1}, "lớn hơn hoặc bằng với 0"),
        ({"article": "", "total": "nhiều"}, 'id="id_total_error"'),
    ],
)
def test_a_bad_correction_is_explained_and_changes_nothing(admin_client, data, message):
    response = admin_client.post(reverse(CORRECT_URL), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SiteTotal.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"article": "²", "total": 5},
        {"article": "", "total": "²"},
        {"article": "¹²³", "total": "٣"},
        {"article": "9" * 40, "total": 10**30},
    ],
)
def test_a_correction_in_odd_digits_is_refused_with_a_message_and_keeps_what_was_typed(
    admin_client, article, data
):
    SiteTotal.objects.create(shard=0, visits=7)
    response = admin_client.post(reverse(CORRECT_URL), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    for value in data.values():
        if value != "":
            assert f'value="{value}"' in html
    assert selectors.live_numbers()["visits"] == 7
    assert selectors.article_views(article.pk) == 0
    again = admin_client.get(reverse(CORRECT_URL))
    assert again.status_code == 200
    assert admin_client.get(reverse(STATISTICS_URL)).status_code == 200


def test_a_correction_shows_on_the_statistics_page_when_it_is_opened_again(admin_client):
    response = admin_client.post(reverse(CORRECT_URL), {"article": "", "total": 5135392})
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "thành 5135392" in html
    assert "5135392" in html.split('id="content-main"')[1].replace(".", "").replace(",", "")


def test_other_staff_cannot_correct_totals(staff_client, article):
    page = staff_client.get(reverse(STATISTICS_URL)).content.decode()
    assert reverse(CORRECT_URL) not in page
    response = staff_client.post(reverse(CORRECT_URL), {"article": "", "total": 5})
    assert response.status_code == 403
    assert SiteTotal.objects.count() == 0
