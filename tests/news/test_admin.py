import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Article, Category

pytestmark = pytest.mark.django_db


def png_bytes(size=(64, 48), color=(10, 74, 133)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "bientap", "bt@example.vn", "mat-khau-dai-123"
    )
    client.force_login(user)
    return client


def article_form(category, **overrides):
    data = {
        "title": "Thành phố ra quân dọn dẹp vệ sinh môi trường",
        "slug": "",
        "category": category.pk,
        "lead": "Sáng nay, hơn 500 đoàn viên tham gia.",
        "body": "<p><strong>Đậm</strong> và <script>alert(1)</script></p>",
        "byline": "Minh Thư",
        "source": "",
        "image_alt": "",
        "_action": "publish",
        "published_at_0": "18/04/2018",
        "published_at_1": "09:30:00",
        "expires_at_0": "",
        "expires_at_1": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_add_form_creates_a_sanitised_article(editor_client, category):
    response = editor_client.post(reverse("admin:news_article_add"), article_form(category))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "thanh-pho-ra-quan-don-dep-ve-sinh-moi-truong"
    assert "<strong>Đậm</strong>" in article.body
    assert "script" not in article.body
    assert article.published_at.isoformat() == "2018-04-18T02:30:00+00:00"


def test_admin_add_form_renders_the_rich_text_editor(editor_client):
    html = editor_client.get(reverse("admin:news_article_add")).content.decode()
    assert "django_ckeditor_5" in html
    assert reverse("news:editor_image_upload") in html


def test_admin_edit_form_changes_an_article(editor_client, article):
    url = reverse("admin:news_article_change", args=[article.pk])
    assert editor_client.get(url).status_code == 200
    data = article_form(article.category, title="Tiêu đề đã sửa", slug=article.slug, _action="save")
    response = editor_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa"


def test_admin_list_filters_and_searches(editor_client, article):
    url = reverse("admin:news_article_changelist")
    response = editor_client.get(url, {"status__exact": "published", "q": "CCHC"})
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_admin_refuses_a_text_file_named_as_an_image(editor_client, category):
    fake = SimpleUploadedFile("anh.jpg", b"khong phai anh", content_type="image/jpeg")
    data = article_form(category, image_alt="Ảnh")
    data["image"] = fake
    response = editor_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_admin_requires_alt_text_for_a_featured_image(editor_client, category):
    data = article_form(category)
    data["image"] = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    response = editor_client.post(reverse("admin:news_article_add"), data)
    assert "image_alt" in response.context["adminform"].form.errors


class TestEditorImageUpload:
    url = reverse("news:editor_image_upload")

    def test_staff_upload_of_a_real_image_is_stored_re_encoded(self, editor_client, media_root):
        payload = png_bytes() + b"<script>alert(1)</script>"
        upload = SimpleUploadedFile("ảnh đẹp.png", payload, content_type="image/png")
        response = editor_client.post(self.url, {"upload": upload})
        assert response.status_code == 200
        url = response.json()["url"]
        assert url.startswith("/media/editor/") and url.endswith(".png")
        stored = (media_root / url.removeprefix("/media/")).read_bytes()
        assert b"<script>" not in stored
        assert Image.open(io.BytesIO(stored)).size == (64, 48)

    def test_a_text_file_named_jpg_is_refused(self, editor_client):
        upload = SimpleUploadedFile("anh.jpg", b"GIF89a but not really", content_type="image/jpeg")
        response = editor_client.post(self.url, {"upload": upload})
        assert response.status_code == 400
        assert "không phải là ảnh" in response.json()["error"]["message"]

    def test_an_image_over_the_pixel_limit_is_refused(self, editor_client):
        upload = SimpleUploadedFile(
            "lon.png", png_bytes(size=(8000, 6000)), content_type="image/png"
        )
        response = editor_client.post(self.url, {"upload": upload})
        assert response.status_code == 400
        assert "megapixel" in response.json()["error"]["message"]

    def test_anonymous_visitors_cannot_upload(self, client):
        upload = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
        response = client.post(self.url, {"upload": upload})
        assert response.status_code in (302, 403)

    def test_a_missing_file_gets_a_clear_message(self, editor_client):
        response = editor_client.post(self.url, {})
        assert response.status_code == 400


# In Vietnamese, in words ---------------------------------------------------------

# Django's own Vietnamese lacks these, or words them unlike a newsroom.
FOREIGN_OR_ODD = [
    "Show counts",
    "Hide counts",
    "Model name",
    "Add link",
    "Change or view list link",
    "Skip to main content",
    "Breadcrumbs",
    "Toggle theme",
    "Bản ghi nhớ",
    "Thêm vào",
]


def admin_pages(article):
    change = reverse("admin:news_article_change", args=[article.pk])
    return [
        reverse("admin:index"),
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_add"),
        change,
        reverse("admin:news_article_history", args=[article.pk]),
        reverse("admin:news_category_changelist"),
    ]


def test_admin_pages_have_no_english_and_no_odd_words(approver_client, article):
    for url in admin_pages(article):
        html = approver_client.get(url).content.decode()
        for words in FOREIGN_OR_ODD:
            assert words not in html, (url, words)
    changelist = approver_client.get(reverse("admin:news_article_changelist"))
    html = changelist.content.decode()
    assert "Hiện số lượng" in html
    assert "Thêm bài viết" in html
    index = approver_client.get(reverse("admin:index")).content.decode()
    assert '<th scope="col">Tên mục</th>' in index
    change = approver_client.get(admin_pages(article)[3]).content.decode()
    assert ">Lịch sử chỉnh sửa</a>" in change


def po_entries(path):
    """Yield (msgid, msgstr) of a .po file written one string per line, as ours is."""
    msgid = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            msgid = line[7:-1]
        elif line.startswith("msgstr ") and msgid:
            yield msgid.replace('\\"', '"'), line[8:-1].replace('\\"', '"')
            msgid = None


def test_the_compiled_translations_match_their_source():
    from django.conf import settings
    from django.utils import translation

    po = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    assert po.with_suffix(".mo").exists(), "run msgfmt: the .mo is what Django reads"
    entries = list(po_entries(po))
    assert len(entries) > 20
    with translation.override("vi"):
        for msgid, msgstr in entries:
            assert translation.gettext(msgid) == msgstr, msgid


def test_history_shows_labels_and_local_time_not_stored_values(
    approver_client, approver, make_article
):
    from news import services

    article = make_article(status=Article.Status.PENDING, featured=False)
    article.published_at = dt.datetime(2026, 12, 6, 17, 48, 32, 157417, tzinfo=dt.UTC)
    article.featured = True
    services.save_article(article=article, user=approver)
    services.publish_article(article=article, user=approver, at=article.published_at)
    html = approver_client.get(
        reverse("admin:news_article_history", args=[article.pk])
    ).content.decode()
    assert "Chờ duyệt → Đã xuất bản" in html
    assert "pending" not in html and "published →" not in html
    # 17:48 UTC on the 6th is 00:48 on the 7th in Vietnam, written day first.
    assert "07/12/2026 00:48" in html
    assert "+00:00" not in html and "2026-12-06" not in html
    assert "Không → Có" in html


# The article list at 1366 px ------------------------------------------------------


def test_changelist_shows_few_columns_and_the_status_as_a_labelled_badge(
    approver_client, make_article
):
    make_article(status=Article.Status.PENDING, title="Bài chờ")
    response = approver_client.get(reverse("admin:news_article_changelist"))
    html = response.content.decode()
    assert len(response.context["cl"].list_display) <= 6  # the checkbox and five columns
    assert '<span class="status-label status-pending">Chờ duyệt</span>' in html
    assert "css/admin.css" in html


def test_changelist_filters_by_status_category_creator_and_date(
    approver_client, editor, approver, make_article, category
):
    from news import services

    mine = Article(title="Bài của biên tập viên", category=category, byline="A")
    services.save_article(article=mine, user=editor)
    other = Category.objects.create(name="Thông báo")
    make_article(title="Bài nhập từ hệ thống cũ", category=other)
    html = approver_client.get(reverse("admin:news_article_changelist")).content.decode()
    for heading in ("Theo trạng thái", "Theo chuyên mục", "Theo người tạo bài", "Theo ngày đăng"):
        assert heading in html
    listed = approver_client.get(reverse("admin:news_article_changelist"), {"nguoi_tao": editor.pk})
    assert [a.title for a in listed.context["cl"].result_list] == ["Bài của biên tập viên"]
    for odd in ("²", "x", ""):
        url = reverse("admin:news_article_changelist")
        assert approver_client.get(url, {"nguoi_tao": odd}).status_code in (200, 302)


# Images in the body need a text alternative --------------------------------------


def test_the_body_editor_has_the_text_alternative_button():
    from django.conf import settings

    image = settings.CKEDITOR_5_CONFIGS["default"]["image"]["toolbar"]
    assert "imageTextAlternative" in image


def test_the_article_form_loads_the_script_that_asks_for_alt_text(approver_client):
    html = approver_client.get(reverse("admin:news_article_add")).content.decode()
    assert "js/admin-editor.js" in html


def test_publishing_warns_about_body_images_without_alt_text(
    approver_client, make_article, category
):
    pending = make_article(
        status=Article.Status.PENDING,
        body='<figure class="image"><img src="/media/editor/a.png"></figure>'
        '<p><img src="/media/editor/b.png" alt=""></p>'
        '<figure class="image"><img src="/media/editor/c.png" alt="Cầu Bạc Liêu"></figure>',
    )
    data = article_form(category, title=pending.title, slug=pending.slug, body=pending.body)
    response = approver_client.post(
        reverse("admin:news_article_change", args=[pending.pk]), data, follow=True
    )
    notes = [str(m) for m in response.context["messages"]]
    assert any("2 ảnh trong nội dung chưa có mô tả" in note for note in notes), notes
    pending.refresh_from_db()
    assert pending.status == Article.Status.PUBLISHED


def test_publishing_with_every_image_described_gives_no_alt_warning(
    approver_client, make_article, category
):
    body = '<figure class="image"><img src="/media/editor/c.png" alt="Cầu Bạc Liêu"></figure>'
    pending = make_article(status=Article.Status.PENDING, body=body)
    data = article_form(category, title=pending.title, slug=pending.slug, body=body)
    response = approver_client.post(
        reverse("admin:news_article_change", args=[pending.pk]), data, follow=True
    )
    assert not any("chưa có mô tả" in str(m) for m in response.context["messages"])
