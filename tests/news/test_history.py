"""Every save is kept with who and when; the admin shows differences and restores versions."""

import re

import pytest
from django.urls import reverse

from news import services
from news.models import Article
from news.services import Action
from tests.news.test_workflow_admin import form_data, local_parts

pytestmark = pytest.mark.django_db

Status = Article.Status


def history_url(article):
    return reverse("admin:news_article_history", args=[article.pk])


def test_every_admin_save_is_kept_with_who_and_when(
    editor_client, approver_client, editor, approver, category
):
    editor_client.post(reverse("admin:news_article_add"), form_data(category, title="Lịch sử bài"))
    article = Article.objects.get(title="Lịch sử bài")
    change = reverse("admin:news_article_change", args=[article.pk])
    editor_client.post(change, form_data(category, title="Lịch sử bài", _action=Action.SUBMIT))
    approver_client.post(
        change,
        form_data(
            category,
            title="Lịch sử bài",
            _action=Action.PUBLISH,
            **local_parts(article.published_at),
        ),
    )
    records = list(article.history.order_by("history_date"))
    assert [(r.history_user, r.status) for r in records] == [
        (editor, Status.DRAFT),
        (editor, Status.PENDING),
        (approver, Status.PUBLISHED),
    ]
    assert [r.history_change_reason for r in records] == ["Tạo bài", "Gửi duyệt", "Xuất bản"]
    assert all(r.history_date for r in records)
    assert records[-1].published_by == approver


def test_history_page_shows_the_differences_between_versions(
    approver_client, approver, make_article
):
    article = make_article(title="Tiêu đề ban đầu", status=Status.DRAFT)
    article.title = "Tiêu đề đã sửa"
    services.save_article(article=article, user=approver)
    response = approver_client.get(history_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tiêu đề ban đầu" in html and "Tiêu đề đã sửa" in html
    assert "tiêu đề:</strong>" in html.lower()
    assert approver.username in html
    assert "Chọn một phiên bản" in html
    assert not re.search(r"<[^>]+\sstyle\s*=", html)


def test_admin_restores_an_old_version(approver_client, approver, make_article, category):
    article = make_article(title="Bản gốc", lead="Sapo gốc", status=Status.DRAFT)
    article.title, article.lead = "Bản sửa sai", "Sapo sai"
    services.save_article(article=article, user=approver)
    original = article.history.earliest()
    url = reverse("admin:news_article_simple_history", args=[article.pk, original.history_id])
    page = approver_client.get(url)
    assert page.status_code == 200
    assert "Sapo gốc" in page.content.decode()
    assert 'value="Khôi phục"' in page.content.decode()
    data = form_data(
        category,
        title="Bản gốc",
        slug=article.slug,
        lead="Sapo gốc",
        **local_parts(original.published_at),
    )
    assert approver_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.lead) == ("Bản gốc", "Sapo gốc")
    latest = article.history.latest()
    assert latest.history_user == approver
    assert article.history.count() == 3


def test_restoring_a_published_version_restores_its_text_but_does_not_publish_it(
    editor_client, approver, make_article, category
):
    article = make_article(status=Status.PENDING, title="Bản đã đăng")
    services.publish_article(article=article, user=approver)
    article = services.unpublish_article(article=article, user=approver)
    article.title = "Bản sửa sau khi gỡ"
    services.save_article(article=article, user=approver)
    published_version = article.history.filter(status=Status.PUBLISHED).latest()
    url = reverse(
        "admin:news_article_simple_history", args=[article.pk, published_version.history_id]
    )
    data = form_data(category, title="Bản đã đăng", slug=article.slug)
    response = editor_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    # Publishing is a button of its own, the approvers': a restore keeps the status.
    assert (article.title, article.status) == ("Bản đã đăng", Status.UNPUBLISHED)


def test_an_editor_cannot_publish_through_a_restore(
    editor_client, approver, make_article, category
):
    article = make_article(status=Status.PENDING)
    services.publish_article(article=article, user=approver)
    services.unpublish_article(article=article, user=approver)
    published_version = article.history.filter(status=Status.PUBLISHED).latest()
    url = reverse(
        "admin:news_article_simple_history", args=[article.pk, published_version.history_id]
    )
    data = form_data(category, title=article.title, slug=article.slug, _action=Action.PUBLISH)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Chỉ người duyệt" in str(response.context["adminform"].form.errors)
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED


def test_who_published_what_and_when_is_in_the_history_list(
    approver_client, approver, make_article
):
    article = make_article(status=Status.PENDING)
    services.publish_article(article=article, user=approver)
    html = approver_client.get(history_url(article)).content.decode()
    assert "Xuất bản" in html
    assert html.count(approver.username) >= 2  # the "changed by" and "published by" columns
