"""The status flow and who may walk it, through news.services."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from news import services
from news.models import Article

pytestmark = pytest.mark.django_db

Status = Article.Status
ALL = list(Status.values)
PAIRS = list(itertools.product(ALL, ALL))
# The flow for approvers; staying put is always allowed.
APPROVER_MOVES = {
    (Status.DRAFT, Status.PENDING),
    (Status.DRAFT, Status.PUBLISHED),
    (Status.PENDING, Status.DRAFT),
    (Status.PENDING, Status.PUBLISHED),
    (Status.PUBLISHED, Status.UNPUBLISHED),
    (Status.UNPUBLISHED, Status.DRAFT),
    (Status.UNPUBLISHED, Status.PENDING),
    (Status.UNPUBLISHED, Status.PUBLISHED),
}
EDITOR_MOVES = {
    (Status.DRAFT, Status.PENDING),
    (Status.PENDING, Status.DRAFT),
    (Status.UNPUBLISHED, Status.DRAFT),
    (Status.UNPUBLISHED, Status.PENDING),
}


@pytest.mark.parametrize(("from_status", "to_status"), PAIRS)
def test_approver_may_walk_exactly_the_status_flow(approver, make_article, from_status, to_status):
    article = make_article(status=from_status)
    allowed = from_status == to_status or (from_status, to_status) in APPROVER_MOVES
    if allowed:
        services.transition_article(article=article, to_status=to_status, user=approver)
        article.refresh_from_db()
        assert article.status == to_status
    else:
        with pytest.raises(ValidationError, match="Không thể chuyển bài"):
            services.transition_article(article=article, to_status=to_status, user=approver)


@pytest.mark.parametrize(("from_status", "to_status"), PAIRS)
def test_editor_may_only_move_between_draft_and_review(
    editor, make_article, from_status, to_status
):
    article = make_article(status=from_status)
    editable = from_status != Status.PUBLISHED
    allowed = editable and (from_status == to_status or (from_status, to_status) in EDITOR_MOVES)
    if allowed:
        services.transition_article(article=article, to_status=to_status, user=editor)
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            services.transition_article(article=article, to_status=to_status, user=editor)
    article.refresh_from_db()
    assert article.status == (to_status if allowed else from_status)
    assert article.published_by is None


def test_editor_is_told_in_vietnamese_why_not(editor, make_article):
    pending = make_article(status=Status.PENDING)
    with pytest.raises(PermissionDenied, match="Chỉ người duyệt mới được chuyển bài sang"):
        services.publish_article(article=pending, user=editor)
    live = make_article()
    with pytest.raises(PermissionDenied, match="chỉ người duyệt mới được sửa"):
        services.submit_for_review(article=live, user=editor)


def test_saving_an_edited_copy_checks_the_stored_status_not_the_edited_one(editor, make_article):
    live = make_article(title="Đang đăng")
    stale = Article.objects.get(pk=live.pk)
    stale.status = Status.DRAFT
    stale.title = "Sửa từ bản cũ"
    with pytest.raises(PermissionDenied):
        services.save_article(article=stale, user=editor)
    live.refresh_from_db()
    assert live.title == "Đang đăng"


def test_a_user_without_any_role_can_do_nothing(django_user_model, make_article):
    nobody = django_user_model.objects.create_user(username="khach", password=None, is_staff=True)
    draft = make_article(status=Status.DRAFT)
    with pytest.raises(PermissionDenied, match="không có quyền"):
        services.submit_for_review(article=draft, user=nobody)


def test_inactive_approver_cannot_publish(approver, make_article):
    approver.is_active = False
    approver.save()
    with pytest.raises(PermissionDenied):
        services.publish_article(article=make_article(status=Status.PENDING), user=approver)


def test_publishing_records_who_and_dates_a_first_publication_now(approver, make_article):
    written = timezone.now() - dt.timedelta(days=5)
    article = make_article(status=Status.PENDING, published_at=written)
    services.publish_article(article=article, user=approver)
    article.refresh_from_db()
    assert article.published_by == approver
    assert timezone.now() - article.published_at < dt.timedelta(minutes=1)
    record = article.history.latest()
    assert (record.history_user, record.history_change_reason) == (approver, "Xuất bản")


def test_publishing_at_a_future_time_schedules(approver, make_article):
    later = timezone.now() + dt.timedelta(hours=3)
    article = make_article(status=Status.PENDING)
    services.publish_article(article=article, user=approver, at=later)
    article.refresh_from_db()
    assert article.published_at == later
    assert not article.is_public()
    assert article.state_label() == "Hẹn giờ đăng"


def test_a_future_date_set_before_approval_stays_a_schedule(approver, make_article):
    later = timezone.now() + dt.timedelta(days=1)
    article = make_article(status=Status.PENDING, published_at=later)
    services.publish_article(article=article, user=approver)
    article.refresh_from_db()
    assert article.published_at == later


def test_republishing_an_unpublished_article_keeps_its_date(approver, make_article):
    first = timezone.now() - dt.timedelta(days=30)
    article = make_article(published_at=first)
    services.unpublish_article(article=article, user=approver)
    services.publish_article(article=article, user=approver)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.PUBLISHED, first)


def test_publishing_without_a_byline_is_refused(approver, make_article):
    article = make_article(status=Status.PENDING, byline="")
    with pytest.raises(ValidationError) as refused:
        services.publish_article(article=article, user=approver)
    assert "chưa có tác giả" in str(refused.value)
    article.refresh_from_db()
    assert article.status == Status.PENDING


def test_code_that_saves_directly_is_trusted(category):
    imported = Article(title="Bài nhập từ hệ thống cũ", category=category, byline="")
    imported.status = Status.PUBLISHED
    imported.save()
    assert Article.objects.published().filter(pk=imported.pk).exists()


def test_allowed_statuses_follow_role_and_stored_status(editor, approver):
    assert services.allowed_statuses(user=editor, status=None) == [Status.DRAFT, Status.PENDING]
    assert services.allowed_statuses(user=editor, status=Status.UNPUBLISHED) == [
        Status.DRAFT,
        Status.PENDING,
        Status.UNPUBLISHED,
    ]
    assert services.allowed_statuses(user=approver, status=Status.PUBLISHED) == [
        Status.PUBLISHED,
        Status.UNPUBLISHED,
    ]
