import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from news.models import Album, Article
from portal import sitemaps as portal_sitemaps
from tests.conftest import VN

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def locations(root, tag="url"):
    return [element.findtext("sm:loc", namespaces=NS) for element in root.findall(f"sm:{tag}", NS)]


def test_sitemap_is_an_index_of_its_sections(client, article):
    root = xml(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locations(root, "sitemap") == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-categories.xml",
        "http://testserver/sitemap-archive.xml",
        "http://testserver/sitemap-albums.xml",
        "http://testserver/sitemap-documents.xml",
    ]


def test_article_section_lists_public_articles_with_lastmod(client, make_article, article):
    make_article(title="Nháp", status=Article.Status.DRAFT)
    make_article(title="Hẹn giờ", published_at=timezone.now() + dt.timedelta(hours=1))
    root = xml(client, "/sitemap-articles.xml")
    assert locations(root) == ["http://testserver" + article.get_absolute_url()]
    lastmod = root.find("sm:url/sm:lastmod", NS).text
    assert lastmod == timezone.localdate(article.updated_at).isoformat()


def test_category_section_lists_every_category(client, article):
    root = xml(client, "/sitemap-categories.xml")
    assert locations(root) == ["http://testserver" + article.category.get_absolute_url()]
    assert root.find("sm:url/sm:lastmod", NS) is not None


def test_article_section_is_split_into_pages_under_the_limit(client, make_article, monkeypatch):
    assert portal_sitemaps.ArticleSitemap.limit <= 50_000
    monkeypatch.setattr(portal_sitemaps.ArticleSitemap, "limit", 2)
    now = timezone.now()
    for i in range(5):
        make_article(title=f"Tin {i}", published_at=now - dt.timedelta(hours=i + 1))
    index = locations(xml(client, "/sitemap.xml"), "sitemap")
    assert index[1:4] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    assert len(locations(xml(client, "/sitemap-articles.xml?p=3"))) == 1
    for page in ["4", "0", "abc"]:
        assert client.get("/sitemap-articles.xml", {"p": page}).status_code == 404
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_sitemap_index_query_count_is_fixed(
    known_portals, client, make_article, django_assert_num_queries
):
    for i in range(12):
        make_article(title=f"Tin {i}")
    # Version bookkeeping (3: the next change of articles and of documents), articles'
    # lastmod, articles' count, categories' count, archive months, albums' count,
    # documents' lastmod and count.
    with django_assert_num_queries(10):
        xml(client, "/sitemap.xml")


def test_pages_section_lists_the_home_page_dated_by_its_newest_article_and_the_albums(
    client, make_article
):
    make_article(title="Cũ", published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
    make_article(title="Mới", published_at=dt.datetime(2026, 11, 20, 23, 30, tzinfo=VN))
    Article.objects.update(updated_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))

    root = xml(client, "/sitemap-pages.xml")
    entries = {
        element.findtext("sm:loc", namespaces=NS): element.findtext("sm:lastmod", namespaces=NS)
        for element in root.findall("sm:url", NS)
    }

    # Published (in Vietnam, the 20th) after its last edit: the home page changed then.
    assert entries == {"http://testserver/": "2026-11-20", "http://testserver/hinh-anh/": None}


def test_article_lastmod_is_its_appearance_when_edited_before_it(client, make_article):
    """A scheduled article, edited before its time, changed for readers when it appeared."""
    article = make_article(published_at=dt.datetime(2026, 11, 20, 9, 0, tzinfo=VN))
    Article.objects.update(updated_at=dt.datetime(2026, 11, 19, 9, 0, tzinfo=VN))

    root = xml(client, "/sitemap-articles.xml")

    assert locations(root) == ["http://testserver" + article.get_absolute_url()]
    assert root.findtext("sm:url/sm:lastmod", namespaces=NS) == "2026-11-20"


def test_albums_section_lists_public_albums(client, db):
    shown = Album.objects.create(title="Lễ hội", date=dt.date(2024, 9, 1))
    Album.objects.create(title="Ẩn", date=dt.date(2024, 9, 2), published=False)

    root = xml(client, "/sitemap-albums.xml")

    assert locations(root) == ["http://testserver" + shown.get_absolute_url()]


def test_archive_section_lists_local_months(client, make_article):
    make_article(title="Đầu tháng 5", published_at=dt.datetime(2018, 5, 1, 0, 30, tzinfo=VN))
    make_article(title="Tháng 4", published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
    make_article(title="Cũng tháng 4", published_at=dt.datetime(2018, 4, 2, 9, 30, tzinfo=VN))
    assert "http://testserver/sitemap-archive.xml" in locations(
        xml(client, "/sitemap.xml"), "sitemap"
    )
    assert locations(xml(client, "/sitemap-archive.xml")) == [
        "http://testserver/luu-tru/2018/05/",
        "http://testserver/luu-tru/2018/04/",
    ]


def test_sitemap_is_refreshed_when_an_article_is_unpublished(client, article):
    assert len(locations(xml(client, "/sitemap-articles.xml"))) == 1
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert locations(xml(client, "/sitemap-articles.xml")) == []


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_admin_and_search(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Disallow: /{settings.ADMIN_URL_PATH}" in lines
    assert "Disallow: /tim-kiem/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_favicon_is_linked_and_served(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"
