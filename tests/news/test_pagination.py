import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from news import selectors
from news.models import Article
from news.pagination import NewestFirstPaginator, listing_outline, position_of

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
    assert len(anchored.outline.anchors) == 3  # rows 0, 20 and 40
    for number in plain.page_range:
        assert list(anchored.page(number)) == list(plain.page(number)), number


def test_position_of_every_article_is_its_offset_in_the_listing(listing):
    outline = listing_outline(listing, cache_key="test", page_size=2)
    for offset, article in enumerate(listing):
        assert position_of(listing, outline, (article.published_at, article.id)) == offset


def test_outline_follows_a_newly_published_article(listing, make_article, category):
    NewestFirstPaginator(listing, 2, cache_key="test").page(1)
    make_article(title="Tin mới nhất", category=category)
    paginator = NewestFirstPaginator(selectors.category_listing(category), 2, cache_key="test")
    assert paginator.count == 56
    assert paginator.page(1)[0].title == "Tin mới nhất"
