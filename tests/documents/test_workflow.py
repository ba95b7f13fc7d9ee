import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from documents import selectors, services
from documents.models import Document
from news.services import Action


@pytest.fixture
def draft(make_document):
    return make_document(number="7/KH-UBND", status=Document.Status.DRAFT)


def test_an_editor_submits_a_document_but_cannot_publish_it(draft, editor):
    services.submit_document(document=draft, user=editor)
    assert Document.objects.get(pk=draft.pk).status == Document.Status.PENDING
    with pytest.raises(PermissionDenied):
        services.publish_document(document=draft, user=editor)


def test_an_approver_publishes_now_and_is_recorded_with_the_history(draft, approver):
    services.publish_document(document=draft, user=approver)
    draft.refresh_from_db()
    assert draft.status == Document.Status.PUBLISHED
    assert draft.published_by == approver
    assert draft.published_at <= timezone.now()
    assert draft.history.first().history_change_reason == "Xuất bản"
    assert draft.history.first().history_user == approver


def test_a_scheduled_document_is_public_only_from_its_time(draft, approver):
    at = timezone.now() + dt.timedelta(hours=2)
    services.publish_document(document=draft, user=approver, at=at)
    assert not selectors.public_documents().filter(pk=draft.pk).exists()
    assert selectors.public_documents(at + dt.timedelta(seconds=1)).filter(pk=draft.pk).exists()
    assert selectors.next_change(timezone.now(), site_id=1) <= at


def test_the_schedule_button_needs_a_time_in_the_future(draft, approver):
    draft.published_at = timezone.now() - dt.timedelta(minutes=1)
    with pytest.raises(ValidationError):
        services.apply_action(document=draft, user=approver, action=Action.SCHEDULE)


def test_a_published_document_is_the_approvers_alone(plan_50, editor, approver):
    assert not services.can_edit(user=editor, status=plan_50.status)
    with pytest.raises(PermissionDenied):
        services.unpublish_document(document=plan_50, user=editor)
    services.unpublish_document(document=plan_50, user=approver)
    assert not selectors.public_documents().filter(pk=plan_50.pk).exists()


def test_returning_a_document_needs_a_note_which_the_editor_then_sees(draft, editor, approver):
    services.submit_document(document=draft, user=editor)
    draft.refresh_from_db()
    with pytest.raises(ValidationError):
        services.apply_action(document=draft, user=approver, action=Action.RETURN)
    services.apply_action(document=draft, user=approver, action=Action.RETURN, note="Sửa ngày.")
    draft.refresh_from_db()
    assert (draft.status, draft.review_note) == (Document.Status.DRAFT, "Sửa ngày.")


def test_staff_without_a_role_may_not_touch_documents(draft, staff_without_role):
    assert services.available_actions(user=staff_without_role, status=draft.status) == []
    with pytest.raises(PermissionDenied):
        services.submit_document(document=draft, user=staff_without_role)


def test_the_approvers_group_holds_the_documents_own_publish_permission(approver, editor):
    assert approver.has_perm("documents.publish_document")
    assert not editor.has_perm("documents.publish_document")
    assert editor.has_perm("documents.add_documentkind")
