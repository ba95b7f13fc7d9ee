"""Attachments: recognised by content, stored safely, downloaded only from public articles."""

import os
import re
import stat
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from news.models import Article, Attachment
from news.uploads.attachments import clean_display_name, content_disposition, format_size
from tests.news.documents import DOCUMENTS, EXECUTABLE, HTML, ole2_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db

Status = Article.Status


def attach(article, name="Kế hoạch số 50.pdf", content=None, **fields):
    attachment = Attachment(article=article, file=upload(name, content or pdf_bytes()), **fields)
    attachment.full_clean()
    attachment.save()
    return attachment


def inline_post(category, article, name, content):
    """Return the admin form of an article with one attachment being uploaded."""
    return {
        "title": article.title,
        "slug": article.slug,
        "category": category.pk,
        "lead": article.lead,
        "body": article.body,
        "byline": article.byline,
        "source": "",
        "image_alt": "",
        "status": article.status,
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-file": upload(name, content),
        "attachments-0-title": "",
        "attachments-0-order": "0",
    }


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_each_accepted_kind_is_recognised_by_content_and_stored_under_a_random_name(
    make_article, settings, kind
):
    article = make_article()
    attachment = attach(article, name="tai lieu.bin", content=DOCUMENTS[kind]())
    assert attachment.kind == kind
    assert re.fullmatch(rf"\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{kind}", attachment.file.name)
    assert attachment.original_name == f"tai lieu.{kind}"
    path = attachment.file.path
    assert path.startswith(str(settings.NEWS_ATTACHMENT_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode == 0o644, oct(mode)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach.pdf", EXECUTABLE),
        ("ke-hoach.pdf", HTML),
        ("ke-hoach.doc", ole2_bytes("PowerPoint Document")),
        ("ke-hoach.docx", b"PK\x03\x04 not really a zip"),
        ("ke-hoach.txt", b"plain text"),
        ("ke-hoach.doc", DOCUMENTS["doc"]()[:700]),
        ("ke-hoach.docx", DOCUMENTS["docx"]()[:60]),
    ],
    ids=[
        "renamed-executable",
        "html-named-pdf",
        "powerpoint",
        "broken-zip",
        "text",
        "truncated-doc",
        "truncated-docx",
    ],
)
def test_impostors_are_refused_with_a_clear_message(make_article, name, content):
    article = make_article()
    with pytest.raises(ValidationError) as refused:
        attach(article, name=name, content=content)
    assert "không phải PDF, DOC, DOCX, XLS, XLSX hay ODT" in str(refused.value)
    assert not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(make_article, settings):
    settings.NEWS_ATTACHMENT_MAX_BYTES = 100 * 1024
    with pytest.raises(ValidationError) as refused:
        attach(make_article(), content=pdf_bytes(size=150 * 1024))
    assert "Tệp quá lớn" in str(refused.value)
    assert "tối đa 100 KB" in str(refused.value)


def test_admin_upload_of_a_renamed_executable_shows_the_error_and_stores_nothing(
    approver_client, make_article, category, settings
):
    article = make_article(status=Status.DRAFT)
    url = reverse("admin:news_article_change", args=[article.pk])
    response = approver_client.post(url, inline_post(category, article, "ke-hoach.pdf", EXECUTABLE))
    assert response.status_code == 200
    assert "không phải PDF" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not any(settings.NEWS_ATTACHMENT_ROOT.rglob("*.*"))


def test_editor_uploads_a_document_through_the_article_form(editor_client, make_article, category):
    article = make_article(status=Status.DRAFT)
    url = reverse("admin:news_article_change", args=[article.pk])
    data = inline_post(category, article, "Kế hoạch 50-KH-UBND.docx", DOCUMENTS["docx"]())
    assert editor_client.post(url, data).status_code == 302
    attachment = article.attachments.get()
    assert (attachment.kind, attachment.original_name) == ("docx", "Kế hoạch 50-KH-UBND.docx")


@pytest.fixture
def superuser_client(admin_client):
    return admin_client


@pytest.mark.parametrize("role", ["editor", "approver", "superuser"])
@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED])
def test_change_page_of_an_article_with_an_attachment_links_it_through_the_download_view(
    request, make_article, role, status
):
    # An editor sees a published article read-only: the file is shown by another path.
    client = request.getfixturevalue(f"{role}_client")
    attachment = attach(make_article(status=status), name="Kế hoạch số 50.pdf")
    response = client.get(reverse("admin:news_article_change", args=[attachment.article.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{attachment.get_absolute_url()}">Kế hoạch số 50.pdf</a>' in html
    assert attachment.file.name not in html
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_save_and_continue_editing_reopens_the_article_with_its_attachment(
    editor_client, make_article, category
):
    article = make_article(status=Status.DRAFT)
    url = reverse("admin:news_article_change", args=[article.pk])
    data = inline_post(category, article, "Kế hoạch 50-KH-UBND.pdf", pdf_bytes())
    response = editor_client.post(url, {**data, "_continue": "1"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    attachment = article.attachments.get()
    assert attachment.get_absolute_url() in response.content.decode()
    # Saving again with the stored attachment in the form keeps it and reopens the page.
    data = inline_post(category, article, "khong-dung.pdf", pdf_bytes())
    data.update(
        {
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": attachment.pk,
            "attachments-0-article": article.pk,
            "attachments-0-file": "",
            "attachments-0-title": "Kế hoạch số 50/KH-UBND",
            "_continue": "1",
        }
    )
    response = editor_client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Kế hoạch số 50/KH-UBND" in response.content.decode()
    attachment.refresh_from_db()
    assert (attachment.title, attachment.original_name) == (
        "Kế hoạch số 50/KH-UBND",
        "Kế hoạch 50-KH-UBND.pdf",
    )


def test_original_names_are_cleaned_and_given_the_real_extension():
    assert clean_display_name('C:\\Tài liệu\\Kế hoạch "số 50".pdf', "docx") == (
        "Kế hoạch số 50.docx"
    )
    assert clean_display_name("../../<script>.pdf", "pdf") == "script.pdf"
    assert clean_display_name("...", "odt") == "tai-lieu.odt"
    assert len(clean_display_name("a" * 500 + ".pdf", "pdf")) <= 160


def test_sizes_are_written_the_vietnamese_way():
    assert format_size(1_258_291) == "1,2 MB"
    assert format_size(348_160) == "340 KB"
    assert format_size(20 * 1024 * 1024) == "20 MB"
    assert format_size(512) == "512 B"


def test_attachments_are_listed_under_the_body_with_name_type_and_size(client, make_article):
    article = make_article()
    attach(article, content=pdf_bytes(size=1_258_291), title="Kế hoạch số 50/KH-UBND")
    html = client.get(article.get_absolute_url()).content.decode()
    body_end = html.index('class="article-body"')
    listed = html.index("Kế hoạch số 50/KH-UBND")
    assert listed > body_end
    assert "(PDF, 1,2 MB)" in html


def test_download_sends_the_file_as_an_attachment_with_the_right_headers(client, make_article):
    article = make_article()
    content = DOCUMENTS["xlsx"]()
    attachment = attach(article, name="Bảng kê số 3.xlsx", content=content)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="bang-ke-so-3.xlsx"')
    assert f"filename*=UTF-8''{quote('Bảng kê số 3.xlsx', safe='')}" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" not in response.get("Cache-Control", "")


def test_content_disposition_escapes_quotes_and_separators():
    header = content_disposition('Quyết định "mới"; số 1.pdf')
    assert header.count('"') == 2
    assert "%22" in header and "%3B" in header


@pytest.mark.parametrize("state", ["draft", "pending", "scheduled", "expired", "unpublished"])
def test_attachments_of_hidden_articles_are_404_for_visitors_and_private_for_staff(
    client, approver_client, make_article, hidden_article_fields, state
):
    article = make_article(**hidden_article_fields[state])
    attachment = attach(article)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    response = approver_client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_unknown_attachment_is_404(client):
    assert client.get(reverse("news:attachment", kwargs={"pk": 999})).status_code == 404


def test_deleting_an_attachment_removes_its_file(make_article, django_capture_on_commit_callbacks):
    attachment = attach(make_article())
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not os.path.exists(path)


def test_attachment_files_have_no_media_url(make_article):
    attachment = attach(make_article())
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018


def test_article_page_queries_do_not_grow_with_attachments(client, make_article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = make_article()

    def queries():
        client.get(article.get_absolute_url())  # warm the per-version caches
        with CaptureQueriesContext(connection) as captured:
            html = client.get(article.get_absolute_url()).content.decode()
        return len(captured), html

    attach(article)
    one, _ = queries()
    for number in range(5):
        attach(article, name=f"Phụ lục {number}.pdf")
    six, html = queries()
    assert html.count("(PDF, ") == 6
    assert six == one
