"""Reads of editorial content that build more than a one-line queryset."""

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from news.models import Article, Category


def public_articles():
    """Return published articles with their category, newest first."""
    return Article.objects.published().select_related("category").newest_first()


def featured_article():
    """Return the newest published article marked featured, else the newest one."""
    articles = public_articles()
    return articles.filter(featured=True).first() or articles.first()


def latest_by_category(*, per_category: int) -> list[tuple[Category, list[Article]]]:
    """Return each category with its newest public articles, in one query for the articles."""
    ranked = public_articles().annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("category_id")],
            order_by=[F("published_at").desc(), F("id").desc()],
        )
    )
    by_category: dict[int, list[Article]] = {}
    for article in ranked.filter(rank__lte=per_category):
        by_category.setdefault(article.category_id, []).append(article)
    return [
        (category, by_category[category.pk])
        for category in Category.objects.all()
        if category.pk in by_category
    ]


def _in_category_of(article: Article):
    return Article.objects.published().filter(category_id=article.category_id)


def _listed_before(article: Article, *, inclusive: bool = False) -> Q:
    """Return a filter for articles listed above this one (newer, ties broken by id)."""
    same_moment = {"id__gte" if inclusive else "id__gt": article.id}
    return Q(published_at__gt=article.published_at) | Q(
        published_at=article.published_at, **same_moment
    )


def _listed_after(article: Article) -> Q:
    """Return a filter for articles listed below this one (older, ties broken by id)."""
    return Q(published_at__lt=article.published_at) | Q(
        published_at=article.published_at, id__lt=article.id
    )


def newer_in_category(article: Article, *, limit: int) -> list[Article]:
    """Return the nearest newer public articles of the article's category, newest first."""
    nearest = (
        _in_category_of(article).filter(_listed_before(article)).order_by("published_at", "id")
    )
    return list(reversed(nearest[:limit]))


def older_in_category(article: Article, *, limit: int) -> list[Article]:
    """Return the nearest older public articles of the article's category, newest first."""
    return list(_in_category_of(article).filter(_listed_after(article)).newest_first()[:limit])


def listing_page_after(article: Article, *, page_size: int) -> int:
    """Return the category listing page that holds the public article right after this one."""
    position = _in_category_of(article).filter(_listed_before(article, inclusive=True)).count()
    return position // page_size + 1
