"""The editorial workflow of articles: who may move one from status to status, and the move.

The rules are those of news.workflow, under the articles' permissions.
Editors ("Biên tập viên") write drafts and submit them for review; approvers
("Người duyệt", holding news.publish_article) publish, schedule and unpublish.
Every path of the admin (the form, bulk actions, restoring an old version)
goes through these functions; code that calls Article.save() itself, such as
an import, is trusted and skips them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Album, Article, Category, Photo
from news.uploads.images import open_validated_image, reencode, renditions
from news.workflow import NOTE_CLEARING_ACTIONS, Action, User, Workflow
from portals.selectors import profile

Status = Article.Status

ARTICLES = Workflow(
    change_permission="news.change_article",
    publish_permission="news.publish_article",
    published_is_approvers=(
        "Bài đã xuất bản (kể cả bài hẹn giờ) chỉ người duyệt mới được sửa hoặc gỡ."
    ),
    no_change_permission="Bạn không có quyền sửa bài viết.",
    approvers_only_status="Chỉ người duyệt mới được chuyển bài sang “{label}”.",
    impossible_transition="Không thể chuyển bài từ “{from_label}” sang “{label}”.",
    impossible_action="Không thể “{label}” khi bài đang ở trạng thái “{state}”.",
    created_reason="Tạo bài",
    edited_reason="Sửa bài",
    unpublished_reason="Gỡ bài",
    new_state=_("bài mới"),
)
# The workflow's rules as this module's functions: the admin and the tests call them so.
can_publish = ARTICLES.can_publish
can_edit = ARTICLES.can_edit
allowed_statuses = ARTICLES.allowed_statuses
check_transition = ARTICLES.check_transition
available_actions = ARTICLES.available_actions
plan_action = ARTICLES.plan_action


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
    from_status = ARTICLES.stored_status(article)
    to_status, planned_at = plan_action(
        user=user, status=from_status, action=action, published_at=article.published_at, note=note
    )
    article.status = to_status
    if action == Action.RETURN:
        article.review_note = note.strip()
    elif action in NOTE_CLEARING_ACTIONS:
        article.review_note = ""
    reason = "Trả lại" if action == Action.RETURN else ""
    return _save_edited(
        article, user=user, from_status=from_status, at=planned_at or at, reason=reason
    )


@transaction.atomic
def save_article(*, article: Article, user: User, at: dt.datetime | None = None) -> Article:
    """Save an article edited by the user, holding the workflow against its stored status.

    at is the publication time the user chose, if any; publishing without one
    dates a new article now (see the rules of Workflow.stamp_publication).
    """
    return _save_edited(article, user=user, from_status=ARTICLES.stored_status(article), at=at)


def _save_edited(
    article: Article,
    *,
    user: User,
    from_status: str | None,
    at: dt.datetime | None,
    reason: str = "",
) -> Article:
    check_transition(user=user, from_status=from_status, to_status=article.status)
    article.clean()
    if article.status == Status.PUBLISHED and from_status != Status.PUBLISHED:
        ARTICLES.stamp_publication(article, user=user, from_status=from_status, at=at)
    ARTICLES.save(article, user=user, from_status=from_status, reason=reason)
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
        ARTICLES.stamp_publication(article, user=user, from_status=from_status, at=at)
    ARTICLES.save(article, user=user, from_status=from_status)
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
