"""The editorial workflow: who may give content which status, and the buttons that do it.

Articles (news.services) and documents (documents.services) share the
statuses, the buttons and the rules, as one newsroom uses both; each kind
holds them under its own permissions, and its messages name it ("bài",
"văn bản"). The steps of a save are here too (the stored status, the
publication stamp, the history row); each kind's services put them in order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Article

Status = Article.Status
User = AbstractBaseUser | AnonymousUser

# Statuses an editor may give content; the others belong to approvers.
EDITOR_STATUSES = frozenset({Status.DRAFT, Status.PENDING})
# The status flow; staying in the same status is always allowed.
TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({Status.DRAFT, Status.PENDING, Status.PUBLISHED}),
    Status.DRAFT: frozenset({Status.PENDING, Status.PUBLISHED}),
    Status.PENDING: frozenset({Status.DRAFT, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.UNPUBLISHED}),
    Status.UNPUBLISHED: frozenset({Status.DRAFT, Status.PENDING, Status.PUBLISHED}),
}


class Action(models.TextChoices):
    """The buttons of the article form: each saves the article and says where it goes."""

    SAVE = "save", _("Lưu thay đổi")
    SAVE_DRAFT = "save_draft", _("Lưu nháp")
    SUBMIT = "submit", _("Gửi duyệt")
    PUBLISH = "publish", _("Xuất bản")
    SCHEDULE = "schedule", _("Hẹn giờ đăng")
    RETURN = "return", _("Trả lại")
    UNPUBLISH = "unpublish", _("Gỡ bài")


# Where each button takes the content; "Lưu thay đổi" keeps its status.
ACTION_TARGETS: dict[str, str] = {
    Action.SAVE_DRAFT: Status.DRAFT,
    Action.SUBMIT: Status.PENDING,
    Action.PUBLISH: Status.PUBLISHED,
    Action.SCHEDULE: Status.PUBLISHED,
    Action.RETURN: Status.DRAFT,
    Action.UNPUBLISH: Status.UNPUBLISHED,
}
APPROVER_ACTIONS = frozenset({Action.PUBLISH, Action.SCHEDULE, Action.RETURN, Action.UNPUBLISH})
# Returned content keeps the approver's note until the editor sends it again.
NOTE_CLEARING_ACTIONS = frozenset({Action.SUBMIT, Action.PUBLISH, Action.SCHEDULE})
# What the history says of a move to these statuses, whatever the content.
MOVE_REASONS = {
    Status.DRAFT: "Trả về bản nháp",
    Status.PENDING: "Gửi duyệt",
    Status.PUBLISHED: "Xuất bản",
}


@dataclass(frozen=True, kw_only=True)
class Workflow:
    """The workflow of one kind of content: its permissions and the words of its refusals.

    The messages are str.format templates: {label} is the status or button
    refused, {from_label} the status moved from, {state} the stored status
    (new_state for content not saved yet). The reasons are what its history
    says of a save of new content, of a change keeping the status, and of
    taking it down; the other moves are said alike (MOVE_REASONS).
    """

    change_permission: str
    publish_permission: str
    published_is_approvers: str
    no_change_permission: str
    approvers_only_status: str
    impossible_transition: str
    impossible_action: str
    created_reason: str
    edited_reason: str
    unpublished_reason: str
    new_state: str = ""

    def can_publish(self, user: User) -> bool:
        """Return True if the user may publish, schedule and take down this content."""
        return user.is_active and user.has_perm(self.publish_permission)

    def can_edit(self, *, user: User, status: str | None) -> bool:
        """Return True if the user may change content that has this stored status.

        An editor may not touch content once it is published (scheduled or
        live): what is on the site has been approved, and an editor's change
        would publish unapproved text. Approvers correct published content
        themselves.
        """
        if not (user.is_active and user.has_perm(self.change_permission)):
            return False
        return status != Status.PUBLISHED or self.can_publish(user)

    def allowed_statuses(self, *, user: User, status: str | None) -> list[str]:
        """Return the statuses the user may choose for content with this stored status."""
        targets = {status} | TRANSITIONS[status] if status else set(TRANSITIONS[None])
        if not self.can_publish(user):
            targets = {t for t in targets if t in EDITOR_STATUSES or t == status}
        return [value for value in Status.values if value in targets]

    def check_transition(self, *, user: User, from_status: str | None, to_status: str) -> None:
        """Raise PermissionDenied or ValidationError unless the user may make this move."""
        label = Status(to_status).label
        if not self.can_edit(user=user, status=from_status):
            if from_status == Status.PUBLISHED:
                raise PermissionDenied(self.published_is_approvers)
            raise PermissionDenied(self.no_change_permission)
        if to_status == from_status:
            return
        if to_status not in EDITOR_STATUSES and not self.can_publish(user):
            raise PermissionDenied(self.approvers_only_status.format(label=label))
        if to_status not in TRANSITIONS[from_status]:
            raise ValidationError(
                self.impossible_transition.format(
                    from_label=Status(from_status).label, label=label
                ),
                code="transition",
            )

    def available_actions(self, *, user: User, status: str | None) -> list[Action]:
        """Return the buttons the user may press on content with this stored status."""
        if not self.can_edit(user=user, status=status):
            return []
        approver = self.can_publish(user)
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
        self,
        *,
        user: User,
        status: str | None,
        action: str,
        published_at: dt.datetime | None,
        note: str = "",
    ) -> tuple[str, dt.datetime | None]:
        """Return the status an action gives content and the time to date it at, if any.

        Raise PermissionDenied if the user may not press this button on content
        with this stored status, and ValidationError if the content is not
        ready for it. published_at is the date the content has in the form;
        "Xuất bản" means now, so a date in the future gives way to now, and
        "Hẹn giờ đăng" needs one.
        """
        if action not in Action.values or action not in self.available_actions(
            user=user, status=status
        ):
            self._refuse(user=user, status=status, action=action)
        to_status = ACTION_TARGETS.get(action, status or Status.DRAFT)
        self.check_transition(user=user, from_status=status, to_status=to_status)
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

    def stored_status(self, content: models.Model) -> str | None:
        """Return the status in the database (locked for this transaction), not the edited one."""
        if content.pk is None:
            return None
        return (
            type(content)
            ._default_manager.select_for_update()
            .filter(pk=content.pk)
            .values_list("status", flat=True)
            .first()
        )

    def stamp_publication(
        self, content: models.Model, *, user: User, from_status: str | None, at: dt.datetime | None
    ) -> None:
        """Record who publishes, and set when.

        An explicit time wins (a future one schedules the content). Otherwise
        content published for the first time is dated now, so that a draft
        written last week does not appear buried under newer news; republishing
        content that was taken down keeps its date, and a future date already
        set stays a schedule.
        """
        now = timezone.now()
        if at is not None:
            content.published_at = at
        elif from_status in (None, Status.DRAFT, Status.PENDING) and content.published_at <= now:
            content.published_at = now
        content.published_by = user

    def save(
        self, content: models.Model, *, user: User, from_status: str | None, reason: str = ""
    ) -> None:
        """Save the content, its history row naming the user and the reason (or the move's)."""
        if not reason:
            reason = self._history_reason(from_status=from_status, to_status=content.status)
        # django-simple-history reads these for the history row of this save.
        content._history_user = user
        content._change_reason = reason
        content.save()

    def _history_reason(self, *, from_status: str | None, to_status: str) -> str:
        if from_status is None:
            return self.created_reason
        if from_status == to_status:
            return self.edited_reason
        if to_status == Status.UNPUBLISHED:
            return self.unpublished_reason
        return MOVE_REASONS[to_status]

    def _refuse(self, *, user: User, status: str | None, action: str) -> None:
        if not self.can_edit(user=user, status=status):
            # The same words as for any other change of content the user may not touch.
            self.check_transition(user=user, from_status=status, to_status=status or Status.DRAFT)
        label = Action(action).label if action in Action.values else action
        if action in APPROVER_ACTIONS and not self.can_publish(user):
            raise PermissionDenied(f"Chỉ người duyệt mới được “{label}”.")
        state = Status(status).label if status else self.new_state
        raise PermissionDenied(self.impossible_action.format(label=label, state=state))
