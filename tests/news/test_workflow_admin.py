"""The role matrix through the admin: each role, each button, including crafted POSTs."""

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from news.services import Action
from tests.news.conftest import logged_in

pytestmark = pytest.mark.django_db

Status = Article.Status
ADD_URL = reverse("admin:news_article_add")
CHANGELIST_URL = reverse("admin:news_article_changelist")


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def form_data(category, **fields):
    """Return a complete admin form POST for an article, without attachments."""
    data = {
        "title": "Bài viết thử",
        "slug": "",
        "category": category.pk,
        "lead": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "byline": "Kim Ngân",
        "source": "Văn phòng UBND",
        "image_alt": "",
        "published_at_0": "",
        "published_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def local_parts(moment):
    local = timezone.localtime(moment)
    return {"published_at_0": f"{local:%Y-%m-%d}", "published_at_1": f"{local:%H:%M:%S}"}


def action(client, name, *articles):
    return client.post(
        CHANGELIST_URL,
        {"action": name, "_selected_action": [a.pk for a in articles], "index": 0},
    )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_errors(response) -> str:
    return str(response.context["adminform"].form.errors)


# Editors ----------------------------------------------------------------------


def test_editor_creates_a_draft_recorded_in_history_with_their_name(
    editor_client, editor, category
):
    response = editor_client.post(
        ADD_URL, form_data(category, title="Bản nháp mới", _action=Action.SAVE_DRAFT)
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Bản nháp mới")
    assert article.status == Status.DRAFT
    record = article.history.latest()
    assert record.history_user == editor
    assert record.history_type == "+"


def test_editor_submits_a_draft_for_review_through_the_form(editor_client, make_article, category):
    draft = make_article(status=Status.DRAFT)
    response = editor_client.post(
        change_url(draft), form_data(category, title=draft.title, _action=Action.SUBMIT)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PENDING


def test_editor_form_shows_only_the_editors_buttons_and_no_status_dropdown(
    editor_client, make_article
):
    draft = make_article(status=Status.DRAFT)
    html = editor_client.get(change_url(draft)).content.decode()
    assert 'name="status"' not in html
    assert f'name="_action" value="{Action.SAVE_DRAFT}"' in html
    assert f'name="_action" value="{Action.SUBMIT}"' in html
    assert ">Lưu nháp</button>" in html and ">Gửi duyệt</button>" in html
    for approvers_only in (Action.PUBLISH, Action.SCHEDULE, Action.RETURN, Action.UNPUBLISH):
        assert f'value="{approvers_only}"' not in html


def test_editor_crafted_post_publishing_a_new_article_is_refused(editor_client, category):
    response = editor_client.post(
        ADD_URL, form_data(category, title="Bài lén đăng", _action=Action.PUBLISH)
    )
    assert response.status_code == 200
    assert not Article.objects.filter(title="Bài lén đăng").exists()
    assert "Chỉ người duyệt mới được “Xuất bản”" in form_errors(response)


def test_editor_crafted_post_of_any_approvers_button_is_refused_and_changes_nothing(
    editor_client, make_article, category
):
    pending = make_article(status=Status.PENDING)
    versions = pending.history.count()
    for action in (Action.PUBLISH, Action.SCHEDULE, Action.RETURN, Action.UNPUBLISH):
        data = form_data(category, title="Sửa lén", _action=action, return_note="x")
        response = editor_client.post(change_url(pending), data)
        assert response.status_code == 200
        assert "Chỉ người duyệt" in form_errors(response)
        assert 'class="errornote"' in response.content.decode()
        pending.refresh_from_db()
        assert (pending.status, pending.title) == (Status.PENDING, "Bài viết 1")
        assert pending.published_by is None
    assert pending.history.count() == versions


def test_an_unknown_button_is_refused(approver_client, make_article, category):
    draft = make_article(status=Status.DRAFT)
    response = approver_client.post(
        change_url(draft), form_data(category, title=draft.title, _action="delete")
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_editor_cannot_set_the_publication_time(editor_client, make_article, category):
    when = timezone.now() - dt.timedelta(days=3)
    draft = make_article(status=Status.DRAFT, published_at=when)
    soon = timezone.now() + dt.timedelta(days=1)
    data = form_data(category, title=draft.title, **local_parts(soon))
    data.update({"expires_at_0": "2030-01-01", "expires_at_1": "00:00:00"})
    assert editor_client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.published_at == when
    assert draft.expires_at is None


def test_editor_sees_a_published_article_read_only_and_cannot_post_to_it(
    editor_client, make_article, category
):
    article = make_article(title="Bài đang đăng")
    page = editor_client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = editor_client.post(
        change_url(article), form_data(category, title="Sửa lén", _action=Action.SAVE_DRAFT)
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài đang đăng", Status.PUBLISHED)


def test_editor_cannot_edit_a_scheduled_article_either(editor_client, make_article, category):
    scheduled = make_article(published_at=timezone.now() + dt.timedelta(days=1))
    response = editor_client.post(
        change_url(scheduled),
        form_data(category, title="Đăng ngay", **local_parts(timezone.now())),
    )
    assert response.status_code == 403
    scheduled.refresh_from_db()
    assert scheduled.published_at > timezone.now()


def test_editor_has_no_publish_or_unpublish_action(editor_client, make_article):
    make_article(status=Status.PENDING)
    html = editor_client.get(CHANGELIST_URL).content.decode()
    assert 'value="submit_selected"' in html
    assert 'value="publish_selected"' not in html
    assert 'value="unpublish_selected"' not in html
    assert 'value="delete_selected"' not in html


def test_editor_crafted_publish_action_changes_nothing(editor_client, make_article):
    pending = make_article(status=Status.PENDING)
    live = make_article()
    action(editor_client, "publish_selected", pending)
    action(editor_client, "unpublish_selected", live)
    action(editor_client, "delete_selected", live)
    pending.refresh_from_db()
    live.refresh_from_db()
    assert pending.status == Status.PENDING
    assert live.status == Status.PUBLISHED


def test_editor_submit_action_sends_drafts_for_review_and_refuses_published_ones(
    editor_client, make_article
):
    draft = make_article(status=Status.DRAFT)
    live = make_article(title="Đang đăng")
    response = action(editor_client, "submit_selected", draft, live)
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Status.PENDING
    assert live.status == Status.PUBLISHED
    notes = messages_of(response)
    assert any("Đã gửi duyệt 1 bài" in note for note in notes)
    assert any("chỉ người duyệt" in note for note in notes)


def test_editor_cannot_restore_an_old_version_of_a_published_article(
    editor_client, approver, make_article, category
):
    article = make_article(status=Status.DRAFT, title="Bản đầu")
    from news import services

    article.status = Status.PUBLISHED
    services.save_article(article=article, user=approver)
    old = article.history.earliest()
    url = reverse("admin:news_article_simple_history", args=[article.pk, old.history_id])
    response = editor_client.post(url, form_data(category, title="Bản đầu"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_staff_without_a_role_cannot_add_articles(staff_without_role, category):
    client = logged_in(staff_without_role)
    assert client.get(ADD_URL).status_code == 403
    assert client.post(ADD_URL, form_data(category, title="X")).status_code == 403
    assert not Article.objects.filter(title="X").exists()


def test_anonymous_visitor_is_sent_to_the_login_page(client, category):
    response = client.post(ADD_URL, form_data(category, _action=Action.PUBLISH))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not Article.objects.exists()


# Approvers ----------------------------------------------------------------------


def test_approver_publishes_a_pending_article_through_the_form_dated_now(
    approver_client, approver, make_article, category
):
    written = timezone.now() - dt.timedelta(days=7)
    pending = make_article(status=Status.PENDING, published_at=written)
    data = form_data(category, title=pending.title, _action=Action.PUBLISH)
    data.update(local_parts(written))
    data["initial-published_at_0"] = data["published_at_0"]
    data["initial-published_at_1"] = data["published_at_1"]
    response = approver_client.post(change_url(pending), data)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED
    assert pending.published_by == approver
    assert timezone.now() - pending.published_at < dt.timedelta(minutes=1)


def test_approver_schedules_an_article_with_a_future_time(
    approver_client, make_article, category, client
):
    pending = make_article(status=Status.PENDING)
    later = (timezone.now() + dt.timedelta(days=2)).replace(microsecond=0)
    data = form_data(category, title=pending.title, _action=Action.SCHEDULE, **local_parts(later))
    assert approver_client.post(change_url(pending), data).status_code == 302
    pending.refresh_from_db()
    assert pending.published_at == later
    assert pending.state_label() == "Hẹn giờ đăng"
    assert client.get(pending.get_absolute_url()).status_code == 404


def test_approver_cannot_publish_without_a_byline(approver_client, make_article, category):
    pending = make_article(status=Status.PENDING, byline="")
    response = approver_client.post(
        change_url(pending),
        form_data(
            category,
            title=pending.title,
            byline="",
            _action=Action.PUBLISH,
            **local_parts(timezone.now()),
        ),
    )
    assert response.status_code == 200
    assert "chưa có tác giả" in str(response.context["adminform"].form.errors["byline"])
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_approver_is_warned_when_the_source_is_empty(approver_client, make_article, category):
    pending = make_article(status=Status.PENDING)
    response = approver_client.post(
        change_url(pending),
        form_data(
            category,
            title=pending.title,
            source="",
            _action=Action.PUBLISH,
            **local_parts(timezone.now()),
        ),
    )
    assert response.status_code == 302
    assert any("chưa ghi nguồn" in note for note in messages_of(response))


def test_approver_bulk_publishes_and_records_who_and_why(approver_client, approver, make_article):
    first = make_article(status=Status.PENDING, source="Báo Bạc Liêu")
    second = make_article(status=Status.DRAFT, source="")
    response = action(approver_client, "publish_selected", first, second)
    for article in (first, second):
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.published_by == approver
        record = article.history.latest()
        assert (record.history_user, record.history_change_reason) == (approver, "Xuất bản")
    notes = messages_of(response)
    assert any("Đã xuất bản 2 bài" in note for note in notes)
    assert sum("chưa ghi nguồn" in note for note in notes) == 1


def test_bulk_publish_refuses_an_article_without_byline_and_says_why(approver_client, make_article):
    nameless = make_article(status=Status.PENDING, byline="  ", title="Không tên tác giả")
    response = action(approver_client, "publish_selected", nameless)
    nameless.refresh_from_db()
    assert nameless.status == Status.PENDING
    assert any("Không tên tác giả" in n and "tác giả" in n for n in messages_of(response))


def test_approver_unpublishes_and_the_page_disappears(approver_client, make_article, client):
    live = make_article()
    assert client.get(live.get_absolute_url()).status_code == 200
    action(approver_client, "unpublish_selected", live)
    live.refresh_from_db()
    assert live.status == Status.UNPUBLISHED
    assert client.get(live.get_absolute_url()).status_code == 404


def test_approver_edits_a_published_article_which_stays_published(
    approver_client, make_article, category
):
    live = make_article(title="Tiêu đề cũ")
    data = form_data(
        category, title="Tiêu đề mới", _action=Action.SAVE, **local_parts(live.published_at)
    )
    assert approver_client.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    assert (live.title, live.status) == ("Tiêu đề mới", Status.PUBLISHED)


def test_published_article_cannot_go_straight_back_to_draft(
    approver_client, make_article, category
):
    live = make_article()
    response = approver_client.post(
        change_url(live),
        form_data(
            category,
            title=live.title,
            _action=Action.SAVE_DRAFT,
            **local_parts(live.published_at),
        ),
    )
    assert response.status_code == 200
    assert "Không thể “Lưu nháp”" in form_errors(response)
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED


def test_changelist_shows_who_published(approver_client, approver, make_article):
    from news import services

    article = make_article(status=Status.PENDING, title="Bài đã duyệt")
    services.publish_article(article=article, user=approver)
    html = approver_client.get(CHANGELIST_URL).content.decode()
    assert "Người xuất bản" in html or "người xuất bản" in html
    assert approver.username in html


# The buttons ----------------------------------------------------------------------


def buttons(client, article) -> list[str]:
    html = client.get(change_url(article)).content.decode()
    return re.findall(r'<button type="submit" name="_action" value="(\w+)"', html)


def test_each_role_sees_the_buttons_it_may_press_for_each_status(
    editor_client, approver_client, make_article
):
    draft = make_article(status=Status.DRAFT)
    pending = make_article(status=Status.PENDING)
    live = make_article()
    assert buttons(editor_client, draft) == ["save_draft", "submit"]
    assert buttons(editor_client, pending) == ["save", "save_draft"]
    assert buttons(editor_client, live) == []
    assert buttons(approver_client, draft) == ["save_draft", "submit", "publish", "schedule"]
    assert buttons(approver_client, pending) == ["save", "publish", "schedule", "return"]
    assert buttons(approver_client, live) == ["save", "unpublish"]


def test_approver_returns_an_article_with_a_note_the_editor_then_reads(
    approver_client, editor_client, approver, make_article, category
):
    pending = make_article(status=Status.PENDING)
    note = "Thiếu nguồn ảnh; sửa lại tít cho ngắn."
    response = approver_client.post(
        change_url(pending),
        form_data(
            category,
            title=pending.title,
            _action=Action.RETURN,
            return_note=note,
            **local_parts(pending.published_at),
        ),
    )
    assert response.status_code == 302
    assert response["Location"].startswith(CHANGELIST_URL)
    pending.refresh_from_db()
    assert (pending.status, pending.review_note) == (Status.DRAFT, note)
    record = pending.history.latest()
    assert (record.history_user, record.history_change_reason) == (approver, "Trả lại")
    html = editor_client.get(change_url(pending)).content.decode()
    assert "Người duyệt trả lại bài" in html and note in html
    assert approver.username in html


def test_returning_needs_a_note(approver_client, make_article, category):
    pending = make_article(status=Status.PENDING)
    response = approver_client.post(
        change_url(pending),
        form_data(
            category,
            title=pending.title,
            _action=Action.RETURN,
            **local_parts(pending.published_at),
        ),
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["return_note"]
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_sending_for_review_again_clears_the_note(editor_client, make_article, category):
    returned = make_article(status=Status.DRAFT, review_note="Sửa tít.")
    editor_client.post(
        change_url(returned), form_data(category, title="Tít ngắn", _action=Action.SUBMIT)
    )
    returned.refresh_from_db()
    assert (returned.status, returned.review_note) == (Status.PENDING, "")


def test_saving_a_draft_stays_on_the_article(editor_client, make_article, category):
    draft = make_article(status=Status.DRAFT)
    response = editor_client.post(
        change_url(draft), form_data(category, title="Sửa tiếp", _action=Action.SAVE_DRAFT)
    )
    assert response["Location"] == change_url(draft)
    assert "Đã lưu nháp." in messages_of(response)


def test_scheduling_needs_a_future_time(approver_client, make_article, category):
    pending = make_article(status=Status.PENDING)
    past = timezone.now() - dt.timedelta(hours=2)
    response = approver_client.post(
        change_url(pending),
        form_data(category, title=pending.title, _action=Action.SCHEDULE, **local_parts(past)),
    )
    assert response.status_code == 200
    assert "trong tương lai" in str(response.context["adminform"].form.errors["published_at"])
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_publish_means_now_even_with_a_future_date_in_the_form(
    approver_client, make_article, category, client
):
    pending = make_article(status=Status.PENDING)
    later = timezone.now() + dt.timedelta(days=2)
    response = approver_client.post(
        change_url(pending),
        form_data(category, title=pending.title, _action=Action.PUBLISH, **local_parts(later)),
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED
    assert timezone.now() - pending.published_at < dt.timedelta(minutes=1)
    assert client.get(pending.get_absolute_url()).status_code == 200


def test_approver_takes_an_article_down_with_the_button(approver_client, make_article, category):
    live = make_article()
    response = approver_client.post(
        change_url(live),
        form_data(
            category,
            title=live.title,
            _action=Action.UNPUBLISH,
            **local_parts(live.published_at),
        ),
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.status == Status.UNPUBLISHED
    assert "Đã gỡ bài khỏi trang." in messages_of(response)


def test_approvers_see_what_waits_for_them_on_the_admin_index(
    approver_client, editor_client, make_article
):
    make_article(status=Status.PENDING)
    make_article(status=Status.PENDING)
    make_article(status=Status.DRAFT)
    html = approver_client.get(reverse("admin:index")).content.decode()
    link = f'<a href="{CHANGELIST_URL}?status__exact=pending">Chờ duyệt: 2</a>'
    assert link in html
    assert html.index(link) < html.index('id="content-main"')
    assert "Chờ duyệt:" not in editor_client.get(reverse("admin:index")).content.decode()
    listed = approver_client.get(f"{CHANGELIST_URL}?status__exact=pending")
    assert listed.context["cl"].result_count == 2
