"""The documents' editorial workflow, and the writes that touch more than one row.

The statuses, the buttons (Action), where each button leads and the order of
statuses are those of articles (news.services): the same newsroom uses both.
The permissions are the documents' own: editors need documents.change_document,
and publishing, scheduling and taking down need documents.publish_document,
which migration 0002 gives the approvers' group ("Người duyệt") beside
news.publish_article; a portal may hand it to another group (a legal office).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from documents.models import Document, DocumentFile
from news.services import (
    ACTION_TARGETS,
    APPROVER_ACTIONS,
    EDITOR_STATUSES,
    NOTE_CLEARING_ACTIONS,
    TRANSITIONS,
    Action,
    User,
)

Status = Document.Status
PUBLISH_PERMISSION = "documents.publish_document"
CHANGE_PERMISSION = "documents.change_document"

CHANGE_REASONS = {
    Status.DRAFT: "Trả về bản nháp",
    Status.PENDING: "Gửi duyệt",
    Status.PUBLISHED: "Xuất bản",
    Status.UNPUBLISHED: "Gỡ văn bản",
}


def can_publish(user: User) -> bool:
    """Return True if the user may publish, schedule and take down documents."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def can_edit(*, user: User, status: str | None) -> bool:
    """Return True if the user may change a document that has this stored status.

    As for articles, a published (or scheduled) document is the approvers' alone.
    """
    if not (user.is_active and user.has_perm(CHANGE_PERMISSION)):
        return False
    return status != Status.PUBLISHED or can_publish(user)


def check_transition(*, user: User, from_status: str | None, to_status: str) -> None:
    """Raise PermissionDenied or ValidationError unless the user may make this move."""
    label = Status(to_status).label
    if not can_edit(user=user, status=from_status):
        if from_status == Status.PUBLISHED:
            raise PermissionDenied(
                "Văn bản đã xuất bản (kể cả hẹn giờ) chỉ người duyệt mới được sửa hoặc gỡ."
            )
        raise PermissionDenied("Bạn không có quyền sửa văn bản.")
    if to_status == from_status:
        return
    if to_status not in EDITOR_STATUSES and not can_publish(user):
        raise PermissionDenied(f"Chỉ người duyệt mới được chuyển văn bản sang “{label}”.")
    if to_status not in TRANSITIONS[from_status]:
        raise ValidationError(
            f"Không thể chuyển văn bản từ “{Status(from_status).label}” sang “{label}”.",
            code="transition",
        )


def available_actions(*, user: User, status: str | None) -> list[Action]:
    """Return the buttons the user may press on a document with this stored status."""
    if not can_edit(user=user, status=status):
        return []
    approver = can_publish(user)
    if status == Status.PUBLISHED:
        return [Action.SAVE, Action.UNPUBLISH]
    if status == Status.PENDING:
        if approver:
            return [Action.SAVE, Action.PUBLISH, Action.SCHEDULE, Action.RETURN]
        return [Action.SAVE, Action.SAVE_DRAFT]
    actions = [Action.SAVE_DRAFT, Action.SUBMIT]
    if status == Status.UNPUBLISHED:
        actions.insert(0, Action.SAVE)
    if approver:
        actions += [Action.PUBLISH, Action.SCHEDULE]
    return actions


def plan_action(
    *,
    user: User,
    status: str | None,
    action: str,
    published_at: dt.datetime | None,
    note: str = "",
) -> tuple[str, dt.datetime | None]:
    """Return the status an action gives a document and the time to date it at, if any.

    The rules of news.services.plan_action: "Xuất bản" means now, "Hẹn giờ
    đăng" needs a time in the future, "Trả lại" needs a note.
    """
    if action not in Action.values or action not in available_actions(user=user, status=status):
        if not can_edit(user=user, status=status):
            check_transition(user=user, from_status=status, to_status=status or Status.DRAFT)
        label = Action(action).label if action in Action.values else action
        if action in APPROVER_ACTIONS and not can_publish(user):
            raise PermissionDenied(f"Chỉ người duyệt mới được “{label}”.")
        raise PermissionDenied(f"Không thể “{label}” văn bản ở trạng thái này.")
    to_status = ACTION_TARGETS.get(action, status or Status.DRAFT)
    check_transition(user=user, from_status=status, to_status=to_status)
    now = timezone.now()
    at = None
    if action == Action.PUBLISH and published_at is not None and published_at > now:
        at = now
    elif action == Action.SCHEDULE:
        if published_at is None or published_at <= now:
            raise ValidationError(
                {
                    "published_at": "Để hẹn giờ đăng, hãy đặt “Ngày đăng” là một lúc "
                    "trong tương lai."
                },
                code="schedule",
            )
        at = published_at
    elif action == Action.RETURN and not note.strip():
        raise ValidationError(
            {"review_note": "Hãy ghi cho biên tập viên biết cần sửa gì trước khi trả lại."},
            code="note",
        )
    return to_status, at


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
    from_status = _stored_status(document)
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
        _stamp_publication(document, user=user, from_status=from_status, at=planned_at or at)
    reason = "Trả lại" if action == Action.RETURN else _reason(from_status, document.status)
    _save(document, user=user, reason=reason)
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
        _stamp_publication(document, user=user, from_status=from_status, at=at)
    _save(document, user=user, reason=_reason(from_status, to_status))
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


def _stored_status(document: Document) -> str | None:
    if document.pk is None:
        return None
    return (
        Document.objects.select_for_update()
        .filter(pk=document.pk)
        .values_list("status", flat=True)
        .first()
    )


def _stamp_publication(
    document: Document, *, user: User, from_status: str | None, at: dt.datetime | None
) -> None:
    """Record who publishes, and set when (the rules of news.services._stamp_publication)."""
    now = timezone.now()
    if at is not None:
        document.published_at = at
    elif from_status in (None, Status.DRAFT, Status.PENDING) and document.published_at <= now:
        document.published_at = now
    document.published_by = user


def _reason(from_status: str | None, to_status: str) -> str:
    if from_status is None:
        return "Tạo văn bản"
    if from_status == to_status:
        return "Sửa văn bản"
    return CHANGE_REASONS[to_status]


def _save(document: Document, *, user: User, reason: str) -> None:
    # django-simple-history reads these for the history row of this save.
    document._history_user = user
    document._change_reason = reason
    document.save()
