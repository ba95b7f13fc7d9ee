import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from demo.articles import EARLY_TIMES
from demo.texts import REFERENCE
from news.models import Article, Category
from news.sanitize import sanitize_html
from news.search.document import search_document
from news.text import vietnamese_slugify
from tests.documents.conftest import ensure_roles as ensure_document_kinds
from tests.news.conftest import ensure_roles
from tests.planner import has_planner_statistics

pytestmark = pytest.mark.django_db

REFERENCE_DAY = dt.date(2018, 4, 18)


def load_demo(*args) -> str:
    # A flushing (live-server) test before this one emptied the document kinds the
    # migration made, which the demo's documents are filed under.
    ensure_document_kinds()
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(settings):
    settings.DEBUG = False
    return load_demo()


def snapshot():
    return {
        article.slug: (
            article.title,
            article.body,
            article.published_at,
            article.image.name,
            article.updated_at,
        )
        for article in Article.objects.all()
    }


def test_demo_has_six_categories_and_eighty_public_articles(demo):
    names = set(Category.objects.values_list("name", flat=True))
    assert len(names) >= 6
    assert "Tin tức về cải cách Thủ tục hành chính" in names
    public = Article.objects.published()
    assert public.count() >= 80
    before = sum(a.published_at.date() < REFERENCE_DAY for a in public)
    assert 0 < before < public.count() / 2
    assert public.filter(featured=True).exists()
    assert all(category.articles.exists() for category in Category.objects.all())


def test_demo_articles_have_rich_multi_paragraph_bodies(demo):
    # The city's articles (site 1); the wards' (demo.wards) are two short paragraphs.
    articles = list(Article.objects.filter(site_id=1))
    assert all(a.body.count("<p>") >= 3 and a.lead and a.byline for a in articles)
    bodies = " ".join(a.body for a in articles)
    for tag in ("<table>", "<a href=", "<ul>", "<ol>"):
        assert tag in bodies, tag
    assert any(a.source for a in articles)
    assert len({a.title for a in articles}) == len(articles)


def test_demo_has_articles_at_every_early_morning_and_late_local_time(demo):
    local_times = {
        (local.hour, local.minute)
        for local in map(timezone.localtime, Article.objects.values_list("published_at", flat=True))
    }
    assert set(EARLY_TIMES) <= local_times


def test_reference_article_page_has_the_source_date_line_and_full_lists(client, demo):
    article = Article.objects.get(slug=REFERENCE["slug"])
    assert article.slug == vietnamese_slugify(article.title)
    assert article.category.name == "Tin tức về cải cách Thủ tục hành chính"
    assert article.byline == "Kim Ngân"
    assert "50/KH-UBND" in article.lead
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "Thứ Tư, 18/04/2018, 09:30" in html
    assert article.title in html
    assert len(response.context["newer"]) == 5
    assert len(response.context["older"]) == 10
    assert "Xem tiếp" in html


def test_running_twice_changes_nothing(demo):
    articles, categories = snapshot(), list(Category.objects.values_list("slug", "name", "order"))
    load_demo()
    assert snapshot() == articles
    assert list(Category.objects.values_list("slug", "name", "order")) == categories


def test_articles_option_adds_exactly_that_many_public_articles(demo):
    before = Article.objects.published().count()
    load_demo("--articles", "300")
    assert Article.objects.published().count() == before + 300
    load_demo("--articles", "300")  # a second run adds, its slugs never clash
    assert Article.objects.published().count() == before + 600


def test_generated_articles_are_found_by_search_like_saved_ones(demo):
    load_demo("--articles", "20")
    generated = Article.objects.order_by("-id").first()
    assert generated.search_text == search_document(
        title=generated.title,
        lead=generated.lead,
        body=generated.body,
        byline=generated.byline,
        source=generated.source,
    )
    assert generated.search_text


def test_generated_articles_are_safe_spread_and_in_every_category(demo):
    demo_ids = set(Article.objects.values_list("id", flat=True))
    output = load_demo("--articles", "120")
    assert "120/120" in output
    generated = Article.objects.exclude(id__in=demo_ids)
    assert generated.count() == 120
    assert all(sanitize_html(a.body) == a.body for a in generated)
    # --articles files into the city's categories (site 1), every one of them.
    assert set(generated.values_list("category", flat=True)) == set(
        Category.objects.filter(site_id=1).values_list("id", flat=True)
    )
    oldest = generated.order_by("published_at").first().published_at
    assert timezone.now() - oldest > dt.timedelta(days=365 * 5)


def test_demo_images_are_real_jpeg_files_with_alt_text(demo):
    with_image = Article.objects.exclude(image="")
    assert with_image.count() >= 5
    for article in with_image:
        assert article.image_alt
        with Image.open(article.image.path) as image:
            assert image.format == "JPEG"
            assert image.size == (800, 450)


def test_images_are_not_drawn_again_on_a_second_run(demo):
    paths = [Path(a.image.path) for a in Article.objects.exclude(image="")]
    modified = [path.stat().st_mtime_ns for path in paths]
    load_demo()
    assert [Path(a.image.path) for a in Article.objects.exclude(image="")] == paths
    assert [path.stat().st_mtime_ns for path in paths] == modified


def test_no_account_is_created_unless_asked_for(demo, settings):
    assert not get_user_model().objects.exists()
    assert "bientap" not in demo
    settings.DEBUG = True
    assert "bientap" not in load_demo()
    assert not get_user_model().objects.exists()


def test_with_accounts_creates_an_editor_and_an_approver_with_debug_off(client, settings):
    ensure_roles()
    settings.DEBUG = False
    output = load_demo("--with-accounts", "--base-url", "http://127.0.0.1:8080")
    password = re.search(r"bientap / mật khẩu: (\S+)", output).group(1)
    assert f"http://127.0.0.1:8080{reverse('admin:index')}" in output
    editor = get_user_model().objects.get(username="bientap")
    approver = get_user_model().objects.get(username="duyetbai")
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("news.change_article")
    assert not editor.has_perm("news.publish_article")
    assert approver.has_perm("news.publish_article")
    assert client.login(username="bientap", password=password)
    assert client.get(reverse("admin:news_article_changelist")).status_code == 200

    again = load_demo("--with-accounts")
    assert "mật khẩu giữ nguyên" in again
    editor.refresh_from_db()
    assert editor.check_password(password)


def test_negative_article_count_is_refused(demo):
    with pytest.raises(CommandError, match="không âm"):
        load_demo("--articles", "-1")


def test_a_bulk_load_leaves_the_planner_statistics_of_the_articles(settings):
    settings.DEBUG = False
    load_demo("--articles", "40")
    assert has_planner_statistics(Article._meta.db_table)
    assert has_planner_statistics(Category._meta.db_table)


@pytest.mark.postgresql
def test_postgresql_knows_how_many_articles_a_bulk_load_added(settings):
    settings.DEBUG = False
    load_demo("--articles", "300")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", ["news_article"])
        estimate = cursor.fetchone()[0]
    assert estimate >= 300


def read_counts():
    from counters.models import ArticleDay, ArticleTotal

    return (
        sorted(ArticleDay.objects.values_list("article_id", "day", "shard", "views")),
        sorted(ArticleTotal.objects.values_list("article_id", "shard", "views")),
    )


def test_most_read_has_recent_readers_on_a_fresh_start_whatever_the_date(settings):
    import time_machine

    from counters.selectors import most_read, most_read_with_totals

    settings.DEBUG = False
    for moment in (timezone.now(), timezone.now() + dt.timedelta(days=400)):
        with time_machine.travel(moment):
            load_demo()
            read = most_read_with_totals(site_id=1, days=7, limit=5)
            assert len(read) == 5
            assert all(article.recent_views > 0 for article in read)
            assert all(article.total_views >= article.recent_views for article in read)
            # Today's readers count too: the list does not wait for a day to end.
            assert most_read(site_id=1, days=1, limit=5).count() == 5


def test_demo_readers_are_loaded_once(demo):
    counts = read_counts()
    assert counts[0]
    load_demo()
    assert read_counts() == counts


def test_demo_readers_never_lower_real_counts(demo):
    from counters.models import ArticleDay

    row = ArticleDay.objects.filter(day=timezone.localdate()).order_by("article_id").first()
    ArticleDay.objects.filter(pk=row.pk).update(views=row.views + 1000)
    load_demo()
    assert ArticleDay.objects.get(pk=row.pk).views == row.views + 1000


def test_album_pictures_are_drawings_whose_alt_text_says_what_they_show(demo):
    import hashlib

    from demo.gallery import ALBUMS
    from news.models import Photo

    photos = list(Photo.objects.select_related("album"))
    assert len(photos) == sum(len(album[2]) for album in ALBUMS)
    # Drawings are not photographs: the text says so rather than describe a real scene.
    assert all(photo.alt_text.startswith("Hình minh họa: ") for photo in photos)
    assert len({photo.alt_text for photo in photos}) == len(photos)
    digests = {hashlib.sha256(photo.image.read()).hexdigest() for photo in photos}
    assert len(digests) == len(photos)


def test_a_database_loaded_before_gets_the_drawings_in_place_of_the_old_pictures(demo):
    from demo.gallery import FORMER_ALT_TEXTS
    from news.models import Photo

    photo = Photo.objects.order_by("pk").first()
    Photo.objects.filter(album=photo.album).update(alt_text=sorted(FORMER_ALT_TEXTS)[0])
    load_demo()
    texts = list(Photo.objects.filter(album=photo.album).values_list("alt_text", flat=True))
    assert texts and all(text.startswith("Hình minh họa: ") for text in texts)
    assert Photo.objects.count() == len(FORMER_ALT_TEXTS)
