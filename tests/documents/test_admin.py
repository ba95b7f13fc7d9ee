import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import Document, DocumentFile, DocumentKind
from tests.documents.conftest import attach, logged_in, upload
from tests.documents.files import docx_bytes, pdf_bytes

ADD_URL = "admin:documents_document_add"


def form_data(kind, **fields):
    data = {
        "number": "12 / KH – UBND",
        "kind": kind.pk,
        "issuer": "UBND thành phố Bạc Liêu",
        "signer": "Lê Thị B",
        "signer_title": "Chủ tịch",
        "issued_on": "02/01/2025",
        "effective_on": "02/01/2025",
        "expires_on": "",
        "field": "Giáo dục",
        "summary": "Kế hoạch tổ chức ngày hội đọc sách.",
        "published_at_0": timezone.localtime().strftime("%d/%m/%Y"),
        "published_at_1": timezone.localtime().strftime("%H:%M:%S"),
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-title": "",
        "files-0-order": "0",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "relations-MIN_NUM_FORMS": "0",
        "relations-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_an_editor_saves_a_draft_with_a_file_whose_text_is_then_searched(editor_client, plan_kind):
    data = form_data(plan_kind, _action="save_draft")
    data["files-0-file"] = upload("ngay-hoi.docx", docx_bytes("Ngày hội đọc sách thiếu nhi"))
    response = editor_client.post(reverse(ADD_URL), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert (document.number, document.status) == ("12/KH-UBND", Document.Status.DRAFT)
    assert " ngay hoi doc sach thieu nhi " in document.search_text
    assert document.files.get().text_state == DocumentFile.TextState.EXTRACTED


def test_an_editor_has_no_publish_button_and_a_forged_one_is_refused(editor_client, plan_kind):
    page = editor_client.get(reverse(ADD_URL))
    assert b'value="publish"' not in page.content
    response = editor_client.post(reverse(ADD_URL), form_data(plan_kind, _action="publish"))
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_an_approver_publishes_from_the_form(approver_client, plan_kind):
    response = approver_client.post(reverse(ADD_URL), form_data(plan_kind, _action="publish"))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.is_public()


def test_a_file_not_what_its_name_says_is_refused_in_the_form_and_nothing_is_saved(
    editor_client, plan_kind
):
    data = form_data(plan_kind, _action="save_draft")
    data["files-0-file"] = upload("quyet-dinh.pdf", docx_bytes("x"))
    response = editor_client.post(reverse(ADD_URL), data)
    assert response.status_code == 200
    assert "nội dung là DOCX" in response.content.decode()
    assert not Document.objects.exists()


def test_the_admin_finds_a_document_by_any_spelling_of_its_number(approver_client, plan_50):
    url = reverse("admin:documents_document_changelist")
    response = approver_client.get(url, {"q": "50 / kh – ubnd"})
    assert "50/KH-UBND" in response.content.decode()


def test_staff_download_a_draft_documents_file_the_public_may_not(
    approver_client, client, make_document
):
    document = make_document(status=Document.Status.DRAFT, issued_on=dt.date(2024, 1, 1))
    stored = DocumentFile(document=document, file=upload("a.pdf", pdf_bytes("x")))
    stored.save()
    assert client.get(stored.get_absolute_url()).status_code == 404
    response = approver_client.get(stored.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_history_of_a_document_lists_its_versions_in_words(approver_client, approver, plan_50):
    services.unpublish_document(document=plan_50, user=approver)
    url = reverse("admin:documents_document_history", args=[plan_50.pk])
    page = approver_client.get(url).content.decode()
    assert "Gỡ văn bản" in page


def test_an_editor_extends_the_list_of_kinds(editor_client):
    response = editor_client.post(
        reverse("admin:documents_documentkind_add"),
        {"name": "Quy chế", "code": "QC", "order": "20"},
    )
    assert response.status_code == 302
    assert DocumentKind.objects.filter(name="Quy chế").exists()


@pytest.mark.parametrize("status", [Document.Status.PUBLISHED, Document.Status.DRAFT])
@pytest.mark.parametrize("role", ["editor", "approver", "superuser"])
def test_the_change_page_shows_a_documents_file_by_name_linked_to_its_download(
    request, django_user_model, make_document, role, status
):
    user = (
        django_user_model.objects.create_superuser("quantri", password=None)
        if role == "superuser"
        else request.getfixturevalue(role)
    )
    document = make_document(status=status)
    stored = attach(document, "Kế hoạch 50.pdf", pdf_bytes("Ke hoach"))
    url = reverse("admin:documents_document_change", args=[document.pk])
    response = logged_in(user).get(url)
    assert response.status_code == 200
    assert f'<a href="{stored.get_absolute_url()}">Kế hoạch 50.pdf</a>' in response.content.decode()


def test_the_change_page_names_a_files_kind_as_readers_write_it(editor_client, make_document):
    document = make_document(status=Document.Status.DRAFT)
    stored = attach(document, "ke-hoach.docx", docx_bytes("Kế hoạch"))
    assert (stored.kind, stored.get_kind_display()) == ("docx", "DOCX")
    url = reverse("admin:documents_document_change", args=[document.pk])
    page = editor_client.get(url).content.decode()
    assert re.search(r'<td class="field-kind">\s*<p>DOCX</p>', page)
