import re

import pytest
from django.test import RequestFactory

from core.display import display_preferences

pytestmark = pytest.mark.django_db


def test_text_size_link_sets_a_cookie_and_returns_to_the_page(client, article):
    response = client.get("/hien-thi/", {"co-chu": "lon", "next": article.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    cookie = response.cookies["co-chu"]
    assert cookie.value == "lon"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert int(cookie["max-age"]) >= 300 * 24 * 3600
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_page_carries_the_classes_of_the_chosen_preferences(client, article):
    client.cookies["co-chu"] = "lon"
    client.cookies["tuong-phan"] = "cao"
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi" class="text-lg contrast-high">' in html
    assert 'aria-pressed="true" data-display-option="co-chu" data-display-value="lon"' in html
    assert 'aria-pressed="true" data-display-option="tuong-phan"' in html


def test_print_view_carries_the_chosen_preferences_too(client, article):
    client.cookies["co-chu"] = "nho"
    html = client.get(article.get_print_url()).content.decode()
    assert '<html lang="vi" class="text-sm">' in html


def test_page_without_preferences_has_no_class_and_links_back_to_itself(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="vi">' in html
    next_path = article.get_absolute_url().replace("/", "%2F")
    assert f'href="/hien-thi/?co-chu=lon&amp;next={next_path}"' in html
    assert f'href="/hien-thi/?tuong-phan=cao&amp;next={next_path}"' in html


def test_contrast_switch_offers_to_turn_high_contrast_off_when_on(client, article):
    client.cookies["tuong-phan"] = "cao"
    html = client.get("/").content.decode()
    assert 'href="/hien-thi/?tuong-phan=thuong&amp;next=%2F"' in html


def test_choosing_a_default_removes_the_cookie(client):
    client.cookies["co-chu"] = "lon"
    response = client.get("/hien-thi/", {"co-chu": "vua", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["co-chu"].value == ""
    assert response.cookies["co-chu"]["max-age"] == 0


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "javascript:alert(1)",
        "",
        "http://testserver@evil.example/",
    ],
)
def test_redirect_never_leaves_the_site(client, next_url):
    response = client.get("/hien-thi/", {"tuong-phan": "cao", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("query", [{"co-chu": "khong-lo"}, {"tuong-phan": "<script>"}])
def test_unknown_choice_is_a_clear_400(client, query):
    response = client.get("/hien-thi/", {**query, "next": "/"})
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    assert not response.cookies


def test_script_gets_the_new_state_as_json(client):
    client.cookies["tuong-phan"] = "cao"
    response = client.get("/hien-thi/", {"co-chu": "lon"}, headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response.json() == {
        "co-chu": "lon",
        "tuong-phan": "cao",
        "classes": ["text-lg", "contrast-high"],
        "all_classes": ["text-sm", "text-lg", "contrast-high"],
    }
    assert response.cookies["co-chu"].value == "lon"


def test_setting_is_refused_for_other_methods(client):
    assert client.post("/hien-thi/", {"co-chu": "lon"}).status_code == 405


@pytest.mark.parametrize(
    ("cookies", "expected"),
    [
        ({}, ("vua", "thuong")),
        ({"co-chu": "lon", "tuong-phan": "cao"}, ("lon", "cao")),
        ({"co-chu": "LON", "tuong-phan": "x" * 500}, ("vua", "thuong")),
        ({"co-chu": "nho"}, ("nho", "thuong")),
    ],
)
def test_display_preferences_are_normalised_for_cache_keys(cookies, expected):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies)
    assert display_preferences(request) == expected


def test_each_page_s_controls_come_back_to_that_page_and_its_query(client, article, category):
    search = client.get("/tim-kiem/", {"q": "a&b <x>"}).content.decode()
    next_search = "%2Ftim-kiem%2F%3Fq%3Da%2526b%2B%253Cx%253E"
    assert f'href="/hien-thi/?co-chu=lon&amp;next={next_search}"' in search
    page = client.get(category.get_absolute_url()).content.decode()
    quoted = category.get_absolute_url().replace("/", "%2F")
    assert f'href="/hien-thi/?tuong-phan=cao&amp;next={quoted}"' in page
    controls = re.search(r'<div class="display-controls".*?Tương phản cao</a>', page, re.S)
    assert "tim-kiem" not in controls.group()
    # The link sends the reader back where they were.
    response = client.get("/hien-thi/", {"co-chu": "lon", "next": "/tim-kiem/?q=a%26b+%3Cx%3E"})
    assert response["Location"] == "/tim-kiem/?q=a%26b+%3Cx%3E"
