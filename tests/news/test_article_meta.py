import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import change_portal

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    assert match, name
    return match.group(1)


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")


def structured_data(html):
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_page_has_canonical_open_graph_twitter_and_json_ld(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    url = "http://testserver" + article.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:title") == article.title
    assert meta(html, "property", "og:description") == article.lead
    assert meta(html, "property", "article:published_time") == "2018-04-18T09:30:00+07:00"
    assert meta(html, "name", "twitter:card") == "summary"
    data = structured_data(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["datePublished"] == "2018-04-18T09:30:00+07:00"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", data["dateModified"])
    assert meta(html, "property", "article:modified_time") == data["dateModified"]
    assert data["author"] == {"@type": "Person", "name": "Kim Ngân"}
    assert data["publisher"]["name"] == "Cổng thông tin điện tử thành phố Bạc Liêu"
    assert data["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"


def test_featured_image_is_shared_by_its_absolute_url(client, make_article):
    article = make_article(title="Có ảnh", image=png(), image_alt="Quang cảnh hội nghị")
    html = client.get(article.get_absolute_url()).content.decode()
    image_url = "http://testserver" + article.image.url
    assert meta(html, "property", "og:image") == image_url
    assert meta(html, "property", "og:image:alt") == "Quang cảnh hội nghị"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:image") == image_url
    assert structured_data(html)["image"] == [image_url]


def test_json_ld_survives_script_breaking_text(client, make_article):
    title = 'Kế hoạch </script><script>alert("x")</script> & <!-- năm 2018'
    article = make_article(title=title, lead="Tóm tắt “đặc biệt” \u2028 xuống dòng", byline="")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    data = structured_data(html)
    assert data["headline"] == title
    assert data["description"] == article.lead
    assert data["author"]["@type"] == "Organization"
    assert meta(html, "property", "og:title") == (
        "Kế hoạch &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
        "&amp; &lt;!-- năm 2018"
    )


def test_long_titles_are_cut_for_the_headline(client, make_article):
    article = make_article(title="Tiêu đề " * 30)
    data = structured_data(client.get(article.get_absolute_url()).content.decode())
    assert len(data["headline"]) == 110


def test_each_host_gets_its_own_canonical_url_from_the_kept_head(client, article, settings):
    from portals.models import HostName

    settings.ALLOWED_HOSTS = ["testserver", "portal.example.vn"]
    # Another name of the same portal.
    HostName.objects.create(name="portal.example.vn", portal_id=1)
    path = article.get_absolute_url()
    client.get(path)
    html = client.get(path, HTTP_HOST="portal.example.vn").content.decode()
    assert meta(html, "property", "og:url") == f"http://portal.example.vn{path}"
    html = client.get(path).content.decode()
    assert meta(html, "property", "og:url") == f"http://testserver{path}"


def test_kept_head_follows_an_edited_title(client, article):
    client.get(article.get_absolute_url())
    article.title = "Tiêu đề đã sửa"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert meta(html, "property", "og:title") == "Tiêu đề đã sửa"


def test_an_article_without_a_picture_shares_the_portals_card(client, article, settings):
    """The default logo is an SVG, which no sharing site shows: a PNG of it is shared."""
    from portals.models import Portal

    portal = Portal.objects.get(pk=1)
    assert portal.logo.endswith(".svg")
    html = client.get(article.get_absolute_url()).content.decode()

    card = "http://testserver/static/img/portal-share.png"
    assert meta(html, "property", "og:image") == card
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"
    assert meta(html, "property", "og:image:alt") == portal.name
    assert meta(html, "name", "twitter:image") == card
    assert structured_data(html)["image"] == [card]
    with Image.open(Path(settings.BASE_DIR) / "static" / "img" / "portal-share.png") as picture:
        assert (picture.format, picture.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize(
    ("logo", "shared"),
    [
        ("img/quoc-huy.png", "http://testserver/static/img/quoc-huy.png"),
        ("/media/logo/quoc-huy.jpg", "http://testserver/media/logo/quoc-huy.jpg"),
        ("/media/logo/quoc-huy.svg", "http://testserver/static/img/portal-share.png"),
    ],
)
def test_an_operators_raster_logo_is_shared_for_articles_without_a_picture(
    client, article, settings, logo, shared
):
    change_portal(logo=logo)
    html = client.get(article.get_absolute_url()).content.decode()

    assert meta(html, "property", "og:image") == shared
    assert structured_data(html)["image"] == [shared]


def test_an_articles_own_picture_is_shared_with_its_size(client, make_article):
    article = make_article(title="Có ảnh", image=png(), image_alt="Quang cảnh hội nghị")
    html = client.get(article.get_absolute_url()).content.decode()

    assert meta(html, "property", "og:image:width") == "40"
    assert meta(html, "property", "og:image:height") == "30"
