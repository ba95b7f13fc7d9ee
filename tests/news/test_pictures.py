"""Article pictures in lists and on the home page: narrower copies, WebP, no layout shift."""

import importlib
import io
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.models import Article

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str, name: str) -> list[dict]:
    parser = Tags()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


def jpeg(width=702, height=450) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")


def candidates(srcset: str) -> dict[int, str]:
    """Return {width: url} of a srcset attribute."""
    pairs = (candidate.strip().rsplit(" ", 1) for candidate in srcset.split(","))
    return {int(descriptor.removesuffix("w")): url for url, descriptor in pairs}


def stored_image(url: str) -> Image.Image:
    """Open the file a media URL names, as the web server would send it."""
    assert url.startswith(settings.MEDIA_URL)
    with default_storage.open(url.removeprefix(settings.MEDIA_URL)) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def test_a_list_picture_offers_its_narrower_copies_and_webp(client, make_article):
    article = make_article(title="Có ảnh", image=jpeg(), image_alt="Hội nghị")

    html = client.get(article.category.get_absolute_url()).content.decode()

    [img] = [attrs for attrs in tags(html, "img") if attrs.get("class") == "article-thumb"]
    [webp] = [attrs for attrs in tags(html, "source") if attrs.get("type") == "image/webp"]
    own, webps = candidates(img["srcset"]), candidates(webp["srcset"])
    # Enough for a 160 px box on any screen; the whole picture is not offered.
    assert list(own) == [160, 320, 640]
    assert list(webps) == [160, 320, 640]
    assert img["src"] == own[160]
    assert img["sizes"] == webp["sizes"] == "160px"
    assert (img["width"], img["height"]) == ("160", "100")
    assert img["loading"] == "lazy"
    assert img["alt"] == "Hội nghị"
    for width, url in own.items():
        picture = stored_image(url)
        assert (picture.format, picture.width) == ("JPEG", width)
    for width, url in webps.items():
        picture = stored_image(url)
        assert (picture.format, picture.width) == ("WEBP", width)


def test_the_home_pages_featured_picture_loads_first_and_list_pictures_lazily(client, make_article):
    make_article(title="Nổi bật", featured=True, image=jpeg(1600, 900), image_alt="Toàn cảnh")
    make_article(title="Tin thường", image=jpeg(), image_alt="Tin thường")

    images = tags(client.get("/").content.decode(), "img")

    [featured] = [attrs for attrs in images if attrs.get("class") == "featured-image"]
    assert featured["fetchpriority"] == "high"
    assert "loading" not in featured
    assert (featured["width"], featured["height"]) == ("800", "450")
    assert list(candidates(featured["srcset"])) == [160, 320, 640, 960, 1600]
    assert featured["src"] == candidates(featured["srcset"])[960]
    thumbs = [attrs for attrs in images if attrs.get("class") == "article-thumb"]
    assert thumbs
    assert {attrs["loading"] for attrs in thumbs} == {"lazy"}
    assert not any("fetchpriority" in attrs for attrs in thumbs)


def test_the_article_page_keeps_the_pictures_place_before_it_loads(client, make_article):
    article = make_article(title="Có ảnh", image=jpeg(), image_alt="Hội nghị")

    html = client.get(article.get_absolute_url()).content.decode()

    [img] = [attrs for attrs in tags(html, "img") if attrs.get("alt") == "Hội nghị"]
    assert (img["width"], img["height"]) == ("702", "450")
    assert "loading" not in img
    assert list(candidates(img["srcset"])) == [160, 320, 640, 702]
    # Narrower than the column: what reads no srcset gets the whole picture.
    assert img["src"] == article.image.url


def test_a_picture_set_by_its_stored_name_gets_its_copies_on_save(make_article):
    """The demo names pictures it stored itself; they get copies as uploads do."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "green").save(buffer, "PNG")
    name = default_storage.save("articles/2018/04/demo.png", ContentFile(buffer.getvalue()))

    article = make_article(title="Ảnh mẫu", image=name, image_alt="Ảnh mẫu")

    made = Article.objects.get(pk=article.pk).image_renditions
    assert made == {
        "name": name,
        "width": 400,
        "height": 300,
        "widths": [160, 320],
        "webp": [160, 320, 400],
    }
    assert default_storage.exists("articles/2018/04/demo-320.png")
    assert default_storage.exists("articles/2018/04/demo.webp")


def test_a_picture_without_copies_is_shown_alone(client, make_article):
    """Rows written in bulk skip save(): their picture is offered as it is."""
    article = make_article(title="Có ảnh", image=jpeg(), image_alt="Hội nghị")
    Article.objects.filter(pk=article.pk).update(image_renditions={})

    html = client.get(article.category.get_absolute_url()).content.decode()

    [img] = [attrs for attrs in tags(html, "img") if attrs.get("class") == "article-thumb"]
    assert img["src"] == article.image.url
    assert "srcset" not in img
    assert not tags(html, "source")


def test_the_migration_gives_existing_pictures_their_copies(make_article):
    article = make_article(title="Có ảnh", image=jpeg(), image_alt="Hội nghị")
    before = Article.objects.filter(pk=article.pk).values_list("updated_at", flat=True).get()
    Article.objects.filter(pk=article.pk).update(image_renditions={})
    migration = importlib.import_module("news.migrations.0011_article_image_renditions")

    migration.make_renditions(apps, None)

    after = Article.objects.get(pk=article.pk)
    assert after.image_renditions["widths"] == [160, 320, 640]
    assert after.updated_at == before
