"""The editor's day in a real browser: every page is opened again after it is saved.

An editor writes an article with a picture and an attachment, reopens and
edits it, sends it for review; an approver publishes it, then takes it down.
Visitors see it, its picture and its attachment, then no longer. Any answer of
the server from 500 up fails the test, whichever step it comes from.
"""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from news.models import Album, Article
from tests.news.conftest import APPROVERS, EDITORS, ensure_roles

PASSWORD = "mat-khau-mot-ngay-lam-viec"
TITLE = "Thành phố phát động phong trào chống rác thải nhựa"
NEW_LEAD = "Hơn 500 đoàn viên ra quân dọn kênh Nhiêu Lộc sáng Chủ nhật."


class ServerErrors:
    """Record every response of 500 and up that a browser context receives."""

    def __init__(self, context: BrowserContext):
        self.seen: list[str] = []
        context.on("response", self._record)

    def _record(self, response):
        if response.status >= 500:
            self.seen.append(f"{response.status} {response.request.method} {response.url}")

    def assert_none(self, step: str):
        assert not self.seen, f"{step}: {self.seen}"


@pytest.fixture
def accounts(transactional_db, django_user_model, settings):
    """Create an editor and an approver in their groups, with passwords to log in with."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_roles()
    for username, group in (("bientap", EDITORS), ("nguoiduyet", APPROVERS)):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))


@pytest.fixture
def visitor(new_context):
    """Return a page of a visitor's own browser, with no staff session and an empty cache."""
    return new_context().new_page()


def log_in(page: Page, site: str, username: str):
    page.context.clear_cookies()
    page.goto(site + reverse("admin:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def picture_file(tmp_path, fmt: str, name: str, size=(1200, 675)) -> str:
    """Write a real image in the format, with a camera tag the portal must not keep."""
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge(
        "RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), gradient)
    )
    options = {}
    if fmt == "GIF":
        image = image.convert("P")
    if fmt in ("JPEG", "WEBP"):
        exif = Image.Exif()
        exif[0x010F] = "Máy ảnh bí mật"
        options["exif"] = exif.tobytes()
    path = tmp_path / name
    image.save(path, fmt, **options)
    return str(path)


def pdf_file(tmp_path, name: str) -> str:
    """Write a small but well-formed one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return str(path)


def open_change_page(page: Page, site: str, article: Article):
    response = page.goto(site + reverse("admin:news_article_change", args=[article.pk]))
    assert response.status == 200
    expect(page.locator("#id_title")).to_have_value(article.title)


def save(page: Page, button: str, errors: ServerErrors, step: str):
    """Press a button of the form by its name ("_continue") or its words ("Gửi duyệt")."""
    if button.startswith("_"):
        target = page.locator(f"input[name='{button}']")
    else:
        target = page.get_by_role("button", name=button, exact=True)
    with page.expect_navigation():
        target.click()
    errors.assert_none(step)
    expect(page.locator(".messagelist .success").first).to_be_visible()
    expect(page.locator(".errornote")).to_have_count(0)


def test_editor_writes_and_approver_publishes_then_takes_down_an_article(
    page: Page, visitor: Page, new_context, site, accounts, category, tmp_path
):
    errors = ServerErrors(page.context)
    visitor_errors = ServerErrors(visitor.context)

    # The editor writes a draft with a picture and an attachment.
    log_in(page, site, "bientap")
    page.goto(site + reverse("admin:news_article_add"))
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_lead").fill("Sáng nay, đoàn viên thanh niên ra quân.")
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.keyboard.type("Phong trào kéo dài đến hết năm.")
    page.locator("#id_byline").fill("Kim Ngân")
    page.locator("#id_image").set_input_files(picture_file(tmp_path, "JPEG", "anh-bia.jpg"))
    page.locator("#id_image_alt").fill("Đoàn viên dọn rác bên bờ kênh")
    page.locator("#id_attachments-0-file").set_input_files(
        pdf_file(tmp_path, "Kế hoạch số 50-KH-UBND.pdf")
    )
    page.locator("#id_attachments-0-title").fill("Kế hoạch số 50/KH-UBND")
    save(page, "Lưu nháp", errors, "saving the draft")

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.DRAFT
    assert re.fullmatch(r"articles/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", article.image.name)
    attachment = article.attachments.get()

    # Reopened, the page shows the picture and the attachment, linked through the download view.
    open_change_page(page, site, article)
    expect(page.locator(f"a[href='{attachment.get_absolute_url()}']")).to_have_text(
        "Kế hoạch số 50-KH-UBND.pdf"
    )
    expect(page.locator(f"a[href='{article.image.url}']")).to_have_count(1)
    errors.assert_none("reopening the draft")

    # The editor edits it and sends it for review.
    page.locator("#id_lead").fill(NEW_LEAD)
    expect(page.get_by_role("button", name="Xuất bản")).to_have_count(0)
    save(page, "Gửi duyệt", errors, "sending for review")
    article.refresh_from_db()
    assert (article.status, article.lead) == (Article.Status.PENDING, NEW_LEAD)
    open_change_page(page, site, article)
    expect(page.get_by_role("button", name="Gửi duyệt")).to_have_count(0)
    expect(page.locator("#id_lead")).to_have_value(NEW_LEAD)
    errors.assert_none("sending for review")

    # Not public yet.
    assert visitor.goto(site + article.get_absolute_url()).status == 404
    assert visitor.request.get(site + attachment.get_absolute_url()).status == 404

    # The approver reopens it from the list and publishes it.
    log_in(page, site, "nguoiduyet")
    page.goto(site + reverse("admin:news_article_changelist"))
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    save(page, "Xuất bản", errors, "publishing")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    open_change_page(page, site, article)
    expect(page.locator(f"a[href='{attachment.get_absolute_url()}']")).to_be_visible()
    errors.assert_none("publishing")

    # A visitor reads it, sees its picture and downloads its attachment.
    response = visitor.goto(site + article.get_absolute_url())
    assert response.status == 200
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator(".lead")).to_have_text(NEW_LEAD)
    picture = visitor.locator(".article-image img")
    expect(picture).to_have_attribute("alt", "Đoàn viên dọn rác bên bờ kênh")
    expect(picture).to_have_js_property("complete", True)
    # The column is 800 px wide: the browser takes a copy at least that wide (960 px or whole).
    assert picture.evaluate("img => img.naturalWidth") >= 800
    image = visitor.request.get(site + picture.get_attribute("src"))
    assert image.status == 200
    assert image.headers["content-type"] == "image/jpeg"
    assert b"Exif" not in image.body()
    link = visitor.get_by_role("link", name="Kế hoạch số 50/KH-UBND")
    with visitor.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "Kế hoạch số 50-KH-UBND.pdf"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(8) == b"%PDF-1.4"
    visitor_errors.assert_none("reading the article")

    # The approver takes it down ("Gỡ bài"); it disappears for visitors.
    open_change_page(page, site, article)
    save(page, "Gỡ bài", errors, "taking it down")
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    open_change_page(page, site, article)
    errors.assert_none("taking it down")

    # A browser may keep a page it has read for its max-age: ask as a visitor who has not.
    newcomer = new_context().new_page()
    newcomer_errors = ServerErrors(newcomer.context)
    assert newcomer.goto(site + article.get_absolute_url()).status == 404
    assert newcomer.request.get(site + attachment.get_absolute_url()).status == 404
    newcomer.goto(site + "/")
    expect(newcomer.get_by_text(TITLE)).to_have_count(0)
    newcomer_errors.assert_none("after the takedown")


def test_an_album_takes_a_png_a_gif_a_jpeg_and_a_webp_at_once(
    page: Page, visitor: Page, site, django_user_model, settings, tmp_path
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_superuser("quantri", "qt@example.vn", PASSWORD)
    errors = ServerErrors(page.context)
    log_in(page, site, "quantri")

    page.goto(site + reverse("admin:news_album_add"))
    page.locator("#id_title").fill("Lễ hội Dạ cổ Hoài lang")
    page.locator("#id_date").fill("2024-09-01")
    page.locator("#id_published").check()
    files = [
        picture_file(tmp_path, fmt, f"anh-{number}.{extension}", size=(900, 600))
        for number, (fmt, extension) in enumerate(
            [("PNG", "png"), ("GIF", "gif"), ("JPEG", "jpg"), ("WEBP", "webp")], start=1
        )
    ]
    page.locator("#id_new_photos").set_input_files(files)
    page.locator("#id_new_photos_alt").fill("Sân khấu lễ hội")
    save(page, "_continue", errors, "uploading the photos")

    album = Album.objects.get()
    assert album.photos.count() == 4
    # Reopened, the album lists its four photos.
    response = page.goto(site + reverse("admin:news_album_change", args=[album.pk]))
    assert response.status == 200
    expect(page.locator(".field-preview img")).to_have_count(4)
    errors.assert_none("reopening the album")

    visitor_errors = ServerErrors(visitor.context)
    assert visitor.goto(site + album.get_absolute_url()).status == 200
    photos = visitor.locator(".photo-gallery img")
    expect(photos).to_have_count(4)
    for index in range(4):
        photo = photos.nth(index)
        photo.scroll_into_view_if_needed()
        expect(photo).to_have_js_property("complete", True)
        assert photo.evaluate("img => img.naturalWidth") > 0
        answer = visitor.request.get(site + photo.get_attribute("src"))
        assert answer.status == 200
        assert answer.headers["content-type"] in {"image/png", "image/jpeg", "image/webp"}
    visitor_errors.assert_none("viewing the album")
