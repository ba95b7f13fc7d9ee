"""The editorial workflow: who may move an article from one status to another, and the move.

Editors ("Biên tập viên") write drafts and submit them for review; approvers
("Người duyệt", holding news.publish_article) publish, schedule and unpublish.
Every path of the admin (the form, bulk actions, restoring an old version)
goes through these functions; code that calls Article.save() itself, such as
an import, is trusted and skips them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Album, Article, Category, Photo
from news.uploads.images import open_validated_image, reencode, renditions
from portals.selectors import profile

Status = Article.Status
PUBLISH_PERMISSION = "news.publish_article"
CHANGE_PERMISSION = "news.change_article"

# Statuses an editor may give an article; the others belong to approvers.
EDITOR_STATUSES = frozenset({Status.DRAFT, Status.PENDING})
# The status flow; staying in the same status is always allowed.
TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({Status.DRAFT, Status.PENDING, Status.PUBLISHED}),
    Status.DRAFT: frozenset({Status.PENDING, Status.PUBLISHED}),
    Status.PENDING: frozenset({Status.DRAFT, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.UNPUBLISHED}),
    Status.UNPUBLISHED: frozenset({Status.DRAFT, Status.PENDING, Status.PUBLISHED}),
}
CHANGE_REASONS = {
    Status.DRAFT: "Trả về bản nháp",
    Status.PENDING: "Gửi duyệt",
    Status.PUBLISHED: "Xuất bản",
    Status.UNPUBLISHED: "Gỡ bài",
}

User = AbstractBaseUser | AnonymousUser


class Action(models.TextChoices):
    """The buttons of the article form: each saves the article and says where it goes."""

    SAVE = "save", _("Lưu thay đổi")
    SAVE_DRAFT = "save_draft", _("Lưu nháp")
    SUBMIT = "submit", _("Gửi duyệt")
    PUBLISH = "publish", _("Xuất bản")
    SCHEDULE = "schedule", _("Hẹn giờ đăng")
    RETURN = "return", _("Trả lại")
    UNPUBLISH = "unpublish", _("Gỡ bài")


# Where each button takes the article; "Lưu thay đổi" keeps its status.
ACTION_TARGETS: dict[str, str] = {
    Action.SAVE_DRAFT: Status.DRAFT,
    Action.SUBMIT: Status.PENDING,
    Action.PUBLISH: Status.PUBLISHED,
    Action.SCHEDULE: Status.PUBLISHED,
    Action.RETURN: Status.DRAFT,
    Action.UNPUBLISH: Status.UNPUBLISHED,
}
APPROVER_ACTIONS = frozenset({Action.PUBLISH, Action.SCHEDULE, Action.RETURN, Action.UNPUBLISH})
# A returned article keeps the approver's note until the editor sends it again.
NOTE_CLEARING_ACTIONS = frozenset({Action.SUBMIT, Action.PUBLISH, Action.SCHEDULE})


def can_publish(user: User) -> bool:
    """Return True if the user may publish, schedule and unpublish articles."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def can_edit(*, user: User, status: str | None) -> bool:
    """Return True if the user may change an article that has this stored status.

    An editor may not touch an article once it is published (scheduled or
    live): what is on the site has been approved, and an editor's change would
    publish unapproved text. Approvers correct published articles themselves.
    """
    if not (user.is_active and user.has_perm(CHANGE_PERMISSION)):
        return False
    return status != Status.PUBLISHED or can_publish(user)


def allowed_statuses(*, user: User, status: str | None) -> list[str]:
    """Return the statuses the user may choose for an article with this stored status."""
    targets = {status} | TRANSITIONS[status] if status else set(TRANSITIONS[None])
    if not can_publish(user):
        targets = {target for target in targets if target in EDITOR_STATUSES or target == status}
    return [value for value in Status.values if value in targets]


def check_transition(*, user: User, from_status: str | None, to_status: str) -> None:
    """Raise PermissionDenied or ValidationError unless the user may make this move."""
    label = Status(to_status).label
    if not can_edit(user=user, status=from_status):
        if from_status == Status.PUBLISHED:
            raise PermissionDenied(
                "Bài đã xuất bản (kể cả bài hẹn giờ) chỉ người duyệt mới được sửa hoặc gỡ."
            )
        raise PermissionDenied("Bạn không có quyền sửa bài viết.")
    if to_status == from_status:
        return
    if to_status not in EDITOR_STATUSES and not can_publish(user):
        raise PermissionDenied(f"Chỉ người duyệt mới được chuyển bài sang “{label}”.")
    if to_status not in TRANSITIONS[from_status]:
        raise ValidationError(
            f"Không thể chuyển bài từ “{Status(from_status).label}” sang “{label}”.",
            code="transition",
        )


def available_actions(*, user: User, status: str | None) -> list[Action]:
    """Return the buttons the user may press on an article with this stored status."""
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
    """Return the status an action gives an article and the time to date it at, if any.

    Raise PermissionDenied if the user may not press this button on an article
    with this stored status, and ValidationError if the article is not ready for
    it. published_at is the date the article has in the form; "Xuất bản"
    means now, so a date in the future gives way to now, and "Hẹn giờ đăng"
    needs one.
    """
    if action not in Action.values or action not in available_actions(user=user, status=status):
        _refuse(user=user, status=status, action=action)
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


def _refuse(*, user: User, status: str | None, action: str) -> None:
    if not can_edit(user=user, status=status):
        # The same words as for any other change of an article the user may not touch.
        check_transition(user=user, from_status=status, to_status=status or Status.DRAFT)
    label = Action(action).label if action in Action.values else action
    if action in APPROVER_ACTIONS and not can_publish(user):
        raise PermissionDenied(f"Chỉ người duyệt mới được “{label}”.")
    state = Status(status).label if status else _("bài mới")
    raise PermissionDenied(f"Không thể “{label}” khi bài đang ở trạng thái “{state}”.")


@transaction.atomic
def apply_action(
    *,
    article: Article,
    user: User,
    action: str,
    at: dt.datetime | None = None,
    note: str = "",
) -> Article:
    """Save an article edited by the user as the button pressed says, and return it.

    The rules are those of plan_action, held against the stored (locked)
    status; at is the publication time the user chose, if any. "Trả lại"
    sends the article back to draft with the note, which the editor sees on it.
    """
    from_status = _stored_status(article)
    to_status, planned_at = plan_action(
        user=user, status=from_status, action=action, published_at=article.published_at, note=note
    )
    article.status = to_status
    if action == Action.RETURN:
        article.review_note = note.strip()
    elif action in NOTE_CLEARING_ACTIONS:
        article.review_note = ""
    reason = "Trả lại" if action == Action.RETURN else None
    return _save_edited(
        article, user=user, from_status=from_status, at=planned_at or at, reason=reason
    )


@transaction.atomic
def save_article(*, article: Article, user: User, at: dt.datetime | None = None) -> Article:
    """Save an article edited by the user, holding the workflow against its stored status.

    at is the publication time the user chose, if any; publishing without one
    dates a new article now (see publish time rules in _stamp_publication).
    """
    return _save_edited(article, user=user, from_status=_stored_status(article), at=at)


def _save_edited(
    article: Article,
    *,
    user: User,
    from_status: str | None,
    at: dt.datetime | None,
    reason: str | None = None,
) -> Article:
    check_transition(user=user, from_status=from_status, to_status=article.status)
    article.clean()
    if article.status == Status.PUBLISHED and from_status != Status.PUBLISHED:
        _stamp_publication(article, user=user, from_status=from_status, at=at)
    _save(article, user=user, reason=reason or _reason(from_status, article.status))
    return article


@transaction.atomic
def transition_article(
    *, article: Article, to_status: str, user: User, at: dt.datetime | None = None
) -> Article:
    """Move the stored article to another status on the user's behalf, and return it."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    from_status = article.status
    check_transition(user=user, from_status=from_status, to_status=to_status)
    if to_status == from_status and at is None:
        return article
    article.status = to_status
    article.clean()
    if to_status == Status.PUBLISHED:
        _stamp_publication(article, user=user, from_status=from_status, at=at)
    _save(article, user=user, reason=_reason(from_status, to_status))
    return article


def submit_for_review(*, article: Article, user: User) -> Article:
    """Send an article to the approvers ("Chờ duyệt")."""
    return transition_article(article=article, to_status=Status.PENDING, user=user)


def publish_article(*, article: Article, user: User, at: dt.datetime | None = None) -> Article:
    """Publish an article now, or at a future time (scheduled), as an approver."""
    return transition_article(article=article, to_status=Status.PUBLISHED, user=user, at=at)


def unpublish_article(*, article: Article, user: User) -> Article:
    """Take a published article off the site ("Gỡ bài")."""
    return transition_article(article=article, to_status=Status.UNPUBLISHED, user=user)


def _stored_status(article: Article) -> str | None:
    """Return the status in the database (locked for this transaction), not the edited one."""
    if article.pk is None:
        return None
    return (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values_list("status", flat=True)
        .first()
    )


def _stamp_publication(
    article: Article, *, user: User, from_status: str | None, at: dt.datetime | None
) -> None:
    """Record who publishes, and set when.

    An explicit time wins (a future one schedules the article). Otherwise an
    article published for the first time is dated now, so that a draft written
    last week does not appear buried under newer news; republishing an article
    that was taken down keeps its date, and a future date already set stays a
    schedule.
    """
    now = timezone.now()
    if at is not None:
        article.published_at = at
    elif from_status in (None, Status.DRAFT, Status.PENDING) and article.published_at <= now:
        article.published_at = now
    article.published_by = user


def _reason(from_status: str | None, to_status: str) -> str:
    if from_status is None:
        return "Tạo bài"
    if from_status == to_status:
        return "Sửa bài"
    return CHANGE_REASONS[to_status]


def _save(article: Article, *, user: User, reason: str) -> None:
    # django-simple-history reads these for the history row of this save.
    article._history_user = user
    article._change_reason = reason
    article.save()


# The stored "original": wide enough for a full-screen view, no wider.
PHOTO_MAX_WIDTH = 2560


@transaction.atomic
def add_photos(
    *,
    album: Album,
    uploads: list[UploadedFile],
    alt_text: str,
    caption: str = "",
    date: dt.date | None = None,
) -> list[Photo]:
    """Store uploaded images as photos at the end of the album, each with its narrower copies.

    Raise ValidationError (storing nothing) if an upload is not an acceptable
    image. Every stored file is re-encoded: upright, without metadata, nothing
    but pixels.
    """
    last = album.photos.aggregate(last=Max("order"))["last"]
    next_order = 0 if last is None else last + 1
    photos: list[Photo] = []
    stored: list[str] = []
    storage = Photo._meta.get_field("image").storage
    try:
        for offset, upload in enumerate(uploads):
            image = open_validated_image(upload)
            photo = Photo(
                album=album,
                alt_text=alt_text,
                caption=caption,
                date=date or album.date,
                order=next_order + offset,
            )
            content = reencode(image, max_width=PHOTO_MAX_WIDTH)
            photo.image.save(content.name, content, save=False)
            stored.append(photo.image.name)
            for width, copy in renditions(image, widths=photo.rendition_widths()).items():
                stored.append(storage.save(photo.rendition_name(width), copy))
            image.close()
            photo.save()
            photos.append(photo)
    except BaseException:
        # The rows roll back with the transaction; the files must go too.
        for name in stored:
            storage.delete(name)
        raise
    return photos


# --- Shared news: one portal's article shown on another ------------------------

# What a re-published article takes from its original, kept in step on every save.
MIRRORED_FIELDS = (
    "title",
    "lead",
    "body",
    "byline",
    "image",
    "image_alt",
    "image_renditions",
    "expires_at",
)


def original_address(article: Article) -> str:
    """Return the absolute URL of an article on its own portal."""
    portal = profile(article.site_id)
    scheme = "https" if settings.HTTPS else "http"
    return f"{scheme}://{portal.domain}{article.get_absolute_url()}"


def _mirror(copy: Article, original: Article) -> None:
    for field in MIRRORED_FIELDS:
        setattr(copy, field, getattr(original, field))
    copy.source = profile(original.site_id).name
    copy.original_url = original_address(original)


def may_republish(*, user: User, site_id: int) -> bool:
    """Return True if the user may choose other portals' articles for this portal."""
    if not can_publish(user):
        return False
    return user.is_superuser or user.portals.filter(pk=site_id).exists()


@transaction.atomic
def republish_article(*, article: Article, site_id: int, category: Category, user: User) -> Article:
    """Show another portal's public article on this one, in one of its categories.

    The copy names its source portal and links to the original as canonical;
    its text follows the original's (sync_republications). An approver of
    the portal chooses it: nothing is shared by default.
    """
    if not may_republish(user=user, site_id=site_id):
        raise PermissionDenied(_("Chỉ người duyệt của cổng này được đăng lại bài của cổng khác."))
    original = article.original or article
    if original.site_id == site_id:
        raise ValidationError(_("Bài này đã thuộc cổng này."), code="same_portal")
    if not original.is_public():
        raise ValidationError(_("Chỉ đăng lại được bài đang công khai."), code="not_public")
    if category.site_id != site_id:
        raise ValidationError(_("Chuyên mục không thuộc cổng này."), code="other_category")
    if Article.objects.filter(site_id=site_id, original=original).exists():
        raise ValidationError(_("Cổng này đã đăng lại bài này."), code="already_shared")
    copy = Article(
        site_id=site_id,
        category=category,
        original=original,
        status=Status.PUBLISHED,
        published_at=timezone.now(),
        published_by=user if user.is_authenticated else None,
    )
    _mirror(copy, original)
    copy._change_reason = "Đăng lại từ cổng khác"
    copy.save()
    return copy


def sync_republications(original: Article) -> None:
    """Bring the article's re-published copies in step with it; take them down if it went.

    A copy taken down stays down when the original comes back: its portal's
    approver shares it again if they want it.
    """
    copies = list(Article.objects.filter(original=original))
    for copy in copies:
        _mirror(copy, original)
        if original.status != Status.PUBLISHED:
            copy.status = Status.UNPUBLISHED
        copy._change_reason = "Theo bài gốc"
        copy.save()
