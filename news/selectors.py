"""Reads of editorial content that build more than a one-line queryset."""

from django.db import connection
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from news.models import Article, Category
from news.pagination import listing_outline, position_of


def public_articles():
    """Return published articles with their category, newest first."""
    return Article.objects.published().select_related("category").newest_first()


def featured_article():
    """Return the newest published article marked featured, else the newest one."""
    articles = public_articles()
    return articles.filter(featured=True).first() or articles.first()


def latest_by_category(*, per_category: int) -> list[tuple[Category, list[Article]]]:
    """Return each category with its newest public articles, in one query for the articles.

    Where the database allows a LIMIT in each part of a UNION (PostgreSQL), each
    category's articles come from a short index scan; a window over every public
    article (the fallback, fine for SQLite-sized sites) reads the whole table.
    """
    categories = list(Category.objects.all())
    if not categories:
        return []
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [
            Article.objects.published().filter(category=category).newest_first()[:per_category]
            for category in categories
        ]
        articles = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    else:
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
