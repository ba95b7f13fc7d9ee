"""Demo articles tell search engines when they really changed, not when the demo was loaded."""

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import Article
from tests.documents.conftest import ensure_roles as ensure_document_kinds

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_demo_articles_were_last_edited_when_published(client, settings):
    settings.DEBUG = False
    # A flushing (live-server) test before this one emptied the document kinds the
    # migration made, which the demo's documents are filed under.
    ensure_document_kinds()
    call_command("load_demo", "--articles", "30", stdout=io.StringIO())

    rows = list(Article.objects.values_list("published_at", "updated_at"))
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)  # noqa: S314 (our own)
    lastmods = [element.text for element in root.findall("sm:url/sm:lastmod", NS)]

    assert len(rows) > 100
    assert all(updated == published for published, updated in rows)
    # The city's sitemap (site 1) lists the city's articles; the wards have their own.
    assert len(lastmods) == Article.objects.published().filter(site_id=1).count()
    # Years of articles, not one day of loading.
    assert len(set(lastmods)) > 50
    assert lastmods.count(timezone.localdate().isoformat()) < 5


def test_an_edit_is_dated_by_the_edit(article):
    """Only the demo dates its articles; a real save stamps the moment of the edit."""
    Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)

    article.title = "Tiêu đề đã sửa"
    article.save()

    assert timezone.now() - article.updated_at < dt.timedelta(minutes=1)
