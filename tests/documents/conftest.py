"""Fixtures of documents: kinds, a factory of documents, files, and the newsroom's roles."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.models import Document, DocumentFile, DocumentKind
from tests.documents.files import docx_bytes, pdf_bytes
from tests.news.conftest import (  # noqa: F401  (fixtures)
    APPROVERS,
    EDITORS,
    approver,
    approver_client,
    editor,
    editor_client,
    logged_in,
    staff_without_role,
)
from tests.news.conftest import ensure_roles as ensure_news_roles


def ensure_roles():
    """Create the groups with the documents' permissions again if a flushing test removed them."""
    ensure_news_roles()
    migration = importlib.import_module("documents.migrations.0002_kinds_roles_search")
    migration.grant_roles(django_apps, None)
    if not DocumentKind.objects.exists():
        migration.add_kinds(django_apps, None)


@pytest.fixture(autouse=True)
def _roles(db):
    ensure_roles()
    assert Group.objects.filter(name__in=[EDITORS, APPROVERS]).count() == 2


@pytest.fixture
def plan_kind(db):
    # A flushing (live-server) test empties the kinds the migration made.
    ensure_roles()
    return DocumentKind.objects.get(name="Kế hoạch")


@pytest.fixture
def decision_kind(db):
    ensure_roles()
    return DocumentKind.objects.get(name="Quyết định")


@pytest.fixture
def make_document(db, plan_kind):
    """Return a factory of documents; published an hour ago, in force since 2018, unless told."""

    def make(**fields):
        fields.setdefault("number", f"{Document.objects.count() + 1}/KH-UBND")
        fields.setdefault("kind", plan_kind)
        fields.setdefault("issuer", "UBND thành phố Bạc Liêu")
        fields.setdefault("signer", "Nguyễn Văn A")
        fields.setdefault("signer_title", "Phó Chủ tịch")
        fields.setdefault("issued_on", dt.date(2018, 4, 16))
        fields.setdefault("effective_on", fields["issued_on"])
        fields.setdefault("summary", "Tuyên truyền công tác cải cách hành chính năm 2018.")
        fields.setdefault("field", "Cải cách hành chính")
        fields.setdefault("status", Document.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - dt.timedelta(hours=1))
        document = Document(**fields)
        document.save()
        return document

    return make


@pytest.fixture
def plan_50(make_document):
    return make_document(
        number="50/KH-UBND",
        summary="Kế hoạch tuyên truyền công tác cải cách hành chính (CCHC) năm 2018.",
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def attach(document, name: str, content: bytes, **fields) -> DocumentFile:
    stored = DocumentFile(document=document, file=upload(name, content), **fields)
    stored.full_clean()
    stored.save()
    return stored


@pytest.fixture
def pdf_file():
    return upload("ke-hoach.pdf", pdf_bytes("Ke hoach tuyen truyen", "giai doan thu nghiem"))


@pytest.fixture
def docx_file():
    return upload("ke-hoach.docx", docx_bytes("Kế hoạch số 50/KH-UBND", "Đường dây nóng"))
