"""The documents' editorial workflow, and the writes that touch more than one row.

The statuses, the buttons (Action), where each button leads and the order of
statuses are those of articles (news.workflow): the same newsroom uses both.
The permissions are the documents' own: editors need documents.change_document,
and publishing, scheduling and taking down need documents.publish_document,
which migration 0002 gives the approvers' group ("Người duyệt") beside
news.publish_article; a portal may hand it to another group (a legal office).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from documents.models import Document, DocumentFile
from news.workflow import NOTE_CLEARING_ACTIONS, Action, User, Workflow

Status = Document.Status

DOCUMENTS = Workflow(
    change_permission="documents.change_document",
    publish_permission="documents.publish_document",
    published_is_approvers=(
        "Văn bản đã xuất bản (kể cả hẹn giờ) chỉ người duyệt mới được sửa hoặc gỡ."
    ),
    no_change_permission="Bạn không có quyền sửa văn bản.",
    approvers_only_status="Chỉ người duyệt mới được chuyển văn bản sang “{label}”.",
    impossible_transition="Không thể chuyển văn bản từ “{from_label}” sang “{label}”.",
    impossible_action="Không thể “{label}” văn bản ở trạng thái này.",
    created_reason="Tạo văn bản",
    edited_reason="Sửa văn bản",
    unpublished_reason="Gỡ văn bản",
)
# The workflow's rules as this module's functions: the admin and the tests call them so.
can_publish = DOCUMENTS.can_publish
can_edit = DOCUMENTS.can_edit
check_transition = DOCUMENTS.check_transition
available_actions = DOCUMENTS.available_actions
plan_action = DOCUMENTS.plan_action


@transaction.atomic
def apply_action(
    *,
    document: Document,
    user: User,
    action: str,
    at: dt.datetime | None = None,
    note: str = "",
) -> Document:
    """Save a document edited by the user as the button pressed says, and return it."""
    from_status = DOCUMENTS.stored_status(document)
    to_status, planned_at = plan_action(
        user=user, status=from_status, action=action, published_at=document.published_at, note=note
    )
    document.status = to_status
    if action == Action.RETURN:
        document.review_note = note.strip()
    elif action in NOTE_CLEARING_ACTIONS:
        document.review_note = ""
    check_transition(user=user, from_status=from_status, to_status=document.status)
    if document.status == Status.PUBLISHED and from_status != Status.PUBLISHED:
        DOCUMENTS.stamp_publication(
            document, user=user, from_status=from_status, at=planned_at or at
        )
    reason = "Trả lại" if action == Action.RETURN else ""
    DOCUMENTS.save(document, user=user, from_status=from_status, reason=reason)
    return document


@transaction.atomic
def transition_document(
    *, document: Document, to_status: str, user: User, at: dt.datetime | None = None
) -> Document:
    """Move the stored document to another status on the user's behalf, and return it."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    from_status = document.status
    check_transition(user=user, from_status=from_status, to_status=to_status)
    if to_status == from_status and at is None:
        return document
    document.status = to_status
    if to_status == Status.PUBLISHED:
        DOCUMENTS.stamp_publication(document, user=user, from_status=from_status, at=at)
    DOCUMENTS.save(document, user=user, from_status=from_status)
    return document


def submit_document(*, document: Document, user: User) -> Document:
    """Send a document to the approvers ("Chờ duyệt")."""
    return transition_document(document=document, to_status=Status.PENDING, user=user)


def publish_document(*, document: Document, user: User, at: dt.datetime | None = None) -> Document:
    """Publish a document now, or at a future time (scheduled), as an approver."""
    return transition_document(document=document, to_status=Status.PUBLISHED, user=user, at=at)


def unpublish_document(*, document: Document, user: User) -> Document:
    """Take a published document off the site ("Gỡ văn bản")."""
    return transition_document(document=document, to_status=Status.UNPUBLISHED, user=user)


def refresh_search_text(document: Document) -> None:
    """Store the document's search text again, after its files changed."""
    Document.objects.filter(pk=document.pk).update(search_text=document.document_text())


@transaction.atomic
def add_file(*, document: Document, file, title: str = "", order: int = 0) -> DocumentFile:
    """Check an uploaded file, store it with its extracted text, and return it.

    Raise ValidationError (storing nothing) if the file is refused.
    """
    stored = DocumentFile(document=document, file=file, title=title, order=order)
    stored.full_clean(exclude=["document"])
    # Saving it stores the document's search text again (documents.signals).
    stored.save()
    return stored
