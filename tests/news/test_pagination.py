import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from news import selectors
from news.models import Article
from news.pagination import DeferredListing, NewestFirstPaginator, listing_outline

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(category):
    """Return 55 public articles of one category, some sharing a publication time."""
    base = timezone.now() - dt.timedelta(days=1)
    Article.objects.bulk_create(
        Article(
            title=f"Bài {n}",
            slug=f"bai-{n}",
            category=category,
            status=Article.Status.PUBLISHED,
            # Pairs of articles share a time: ties are broken by id.
            published_at=base - dt.timedelta(minutes=n // 2),
        )
        for n in range(55)
    )
    Article.objects.create(
        title="Nháp", slug="nhap", category=category, published_at=base, status="draft"
    )
    return selectors.category_listing(category)


def test_every_page_from_anchors_matches_a_plain_offset_page(listing):
    anchored = NewestFirstPaginator(listing, 2, cache_key="test")
    plain = Paginator(listing, 2)
    assert anchored.count == plain.count == 55
    assert len(anchored.outline.anchors) == 28  # the first row of every page
    for number in plain.page_range:
        assert list(anchored.page(number)) == list(plain.page(number)), number


def test_page_of_every_article_is_the_page_that_lists_it(listing, django_assert_num_queries):
    outline = listing_outline(lambda: listing, cache_key="test", page_size=2)
    for number in Paginator(listing, 2).page_range:
        for article in Paginator(listing, 2).page(number):
            with django_assert_num_queries(0):
                assert outline.page_of((article.published_at, article.id)) == number


def test_deep_page_starts_at_its_anchor_without_an_offset(listing, django_assert_num_queries):
    paginator = NewestFirstPaginator(listing, 2, cache_key="test")
    paginator.outline  # noqa: B018  (kept once per content version)
    with django_assert_num_queries(1) as queries:
        list(paginator.page(27))
    assert "OFFSET" not in queries.captured_queries[0]["sql"].upper()


def test_outline_follows_a_newly_published_article(listing, make_article, category):
    NewestFirstPaginator(listing, 2, cache_key="test").page(1)
    make_article(title="Tin mới nhất", category=category)
    paginator = NewestFirstPaginator(selectors.category_listing(category), 2, cache_key="test")
    assert paginator.count == 56
    assert paginator.page(1)[0].title == "Tin mới nhất"


def test_page_links_mark_the_current_page_and_step_to_its_neighbours(client, listing, category):
    html = client.get(category.get_absolute_url(), {"page": 2}).content.decode()
    nav = html.split('class="pagination"')[1].split("</nav>")[0]
    assert '<span aria-current="page">2</span>' in nav
    assert 'href="?page=1" rel="prev"' in nav
    assert 'href="?page=3" rel="next"' in nav
    last = client.get(category.get_absolute_url(), {"page": 3}).content.decode()
    nav = last.split('class="pagination"')[1].split("</nav>")[0]
    assert '<span aria-current="page">3</span>' in nav
    assert 'rel="next"' not in nav


def test_a_deferred_listing_is_built_only_when_its_rows_are_read(listing):
    built = []

    def build():
        built.append(True)
        return selectors.listed_articles(site_id=1)

    deferred = DeferredListing(build, model=Article)
    paginator = NewestFirstPaginator(deferred, 20, cache_key="deferred-test")
    assert deferred.model is Article and deferred.ordered
    assert built == []
    # The outline is computed from the queryset, once.
    assert paginator.count == 55
    assert [a.title for a in paginator.page(3).object_list][:1] == [
        a.title for a in selectors.listed_articles(site_id=1)[40:41]
    ]
    assert len(deferred) == 55 and deferred.count() == 55 and bool(deferred)
    assert built == [True]


def test_a_month_page_kept_needs_no_queryset_built(client, listing, django_assert_num_queries):
    month = timezone.localtime(Article.objects.filter(status="published").first().published_at)
    url = f"/luu-tru/{month:%Y}/{month:%m}/"
    assert client.get(url, {"r": 1}).status_code == 200
    built = []
    original = selectors.listed_articles

    def counted(*args, **kwargs):
        built.append(True)
        return original(*args, **kwargs)

    selectors.listed_articles = counted
    try:
        with django_assert_num_queries(0):
            assert client.get(url, {"r": 2}).status_code == 200
    finally:
        selectors.listed_articles = original
    assert built == []
