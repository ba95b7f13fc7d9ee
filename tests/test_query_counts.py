"""Public pages make a fixed number of SQL queries, whatever the number of articles."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from news.models import Article, Category

# Counted with the portals known, as a serving process keeps them between requests.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_portals")]


def add_articles(category: Category, count: int, *, newest=None) -> list[Article]:
    """Create count public articles in category, an hour apart up to newest (now), newest first."""
    now = newest or timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Bài số {n}",
            slug=f"bai-so-{category.pk}-{n}",
            lead="Tóm tắt.",
            body="<p>Nội dung.</p>",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(hours=n + 1),
            featured=n % 50 == 0,
        )
        for n in range(count)
    )
    return list(Article.objects.filter(category=category).order_by("-published_at"))


@pytest.fixture
def categories(db):
    return [Category.objects.create(name=f"Chuyên mục {n}", order=n) for n in range(4)]


@pytest.fixture(params=[30, 200], ids=["30-articles", "200-articles"])
def site(request, categories):
    """Return the articles of the first category, with articles in every category."""
    for category in categories[1:]:
        add_articles(category, request.param)
    articles = add_articles(categories[0], request.param)
    cache.clear()
    return articles


# Queries on a cold cache, the page's own and its sidebar's. Read once per
# content version, then from the cache: the next scheduled change (three
# queries: an article's publication and expiry, and a document's publication
# or change of validity at midnight), the categories, the listing outline, and
# the sidebar's links, photos, archive months and calendar, and, for a few
# seconds or minutes, the visit numbers and the most read articles.
HOME_QUERIES = 16
CATEGORY_QUERIES = 16
# The newer and older articles are one query on PostgreSQL, two elsewhere.
NEIGHBOUR_QUERIES = 1 if connection.vendor == "postgresql" else 2
# "Xem tiếp" continues after the last older article: no listing outline is read.
ARTICLE_QUERIES = 14 + NEIGHBOUR_QUERIES
# The month's rows; once per content version its outline (count and anchors),
# its days and nearest months (which the calendar shares), and the sidebar.
MONTH_QUERIES = 16
# The article, which says whether it has attachments and how often it was read: no sidebar,
# but the categories and the next scheduled change, read once per content version.
PRINT_QUERIES = 5


def test_home_makes_a_fixed_number_of_queries(client, site, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


def test_warm_home_reads_nothing_until_the_content_changes(client, site, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        client.get("/")
    newest = Article.objects.create(
        title="Bài mới nhất",
        category=site[0].category,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    response = client.get("/")
    assert response.context["latest"][0].pk == newest.pk


def test_category_page_makes_a_fixed_number_of_queries(client, site, django_assert_num_queries):
    url = site[0].category.get_absolute_url()
    with django_assert_num_queries(CATEGORY_QUERIES):
        response = client.get(url)
    assert len(response.context["article_list"]) == min(len(site), 20)


def test_article_page_makes_a_fixed_number_of_queries(client, site, django_assert_num_queries):
    middle = site[len(site) // 2]
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert client.get(middle.get_absolute_url()).status_code == 200


def test_warm_article_page_reads_the_article_and_its_neighbours_only(
    client, site, django_assert_num_queries
):
    client.get(site[0].get_absolute_url())
    # The article with its view count and whether it has attachments; the
    # newer and older articles.
    with django_assert_num_queries(1 + NEIGHBOUR_QUERIES):
        response = client.get(site[len(site) // 2].get_absolute_url())
    assert len(response.context["older"]) == min(10, len(site) - len(site) // 2 - 1)


def test_article_read_again_reads_only_the_article_until_the_content_changes(
    client, site, django_assert_num_queries
):
    middle = site[len(site) // 2]
    client.get(middle.get_absolute_url())
    # Its neighbours are kept per content version; the article and its view count are live.
    with django_assert_num_queries(1):
        client.get(middle.get_absolute_url())
    newer = Article.objects.create(
        title="Bài mới hơn",
        category=middle.category,
        status=Article.Status.PUBLISHED,
        published_at=middle.published_at + dt.timedelta(minutes=1),
    )
    response = client.get(middle.get_absolute_url())
    assert response.context["newer"][-1].pk == newer.pk


def test_print_view_makes_a_fixed_number_of_queries(client, site, django_assert_num_queries):
    with django_assert_num_queries(PRINT_QUERIES):
        assert client.get(site[len(site) // 2].get_print_url()).status_code == 200


def test_deep_category_page_makes_as_many_queries_as_the_first(
    client, categories, django_assert_num_queries
):
    articles = add_articles(categories[0], 450)
    cache.clear()
    with django_assert_num_queries(CATEGORY_QUERIES):
        response = client.get(categories[0].get_absolute_url(), {"page": 21})
    assert [a.pk for a in response.context["article_list"]] == [a.pk for a in articles[400:420]]
    # Warm: the menu, the outline and the sidebar come from the cache; only
    # the page itself is read, and kept until the content changes.
    with django_assert_num_queries(1):
        client.get(categories[0].get_absolute_url(), {"page": 22})
    with django_assert_num_queries(0):
        response = client.get(categories[0].get_absolute_url(), {"page": 22})
    assert [a.pk for a in response.context["article_list"]] == [a.pk for a in articles[420:440]]


def test_month_archive_makes_a_fixed_number_of_queries(client, site, django_assert_num_queries):
    month = timezone.localdate(site[0].published_at)
    with django_assert_num_queries(MONTH_QUERIES):
        response = client.get(f"/luu-tru/{month:%Y/%m}/")
    assert response.context["article_list"][0].pk == site[0].pk


def test_deep_month_archive_page_reads_only_its_rows_once_warm(
    client, categories, django_assert_num_queries
):
    april_end = dt.datetime(2018, 4, 30, 20, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    articles = add_articles(categories[0], 450, newest=april_end)
    cache.clear()
    with django_assert_num_queries(MONTH_QUERIES):
        response = client.get("/luu-tru/2018/04/", {"page": 21})
    assert [a.pk for a in response.context["article_list"]] == [a.pk for a in articles[400:420]]
    assert response.context["paginator"].count == 450
    with django_assert_num_queries(1):
        response = client.get("/luu-tru/2018/04/", {"page": 22})
    assert [a.pk for a in response.context["article_list"]] == [a.pk for a in articles[420:440]]
    with django_assert_num_queries(0):
        client.get("/luu-tru/2018/04/", {"page": 22})
