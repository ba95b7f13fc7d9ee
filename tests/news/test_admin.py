import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Article

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
        "status": "published",
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
    data = article_form(article.category, title="Tiêu đề đã sửa", slug=article.slug)
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
