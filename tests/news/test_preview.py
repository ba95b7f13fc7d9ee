"""Staff preview hidden articles at their own URLs; everyone else gets 404."""

import pytest

from news.models import Article
from tests.news.conftest import logged_in

pytestmark = pytest.mark.django_db

STATES = ["draft", "pending", "scheduled", "expired", "unpublished"]
# What the banner says of each hidden state: the real status, not always "draft".
BANNERS = {
    "draft": "Bản nháp – chưa xuất bản",
    "pending": "Chờ duyệt – chưa xuất bản",
    "scheduled": "Hẹn giờ đăng – chưa xuất bản",
    "expired": "Đã hết hạn – không còn hiển thị công khai",
    "unpublished": "Đã gỡ – không còn hiển thị công khai",
}


def urls(article):
    return [article.get_absolute_url(), article.get_print_url()]


@pytest.mark.parametrize("state", STATES)
def test_staff_preview_hidden_articles_with_a_banner_never_cached_nor_indexed(
    editor_client, make_article, hidden_article_fields, state
):
    article = make_article(title=f"Bài xem trước {state}", **hidden_article_fields[state])
    for url in urls(article):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f"<strong>{BANNERS[state]}</strong>" in html
        assert article.title in html
        assert response.context["preview"] is True
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert "noindex" in response["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex' in html


@pytest.mark.parametrize("state", STATES)
def test_anonymous_visitors_get_404_for_hidden_articles(
    client, make_article, hidden_article_fields, state
):
    article = make_article(**hidden_article_fields[state])
    for url in urls(article):
        assert client.get(url).status_code == 404, url


def test_logged_in_non_staff_users_get_404_too(client, make_article, django_user_model):
    reader = django_user_model.objects.create_user(username="docgia", password=None)
    article = make_article(status=Article.Status.DRAFT)
    visitor = logged_in(reader)
    for url in urls(article):
        assert visitor.get(url).status_code == 404


def test_inactive_staff_get_404(make_article, editor):
    article = make_article(status=Article.Status.DRAFT)
    visitor = logged_in(editor)
    editor.is_active = False
    editor.save()
    assert visitor.get(article.get_absolute_url()).status_code == 404


def test_staff_see_public_articles_without_banner_and_cacheable(editor_client, article):
    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "preview-banner" not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_public_article_pages_do_not_vary_on_cookies_for_anonymous_visitors(client, article):
    response = client.get(article.get_absolute_url())
    assert "Cookie" not in response.get("Vary", "")
    assert "X-Robots-Tag" not in response
    assert '<meta name="robots"' not in response.content.decode()


def test_banner_tells_when_a_scheduled_article_goes_live(
    editor_client, make_article, hidden_article_fields
):
    article = make_article(**hidden_article_fields["scheduled"])
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Hẹn giờ đăng" in html


@pytest.mark.parametrize("state", ["pending", "scheduled", "expired", "unpublished"])
def test_the_banner_of_an_article_that_is_not_a_draft_does_not_call_it_a_draft(
    editor_client, make_article, hidden_article_fields, state
):
    article = make_article(**hidden_article_fields[state])
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Bản nháp" not in html
