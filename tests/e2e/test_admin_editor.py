import io

from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from news.models import Article

PASSWORD = "mat-khau-bien-tap-2018"


def log_in(page: Page, site: str, django_user_model):
    django_user_model.objects.create_superuser("bientap", "bt@example.vn", PASSWORD)
    page.goto(site + reverse("admin:login"))
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def test_editor_loads_and_saves_bold_text_and_an_image(
    page: Page, site, django_user_model, category, tmp_path
):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    log_in(page, site, django_user_model)
    page.goto(site + reverse("admin:news_article_add"))

    editable = page.locator(".ck-editor__editable")
    expect(editable).to_be_visible()
    page.fill("#id_title", "Bài viết soạn bằng trình soạn thảo")
    page.select_option("#id_category", str(category.pk))
    page.fill("#id_byline", "Kim Ngân")
    editable.click()
    page.keyboard.type("Mở đầu ")
    page.keyboard.press("Control+B")
    page.keyboard.type("chữ đậm")
    page.keyboard.press("Control+B")

    image_path = tmp_path / "anh-minh-hoa.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (168, 21, 27)).save(buffer, format="PNG")
    image_path.write_bytes(buffer.getvalue())
    page.locator(".ck-editor input[type=file]").first.set_input_files(str(image_path))
    expect(editable.locator("img[src^='/media/editor/']")).to_have_count(1, timeout=10_000)

    page.get_by_role("button", name="Xuất bản", exact=True).click()
    expect(page.locator(".messagelist .success").first).to_be_visible()

    article = Article.objects.get()
    assert "<strong>chữ đậm</strong>" in article.body
    assert '<img src="/media/editor/' in article.body
    assert not [e for e in errors if "license" in e.lower()], errors
