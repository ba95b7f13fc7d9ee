"""Agency links and the photo gallery: models, admin, validation, pages and sidebar blocks."""

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Album, Link, Photo
from news.services import add_photos
from news.uploads.images import open_validated_image

pytestmark = pytest.mark.django_db


def jpeg(width=800, height=400, *, orientation=None, name="anh.jpg") -> SimpleUploadedFile:
    """Return an uploaded JPEG of a gradient, with an EXIF orientation and a camera tag if asked."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh bí mật"  # Make
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png_of_zeros(width: int, height: int, name="bom.png") -> SimpleUploadedFile:
    """Return a real 1-bit PNG of the size, all black: tiny on disk, huge once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    content = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, content, content_type="image/png")


def picture(fmt: str, width=800, height=400, *, name=None) -> SimpleUploadedFile:
    """Return an uploaded image of a coloured gradient in a format the album form accepts."""
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge(
        "RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), gradient)
    )
    if fmt == "GIF":
        image = image.convert("P")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return SimpleUploadedFile(name or f"anh.{extension}", buffer.getvalue(), f"image/{fmt.lower()}")


@pytest.fixture
def album(db):
    return Album.objects.create(title="Lễ hội Dạ cổ Hoài lang", date=dt.date(2024, 9, 1))


# --- validation -------------------------------------------------------------


def test_decompression_bomb_is_refused_with_a_clear_message():
    bomb = png_of_zeros(20_000, 20_000)
    assert bomb.size < 100_000  # 400 megapixels in a few dozen kilobytes
    with pytest.raises(ValidationError) as error:
        open_validated_image(bomb)
    assert error.value.code == "bomb"
    assert "bom giải nén" in error.value.messages[0]


def test_image_over_forty_megapixels_is_refused():
    with pytest.raises(ValidationError) as error:
        open_validated_image(png_of_zeros(8_000, 6_000))
    assert error.value.code == "too_many_pixels"
    assert "40 megapixel" in error.value.messages[0]


def test_text_file_renamed_jpg_is_refused():
    fake = SimpleUploadedFile("anh.jpg", b"Day khong phai la anh\n" * 50, "image/jpeg")
    with pytest.raises(ValidationError) as error:
        open_validated_image(fake)
    assert error.value.code == "not_image"


def test_valid_png_of_zeros_is_a_real_image():
    assert open_validated_image(png_of_zeros(64, 32)).size == (64, 32)


# --- storing photos -----------------------------------------------------------


def test_stored_photo_is_upright_without_metadata_with_narrower_copies(album):
    # Orientation 6: the camera was turned; the upright photo is 400 wide, 800 high.
    [photo] = add_photos(album=album, uploads=[jpeg(800, 400, orientation=6)], alt_text="Sân khấu")
    assert (photo.width, photo.height) == (400, 800)
    with default_storage.open(photo.image.name) as stored:
        image = Image.open(stored)
        assert image.size == (400, 800)
        assert not image.getexif()
    assert photo.rendition_widths() == [320]
    with default_storage.open(photo.rendition_name(320)) as copy:
        copy_image = Image.open(copy)
        assert copy_image.size == (320, 640)
        assert not copy_image.getexif()
    assert photo.srcset() == (
        f"{default_storage.url(photo.rendition_name(320))} 320w, {photo.image.url} 400w"
    )


def test_large_photo_gets_every_width_and_a_bounded_original(album):
    [photo] = add_photos(album=album, uploads=[jpeg(3000, 1500)], alt_text="Toàn cảnh")
    assert photo.width == 2560
    assert photo.rendition_widths() == [320, 640, 1280]
    for width in (320, 640, 1280):
        with default_storage.open(photo.rendition_name(width)) as copy:
            assert Image.open(copy).width == width
    assert photo.rendition_url(500) == default_storage.url(photo.rendition_name(640))
    assert photo.rendition_url(2000) == photo.image.url


def test_photos_are_appended_after_the_last_one(album):
    first = add_photos(album=album, uploads=[jpeg()], alt_text="Một")
    more = add_photos(album=album, uploads=[jpeg(), jpeg()], alt_text="Hai", caption="Chú thích")
    assert [p.order for p in first + more] == [0, 1, 2]
    assert more[0].caption == "Chú thích"
    assert more[0].date == album.date


def test_a_bad_upload_stores_no_photo_and_leaves_no_file(album, media_root):
    fake = SimpleUploadedFile("x.jpg", b"khong phai anh", "image/jpeg")
    with pytest.raises(ValidationError):
        add_photos(album=album, uploads=[jpeg(), fake], alt_text="Ảnh")
    assert not album.photos.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_deleting_a_photo_removes_its_files(album, media_root, django_capture_on_commit_callbacks):
    [photo] = add_photos(album=album, uploads=[jpeg(1400, 700)], alt_text="Ảnh")
    assert len([p for p in media_root.rglob("*") if p.is_file()]) == 4
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


# --- pages and sidebar --------------------------------------------------------


def test_gallery_lists_public_albums_with_cover_and_count(client, album):
    add_photos(album=album, uploads=[jpeg(), jpeg()], alt_text="Đờn ca tài tử")
    Album.objects.create(title="Album ẩn", published=False)
    response = client.get(reverse("news:gallery"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{album.get_absolute_url()}">{album.title}</a>' in html
    assert "2 ảnh" in html
    assert 'alt="Đờn ca tài tử"' in html and "srcset=" in html
    assert "Album ẩn" not in html


def test_album_page_shows_photos_with_srcset_and_captions(client, album):
    photos = add_photos(
        album=album, uploads=[jpeg(1400, 700)], alt_text="Nghệ sĩ biểu diễn", caption="Đêm khai mạc"
    )
    assert album.get_absolute_url() == "/hinh-anh/le-hoi-da-co-hoai-lang/"
    html = client.get(album.get_absolute_url()).content.decode()
    assert f'srcset="{photos[0].srcset()}"' in html
    assert "320w" in html and "640w" in html and "1280w" in html
    assert "<figcaption>Đêm khai mạc</figcaption>" in html
    assert 'alt="Nghệ sĩ biểu diễn"' in html


def test_hidden_or_unknown_album_gives_404(client, album):
    album.published = False
    album.save()
    assert client.get(album.get_absolute_url()).status_code == 404
    assert client.get("/hinh-anh/khong-co/").status_code == 404


def test_sidebar_shows_the_latest_photos_of_public_albums(client, album):
    old = add_photos(album=album, uploads=[jpeg()], alt_text="Ảnh cũ", date=dt.date(2020, 1, 1))
    new = add_photos(album=album, uploads=[jpeg()], alt_text="Ảnh mới", date=dt.date(2024, 9, 2))
    hidden = Album.objects.create(title="Ẩn", published=False)
    add_photos(album=hidden, uploads=[jpeg()], alt_text="Ảnh ẩn", date=dt.date(2025, 1, 1))
    html = client.get("/").content.decode()
    block = html.split('id="photos-title"')[1].split("</section>")[0]
    assert block.index('alt="Ảnh mới"') < block.index('alt="Ảnh cũ"')
    assert "Ảnh ẩn" not in block
    assert f'src="{new[0].rendition_url(320)}"' in block
    assert old[0].album.get_absolute_url() in block


def test_gallery_pages_make_a_fixed_number_of_queries(
    known_portals, client, album, django_assert_num_queries
):
    add_photos(album=album, uploads=[jpeg()], alt_text="Ảnh")
    for index in range(5):
        other = Album.objects.create(title=f"Album {index}")
        add_photos(album=other, uploads=[jpeg(), jpeg()], alt_text="Ảnh")
    # menu, count, albums, covers; sidebar: visit numbers, most read, links,
    # photos, and once per content version the archive blocks (next scheduled
    # change: articles to publish and to expire, and the documents' next
    # change, documents.selectors.next_change; newest article, calendar: 3).
    with django_assert_num_queries(15):
        client.get(reverse("news:gallery"))
    # album, its photos; the menu and the sidebar come from the cache.
    with django_assert_num_queries(2):
        client.get(album.get_absolute_url())


def test_sidebar_links_show_active_links_in_order_with_and_without_javascript(client, db):
    Link.objects.create(
        title="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn", order=2
    )
    Link.objects.create(title="Cổng thông tin Chính phủ", url="https://chinhphu.vn", order=1)
    Link.objects.create(title="Trang cũ", url="https://cu.example.vn", active=False)
    html = client.get("/").content.decode()
    block = html.split('id="links-title"')[1].split("</section>")[0]
    assert '<form class="links-form" data-links-form hidden>' in block
    assert '<option value="https://chinhphu.vn">Cổng thông tin Chính phủ</option>' in block
    assert block.index("chinhphu.vn") < block.index("dichvucong.gov.vn")
    assert '<a href="https://dichvucong.gov.vn" target="_blank" rel="noopener">' in block
    assert "Trang cũ" not in block


def test_link_must_be_a_web_address(db):
    link = Link(title="Xấu", url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        link.full_clean()


# --- admin --------------------------------------------------------------------


def test_admin_adds_and_reorders_links(admin_client):
    response = admin_client.post(
        reverse("admin:news_link_add"),
        {"title": "Tỉnh Bạc Liêu", "url": "https://baclieu.gov.vn", "order": 3, "active": "on"},
    )
    assert response.status_code == 302
    link = Link.objects.get()
    assert (link.title, link.url, link.order, link.active) == (
        "Tỉnh Bạc Liêu",
        "https://baclieu.gov.vn",
        3,
        True,
    )
    response = admin_client.post(
        reverse("admin:news_link_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": link.pk,
            "form-0-order": 7,
            "_save": "Lưu",
        },
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.order, link.active) == (7, False)


def test_admin_refuses_a_link_that_is_not_a_web_address(admin_client):
    response = admin_client.post(
        reverse("admin:news_link_add"), {"title": "Xấu", "url": "ftp://x.vn", "order": 0}
    )
    assert response.status_code == 200
    assert not Link.objects.exists()


def _album_form(**fields):
    data = {
        "title": "Hội nghị tổng kết",
        "slug": "",
        "date": "2018-04-18",
        "description": "",
        "order": 0,
        "published": "on",
        "new_photos_alt": "Quang cảnh hội nghị",
        "new_photos_caption": "",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }
    data.update(fields)
    return data


def test_admin_creates_an_album_with_several_photos_at_once(admin_client):
    page = admin_client.get(reverse("admin:news_album_add")).content.decode()
    assert 'type="file" name="new_photos"' in page and "multiple" in page
    response = admin_client.post(
        reverse("admin:news_album_add"),
        _album_form(new_photos=[jpeg(name="a.jpg"), jpeg(name="b.jpg"), jpeg(name="c.jpg")]),
    )
    assert response.status_code == 302
    album = Album.objects.get()
    assert album.slug == "hoi-nghi-tong-ket"
    photos = list(album.photos.all())
    assert [p.order for p in photos] == [0, 1, 2]
    assert {p.alt_text for p in photos} == {"Quang cảnh hội nghị"}
    assert all(default_storage.exists(p.rendition_name(640)) for p in photos)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_admin_stores_one_photo_of_each_accepted_format(admin_client, fmt):
    response = admin_client.post(
        reverse("admin:news_album_add"), _album_form(new_photos=[picture(fmt, 1000, 500)])
    )
    assert response.status_code == 302
    [photo] = Album.objects.get().photos.all()
    # A GIF keeps its first frame only, as a PNG.
    stored_format = {"GIF": "PNG"}.get(fmt, fmt)
    with default_storage.open(photo.image.name) as stored:
        assert Image.open(stored).format == stored_format
    assert (photo.width, photo.height) == (1000, 500)
    assert all(default_storage.exists(photo.rendition_name(w)) for w in photo.rendition_widths())


def test_admin_stores_photos_of_all_four_formats_at_once(admin_client):
    uploads = [picture(fmt, name=f"anh-{fmt}") for fmt in ("PNG", "GIF", "JPEG", "WEBP")]
    response = admin_client.post(reverse("admin:news_album_add"), _album_form(new_photos=uploads))
    assert response.status_code == 302
    album = Album.objects.get()
    photos = list(album.photos.all())
    assert len(photos) == 4
    page = admin_client.get(album.get_absolute_url()).content.decode()
    assert all(f'<img src="{photo.image.url}"' in page for photo in photos)


def test_admin_edits_photos_of_an_album_and_adds_more(admin_client, album):
    [photo] = add_photos(album=album, uploads=[jpeg()], alt_text="Cũ")
    listing = admin_client.get(reverse("admin:news_album_changelist")).content.decode()
    assert album.title in listing
    page = admin_client.get(reverse("admin:news_album_change", args=[album.pk])).content.decode()
    assert f'<img src="{photo.rendition_url(320)}" alt="Cũ" width="160">' in page
    data = _album_form(
        title=album.title,
        slug=album.slug,
        new_photos=[jpeg(name="moi.jpg")],
        new_photos_alt="Mới",
        **{
            "photos-TOTAL_FORMS": 1,
            "photos-INITIAL_FORMS": 1,
            "photos-0-id": photo.pk,
            "photos-0-album": album.pk,
            "photos-0-caption": "Chú thích mới",
            "photos-0-alt_text": "Mô tả mới",
            "photos-0-date": "2024-09-01",
            "photos-0-order": 5,
        },
    )
    response = admin_client.post(reverse("admin:news_album_change", args=[album.pk]), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.order) == ("Chú thích mới", "Mô tả mới", 5)
    assert [p.alt_text for p in album.photos.all()] == ["Mô tả mới", "Mới"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: png_of_zeros(20_000, 20_000, name="bom.png"), "bom giải nén"),
        (lambda: SimpleUploadedFile("gia.jpg", b"van ban " * 100, "image/jpeg"), "không phải"),
    ],
)
def test_admin_refuses_bad_uploads_with_the_file_name_and_reason(admin_client, upload, message):
    response = admin_client.post(
        reverse("admin:news_album_add"), _album_form(new_photos=[jpeg(), upload()])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert ("bom.png:" in html) or ("gia.jpg:" in html)
    assert not Album.objects.exists()
    assert not Photo.objects.exists()


def test_admin_asks_for_a_description_of_new_photos(admin_client):
    response = admin_client.post(
        reverse("admin:news_album_add"), _album_form(new_photos=[jpeg()], new_photos_alt="  ")
    )
    assert response.status_code == 200
    assert "Hãy mô tả các ảnh mới." in response.content.decode()


def test_demo_links_and_albums_load_once(media_root):
    from demo import gallery

    out = io.StringIO()
    gallery.load(stdout=out)
    gallery.load(stdout=out)
    assert Link.objects.count() == 10
    assert Link.objects.filter(url="https://chinhphu.vn").exists()
    assert Album.objects.count() == 3
    assert Photo.objects.count() == 8
    assert all(default_storage.exists(p.rendition_name(1280)) for p in Photo.objects.all())
