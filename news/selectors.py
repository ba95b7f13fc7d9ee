"""Reads of editorial content that build more than a one-line queryset."""

from django.core.cache import cache
from django.db import connection
from django.db.models import F, Func, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from news.caching import content_version
from news.models import Article, Category
from news.pagination import listing_outline, position_of

CATEGORIES_TIMEOUT = 3600


def all_categories() -> list[Category]:
    """Return every category in menu order, cached until content changes.

    The menu is on every page; categories change rarely and bump the content version.
    """
    key = f"news:categories:{content_version()}"
    categories = cache.get(key)
    if categories is None:
        categories = list(Category.objects.all())
        cache.set(key, categories, CATEGORIES_TIMEOUT)
    return categories


def category_by_slug(slug: str) -> Category:
    """Return the category with this slug, or raise Http404."""
    for category in all_categories():
        if category.slug == slug:
            return category
    raise Http404("Không có chuyên mục này.")


def public_articles():
    """Return published articles with their category, newest first."""
    return Article.objects.published().select_related("category").newest_first()


def featured_article():
    """Return the newest published article marked featured, else the newest one."""
    articles = public_articles()
    return articles.filter(featured=True).first() or articles.first()


def latest_by_category(*, per_category: int) -> list[tuple[Category, list[Article]]]:
    """Return each category with its newest public articles, in one query whatever the sizes.

    On PostgreSQL each category's newest ids come from a short index scan (an
    array subquery per category, unnested); the portable fallback, a window over every
    public article, reads the whole table and suits SQLite-sized sites.
    """
    categories = all_categories()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery

        newest = Article.objects.published().filter(category=OuterRef("pk")).newest_first()
        newest_ids = Category.objects.annotate(
            article_id=Func(ArraySubquery(newest.values("pk")[:per_category]), function="unnest")
        ).values("article_id")
        articles = Article.objects.published().filter(pk__in=newest_ids)
    else:
        categories = all_categories()
        articles = (
            Article.objects.published()
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("category_id")],
                    order_by=[F("published_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=per_category)
        )
    by_category: dict[int, list[Article]] = {}
    for article in articles:
        by_category.setdefault(article.category_id, []).append(article)
    result = []
    for category in categories:
        if category.pk in by_category:
            listed = sorted(
                by_category[category.pk], key=lambda a: (a.published_at, a.pk), reverse=True
            )
            for article in listed:
                article.category = category
            result.append((category, listed))
    return result


def category_listing(category: Category):
    """Return the public articles of a category, newest first, as its listing shows them."""
    return public_articles().filter(category=category)


def category_outline_key(category_id: int) -> str:
    """Return the cache key part of a category listing's outline (news.pagination)."""
    return f"category:{category_id}"


def newer_in_category(article: Article, *, limit: int) -> list[Article]:
    """Return the nearest newer public articles of the article's category, newest first."""
    nearest = (
        Article.objects.published()
        .filter(category_id=article.category_id, published_at__gte=article.published_at)
        .filter(
            Q(published_at__gt=article.published_at)
            | Q(published_at=article.published_at, id__gt=article.id)
        )
        .order_by("published_at", "id")[:limit]
    )
    return list(reversed(nearest))


def older_in_category(article: Article, *, limit: int) -> list[Article]:
    """Return the nearest older public articles of the article's category, newest first."""
    # The plain bound lets the index scan start at the article instead of the newest row.
    return list(
        Article.objects.published()
        .filter(category_id=article.category_id, published_at__lte=article.published_at)
        .filter(
            Q(published_at__lt=article.published_at)
            | Q(published_at=article.published_at, id__lt=article.id)
        )
        .newest_first()[:limit]
    )


def listing_page_after(article: Article, *, page_size: int) -> int:
    """Return the category listing page that holds the public article right after this one."""
    listing = Article.objects.published().filter(category_id=article.category_id).newest_first()
    outline = listing_outline(
        listing, cache_key=category_outline_key(article.category_id), page_size=page_size
    )
    position = position_of(listing, outline, (article.published_at, article.id))
    return (position + 1) // page_size + 1
