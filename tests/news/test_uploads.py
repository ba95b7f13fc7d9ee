"""Every upload is re-made by us: the article picture, the editor's images, no raw route."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from news.models import Article

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
MAKE, MODEL = 0x010F, 0x0110
SCRIPT = b"<script>alert(document.cookie)</script>"
STORED_PICTURE = re.compile(r"articles/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp)")


def photo_with_gps(name="nha-rieng-cua-toi.jpg", size=(2400, 1600)) -> SimpleUploadedFile:
    """Return a JPEG as a phone takes it: camera make and model, and where it was taken."""
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (gradient, gradient.rotate(90, expand=False), gradient))
    exif = Image.Exif()
    exif[MAKE] = "Máy ảnh bí mật"
    exif[MODEL] = "Model X"
    # 10°46′N 106°42′E: a street in Hồ Chí Minh City.
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (10.0, 46.0, 12.5), 3: "E", 4: (106.0, 42.0, 3.25)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png_with_script(name="anh.html.png", size=(640, 360)) -> SimpleUploadedFile:
    """Return a valid PNG with an HTML script appended after its end, a polyglot."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (168, 21, 27)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue() + SCRIPT, content_type="image/png")


def png_header(width: int, height: int, name="bom.png") -> SimpleUploadedFile:
    """Return a PNG that claims a huge size in its header, with a few bytes of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    content = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, content, content_type="image/png")


def article_form(category, **fields):
    data = {
        "title": "Thành phố ra quân dọn dẹp vệ sinh môi trường",
        "slug": "",
        "category": category.pk,
        "lead": "Sáng nay, hơn 500 đoàn viên tham gia.",
        "body": "<p>Nội dung.</p>",
        "byline": "Minh Thư",
        "source": "",
        "image_alt": "Đoàn viên dọn rác bên bờ kênh",
        "status": "draft",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def stored_bytes(name: str) -> bytes:
    with default_storage.open(name) as stored:
        return stored.read()


# --- the article picture -------------------------------------------------------


def test_article_picture_loses_its_gps_position_and_camera(editor_client, category):
    upload = photo_with_gps()
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(GPS_IFD)
    upload.seek(0)
    response = editor_client.post(
        reverse("admin:news_article_add"), article_form(category, image=upload)
    )
    assert response.status_code == 302
    article = Article.objects.get()
    stored = stored_bytes(article.image.name)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert not image.getexif().get_ifd(GPS_IFD)
    assert b"Exif" not in stored and "Máy ảnh bí mật".encode() not in stored
    # Narrowed to the width the article's column needs, and smaller for it.
    assert image.size == (Article.IMAGE_MAX_WIDTH, 1067)
    assert len(stored) < upload.size


def test_article_picture_loses_what_was_appended_to_it(editor_client, category):
    upload = png_with_script()
    response = editor_client.post(
        reverse("admin:news_article_add"), article_form(category, image=upload)
    )
    assert response.status_code == 302
    stored = stored_bytes(Article.objects.get().image.name)
    assert SCRIPT not in stored and b"<script" not in stored
    assert Image.open(io.BytesIO(stored)).size == (640, 360)


def test_article_picture_is_stored_under_a_random_name(editor_client, category):
    response = editor_client.post(
        reverse("admin:news_article_add"),
        article_form(category, image=photo_with_gps(name="ke-hoach-bi-mat-2026.jpg")),
    )
    assert response.status_code == 302
    name = Article.objects.get().image.name
    assert STORED_PICTURE.fullmatch(name), name
    assert "ke-hoach" not in name


def test_a_picture_set_by_code_is_re_made_too(make_article):
    # An import or a shell session skips the admin; the model still re-makes the picture.
    article = make_article(image=png_with_script(name="nhap.png"), image_alt="Ảnh")
    assert STORED_PICTURE.fullmatch(article.image.name)
    assert SCRIPT not in stored_bytes(article.image.name)


def test_a_stored_picture_is_not_re_encoded_on_every_save(make_article):
    article = make_article(image=png_with_script(), image_alt="Ảnh")
    name = article.image.name
    article.title = "Tiêu đề mới"
    article.save()
    article.refresh_from_db()
    assert article.image.name == name


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: png_header(100_000, 100_000), "bom giải nén"),
        (lambda: SimpleUploadedFile("anh.jpg", b"khong phai anh " * 40, "image/jpeg"), "ảnh"),
        (lambda: SimpleUploadedFile("anh.bmp", _bmp(), "image/bmp"), "JPEG, PNG, GIF hoặc WebP"),
    ],
)
def test_a_bad_article_picture_gets_a_clear_message_and_stores_nothing(
    editor_client, category, media_root, upload, message
):
    response = editor_client.post(
        reverse("admin:news_article_add"), article_form(category, image=upload())
    )
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["image"])
    assert not Article.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def _bmp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(buffer, "BMP")
    return buffer.getvalue()


# --- the editor's images -------------------------------------------------------


def test_the_library_upload_route_is_gone_and_stores_nothing(editor_client, media_root):
    response = editor_client.post("/ckeditor5/image_upload/", {"upload": png_with_script()})
    assert response.status_code == 404
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_no_route_leads_to_the_librarys_upload_view():
    def callbacks(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from callbacks(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern.callback

    modules = {callback.__module__ for callback in callbacks(get_resolver().url_patterns)}
    assert not [module for module in modules if module.startswith("django_ckeditor_5")]


def test_the_editor_uploads_through_the_view_that_re_encodes(editor_client):
    page = editor_client.get(reverse("admin:news_article_add")).content.decode()
    assert f'data-upload-url="{reverse("news:editor_image_upload")}"' in page
    assert "/ckeditor5/" not in page


def test_editor_image_is_stored_under_a_random_name_without_gps_or_appended_bytes(
    editor_client, media_root
):
    for upload in (photo_with_gps(name="evil.html.jpg"), png_with_script(name="evil.html.png")):
        response = editor_client.post(reverse("news:editor_image_upload"), {"upload": upload})
        assert response.status_code == 200
        url = response.json()["url"]
        assert re.fullmatch(r"/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png)", url), url
        stored = (media_root / url.removeprefix("/media/")).read_bytes()
        assert SCRIPT not in stored
        assert not Image.open(io.BytesIO(stored)).getexif()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: {"upload": png_header(100_000, 100_000)}, "bom giải nén"),
        (lambda: {}, "Không có tệp nào được gửi lên."),
        (lambda: {"upload": SimpleUploadedFile("a.png", b"", "image/png")}, "Tệp ảnh rỗng."),
    ],
)
def test_editor_upload_of_a_bomb_or_of_nothing_gets_a_clear_400(
    editor_client, media_root, data, message
):
    response = editor_client.post(reverse("news:editor_image_upload"), data())
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert not [path for path in media_root.rglob("*") if path.is_file()]
