import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.conftest import change_portal

pytestmark = pytest.mark.django_db


def test_home_shows_latest_published_article(client, article):
    response = client.get("/")
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_every_public_page_has_the_visit_counter_block(client, article):
    for url in ["/", article.category.get_absolute_url(), article.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "SỐ LƯỢT TRUY CẬP" in html, url
        assert 'aria-label="Số lượt truy cập: ' in html, url


def test_article_page_shows_every_element_of_the_source_page(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{article.category.get_absolute_url()}"' in html
    assert "Thứ Tư, 18/04/2018, 09:30" in html
    assert article.title in html
    assert article.lead in html
    assert "Kim Ngân" in html
    assert "Số lượt người xem:" in html
    assert f'href="{reverse("news:article_print", kwargs={"slug": article.slug})}"' in html
    assert "Quay lại" in html
    assert "TIN MỚI HƠN" in html and "TIN ĐÃ ĐƯA" in html


def test_empty_newer_and_older_lists_say_so(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Không có tin mới hơn" in html
    assert "Chưa có tin cũ hơn" in html


def test_newer_and_older_lists_hold_the_nearest_articles(client, make_article, article):
    base = article.published_at
    older = [
        make_article(title=f"Cũ {i}", published_at=base - dt.timedelta(days=i))
        for i in range(1, 13)
    ]
    newer = [
        make_article(title=f"Mới {i}", published_at=base + dt.timedelta(days=i))
        for i in range(1, 8)
    ]
    response = client.get(article.get_absolute_url())
    assert [a.title for a in response.context["newer"]] == [a.title for a in reversed(newer[:5])]
    assert [a.title for a in response.context["older"]] == [a.title for a in older[:10]]
    last_shown = older[9]
    assert (
        response.context["more_url"]
        == f"{article.category.get_absolute_url()}?truoc={last_shown.pk}"
    )
    assert "Xem tiếp" in response.content.decode()


def test_more_link_is_absent_when_the_older_list_reaches_the_oldest_article(
    client, make_article, article
):
    for i in range(1, 11):
        make_article(title=f"Cũ {i}", published_at=article.published_at - dt.timedelta(days=i))
    response = client.get(article.get_absolute_url())
    assert len(response.context["older"]) == 10
    assert response.context["more_url"] is None
    assert "Xem tiếp" not in response.content.decode()


def test_more_link_continues_the_listing_right_after_the_older_articles(
    client, make_article, article
):
    base = article.published_at
    for i in range(1, 31):
        make_article(title=f"Mới {i}", published_at=base + dt.timedelta(days=i))
    for i in range(1, 36):
        make_article(title=f"Cũ {i}", published_at=base - dt.timedelta(days=i))
    response = client.get(article.get_absolute_url())
    assert [a.title for a in response.context["older"]][-1] == "Cũ 10"
    listing = client.get(response.context["more_url"])
    assert listing.status_code == 200
    assert [a.title for a in listing.context["article_list"]] == [f"Cũ {i}" for i in range(11, 31)]
    html = listing.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    # And on from there, to the oldest.
    rest = client.get(listing.context["more_url"])
    assert [a.title for a in rest.context["article_list"]] == [f"Cũ {i}" for i in range(31, 36)]
    assert rest.context["more_url"] is None
    assert "Xem tiếp" not in rest.content.decode()


def test_more_link_continues_after_the_last_article_shown_from_deep_in_a_long_listing(
    client, make_article, category, settings
):
    settings.NEWS_PAGE_SIZE = 2
    base = timezone.now() - dt.timedelta(days=100)
    articles = [
        make_article(title=f"Tin {n}", published_at=base - dt.timedelta(hours=n)) for n in range(57)
    ]
    for position, article in enumerate(articles[:-11]):
        response = client.get(article.get_absolute_url())
        listing = client.get(response.context["more_url"])
        first = listing.context["article_list"][0]
        assert first.pk == articles[position + 11].pk


@pytest.mark.parametrize(
    "query",
    [
        "truoc=abc",
        "truoc=0",
        "truoc=-1",
        "truoc=1e3",
        "truoc=" + "9" * 30,
        "truoc=",
        "truoc=1&page=2",
    ],
)
def test_bad_continuation_values_are_a_404(client, article, query):
    response = client.get(f"{article.category.get_absolute_url()}?{query}")
    assert response.status_code == 404


def test_continuation_only_after_a_public_article_of_the_category(client, make_article, article):
    from news.models import Category

    other = make_article(category=Category.objects.create(name="Thông báo", order=2))
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + dt.timedelta(hours=2))
    listing = article.category.get_absolute_url()
    for pk in (other.pk, draft.pk, scheduled.pk, 10**9):
        assert client.get(f"{listing}?truoc={pk}").status_code == 404, pk
    assert client.get(f"{listing}?truoc={article.pk}").status_code == 200


def test_continued_listing_is_kept_by_the_page_cache_once_per_article(client, article, settings):
    settings.PAGE_CACHE = True
    url = f"{article.category.get_absolute_url()}?truoc={article.pk}"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get(f"{url}0")  # a 404 is not kept


def test_continued_listing_makes_a_fixed_number_of_queries(
    known_portals, client, make_article, article
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(f"{article.category.get_absolute_url()}?truoc={article.pk}").status_code
                == 200
            )
        return len(queries)

    make_article(published_at=article.published_at - dt.timedelta(days=1))
    few = count()
    for i in range(2, 40):
        make_article(published_at=article.published_at - dt.timedelta(days=i))
    assert count() == few


def test_draft_and_scheduled_articles_are_not_found(client, make_article):
    draft = make_article(title="Nháp", status=Article.Status.DRAFT)
    scheduled = make_article(title="Hẹn giờ", published_at=timezone.now() + dt.timedelta(hours=2))
    for hidden in (draft, scheduled):
        assert client.get(hidden.get_absolute_url()).status_code == 404
        assert client.get(hidden.get_print_url()).status_code == 404
        assert hidden.title not in client.get("/").content.decode()


def test_category_listing_paginates_twenty_newest_first(client, make_article, category):
    now = timezone.now()
    for i in range(45):
        make_article(title=f"Tin số {i:02d}", published_at=now - dt.timedelta(hours=i + 1))
    page1 = client.get(category.get_absolute_url())
    assert [a.title for a in page1.context["article_list"]][:2] == ["Tin số 00", "Tin số 01"]
    assert len(page1.context["article_list"]) == 20
    page3 = client.get(category.get_absolute_url() + "?page=3")
    assert len(page3.context["article_list"]) == 5


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5", "9" * 30])
def test_bad_page_numbers_give_404(client, make_article, category, page):
    for _ in range(3):
        make_article()
    response = client.get(category.get_absolute_url(), {"page": page})
    assert response.status_code == 404


def test_unknown_category_and_article_give_404(client, db):
    assert client.get("/chuyen-muc/khong-co/").status_code == 404
    assert client.get("/tin-tuc/khong-co/").status_code == 404


def test_print_view_shows_the_article_without_the_sidebar(client, article):
    html = client.get(article.get_print_url()).content.decode()
    assert article.title in html
    assert "Thứ Tư, 18/04/2018, 09:30" in html
    assert "SỐ LƯỢT TRUY CẬP" not in html


def test_time_elements_carry_the_local_iso_datetime(client, article):
    html = client.get("/").content.decode()
    assert '<time datetime="2018-04-18T09:30:00+07:00">' in html


def test_the_menu_marks_the_page_it_is_on_and_only_that_one(client, article):
    other = article.category.__class__.objects.create(name="Thông báo", order=2)
    current = 'aria-current="page"'

    def marked(url):
        menu = client.get(url).content.decode().split('class="nav-list"')[1].split("</ul>")[0]
        return [line for line in menu.splitlines() if current in line]

    assert [">Trang chủ<" in line for line in marked("/")] == [True]
    assert [f">{other.name}<" in line for line in marked(other.get_absolute_url())] == [True]
    category_page = marked(article.category.get_absolute_url())
    assert [f">{article.category.name}<" in line for line in category_page] == [True]
    assert marked(article.get_absolute_url()) == []


def test_an_edited_title_shows_at_once_in_the_lists_of_other_pages(client, make_article):
    older = make_article(title="Tin cũ hơn", published_at=timezone.now() - dt.timedelta(hours=3))
    newer = make_article(title="Tin mới hơn")
    assert "Tin cũ hơn" in client.get(newer.get_absolute_url()).content.decode()
    older.title = "Tin cũ đã sửa"
    older.save()
    for url in ["/", newer.get_absolute_url(), newer.category.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "Tin cũ đã sửa" in html, url
        assert "Tin cũ hơn" not in html, url


def test_layout_pieces_kept_by_the_process_follow_a_changed_setting(client, settings):
    from portals.models import Portal

    settings.DEBUG = False
    first = client.get("/").content.decode()
    assert f"<strong>{Portal.objects.get(pk=1).name}</strong>" in first
    assert "/static/css/site" in first
    change_portal(hotline="0291 3 999 999")
    html = client.get("/").content.decode()
    assert 'href="tel:02913999999"' in html
