"""The matching queries of a search on both databases, and PostgreSQL's month windows.

Both databases match whole words against one stored column,
``Article.search_text``, written by news.search.document.search_document(),
so that a query finds the same articles on SQLite and PostgreSQL:

* the column holds the folded title, lead, plain-text body, and byline and
  source, as four lines of words separated by single spaces:
  ``" cai cach hanh chinh \\n ... \\n ... \\n kim ngan "``;
* SQLite looks for ``" word "`` in it for every word of the query;
* PostgreSQL matches a tsvector of the words in the text-search configuration
  news.search.schema names, which it computes and stores itself in a column
  the model does not declare, served by a GIN index (migrations 0006 and 0007);
* both rank alike: a word in the title counts more than in the lead, which
  counts more than in the body, byline or source (PostgreSQL reads the
  weights of a stored vector of title and lead, SQLite the position of the
  word in the column);
* both stop alike at ``settings.NEWS_SEARCH_MAX_RESULTS`` matches: they read
  the newest that many and no more, so that a query for a common word costs
  about what a rare one does;
* PostgreSQL knows from the vocabulary of the articles
  (news.search.vocabulary) how many articles hold each word and how many
  were published each month: a query with a word no article holds is
  answered at once, and a broad one reads only the last months that should
  hold enough matches;
* when nothing matches, PostgreSQL corrects typos word by word against that
  vocabulary.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import operator
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorExact
from django.db import connection
from django.db.models import Case, F, QuerySet, Value, When
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan, LessThan
from django.utils import timezone

from core.prepared import PreparedQuery, id_kinds, id_values
from news import conf
from news.cache_policy import SEARCH_ARTICLES
from news.models import LISTED_FIELDS, Article
from news.search.schema import (
    HEAD_COLUMN,
    VECTOR_COLUMN,
    Lexemes,
    StoredVector,
    document_matches,
    holds,
    month_lexeme,
    month_start,
    months_since,
)
from news.search.vocabulary import has_vocabulary, held_counts, month_counts
from news.selectors import attach_categories


def max_results() -> int:
    """Return how many matches a search counts exactly, ranks and lists at most."""
    return conf.search_max_results()


# The filters a search can take, and the type of each one's value.
FILTER_KINDS = {"category_id": int, "since": dt.datetime, "until": dt.datetime}


def _weighted(term: str, weight: str) -> str:
    """Return tsquery text matching the term among the words of one weight ('cai':A)."""
    # Terms are letters and digits only; the quoting is there all the same.
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "':" + weight


def _term_values(terms: list[str], *, ranked: bool) -> dict[str, str]:
    """Return the values of the terms' parameters in _matches_query()."""
    if connection.vendor != "postgresql":
        return {f"word{i}": f" {term} " for i, term in enumerate(terms)}
    values = {"query": " ".join(terms)}
    if ranked:
        for i, term in enumerate(terms):
            values[f"title{i}"] = _weighted(term, "A")
            values[f"lead{i}"] = _weighted(term, "B")
    return values


def _rank(values: dict[str, str], size: int):
    if connection.vendor == "postgresql":
        # The stored head carries the weight of each word of the title (A) and
        # lead (B): no article's text is parsed again to rank it.
        weights = [
            Case(
                When(holds(HEAD_COLUMN, values[f"title{i}"]), then=4),
                When(holds(HEAD_COLUMN, values[f"lead{i}"]), then=2),
                default=Value(1),
            )
            for i in range(size)
        ]
    else:
        # The first occurrence decides: before the first line break is the
        # title, before the second the lead, else the body.
        title_end = StrIndex(F("search_text"), Value("\n"))
        lead_end = title_end + StrIndex(Substr(F("search_text"), title_end + 1), Value("\n"))
        weights = []
        for i in range(size):
            position = StrIndex(F("search_text"), Value(values[f"word{i}"]))
            weights.append(
                Case(
                    When(LessThan(position, title_end), then=Value(4)),
                    When(LessThan(position, lead_end), then=Value(2)),
                    default=Value(1),
                )
            )
    return sum(weights[1:], weights[0])


def matching_articles(size: int, *, ranked: bool, limit: int | None = None, **values) -> QuerySet:
    """Return the public articles holding every one of size terms, newest first.

    values are those of _term_values() and of the filters in FILTER_KINDS, and
    now, and on PostgreSQL perhaps months: a tsquery of month lexemes that
    the article's vector must hold one of (see find()). With ranked, each
    article's rank is annotated.
    """

    articles = Article.objects.published(values["now"]).of_portal(values["site_id"])
    if "category_id" in values:
        articles = articles.filter(category_id=values["category_id"])
    if "since" in values:
        articles = articles.filter(published_at__gte=values["since"])
    if "until" in values:
        articles = articles.filter(published_at__lt=values["until"])
    if connection.vendor == "postgresql":
        articles = articles.filter(document_matches(values["query"]))
        if "months" in values:
            # A condition of its own: the GIN index intersects it with the
            # words' in one scan, faster than one tsquery of both.
            articles = articles.filter(
                SearchVectorExact(StoredVector(VECTOR_COLUMN), Lexemes(values["months"]))
            )
    else:
        for i in range(size):
            articles = articles.filter(
                GreaterThan(StrIndex("search_text", Value(values[f"word{i}"])), 0)
            )
    if not ranked:
        return articles.newest_first().values_list("pk")[:limit]
    articles = articles.annotate(rank=_rank(values, size)).newest_first()
    # The rank as a last sort key, which never decides (ids are unique), has
    # PostgreSQL compute it before sorting: the rows sorted are then three
    # numbers wide instead of carrying each article's weighted words (a
    # thousand matches: 3.2 ms, then 2.5).
    return articles.order_by(*articles.query.order_by, "rank").values_list("pk", "rank")[:limit]


@functools.lru_cache(maxsize=256)
def _matches_query(
    size: int, *, ranked: bool, limit: int, filters: tuple[str, ...], windowed: bool, vendor: str
) -> PreparedQuery:
    """Prepare the query of matching_articles() for size terms and these filters.

    Compiling a search's queryset costs more than running it; its SQL depends
    only on the number of terms, the filters present and the database.
    """
    kinds = {name: str for name in _term_values(["term"] * size, ranked=ranked)}
    kinds |= {name: FILTER_KINDS[name] for name in filters}
    if windowed:
        kinds["months"] = str
    return PreparedQuery(
        lambda **values: matching_articles(size, ranked=ranked, limit=limit, **values),
        now=dt.datetime,
        site_id=int,
        **kinds,
    )


@dataclass(frozen=True)
class Matches:
    """What a search found: article ids in the order listed, and whether more matched."""

    ids: list[int]
    # More than max_results() articles matched: ids holds the newest that many.
    capped: bool


# A query whose rarest word is in at least this share of the articles finds
# its newest matches soonest by walking the articles newest first.
WINDOW_BELOW_SHARE = 0.25
# How many more articles than the estimate a window of months takes, so that
# a query whose words go together less often than the estimate says still
# finds enough matches at the first try. A miss costs only the older months
# read next, while every extra article of a window is read for nothing: the
# margin is small (docs/performance.md).
WINDOW_MARGIN = 1.25


@dataclass(frozen=True)
class Window:
    """The last months a search looks at: their lexemes, newest first, and their articles."""

    months: list[str]
    articles: int

    @classmethod
    def holding(cls, articles: float, now: dt.datetime, *, site_id: int) -> Window | None:
        """Return the fewest last months that hold that many articles, None if only all do."""
        current, held = month_lexeme(now), 0
        months = [
            (month, count) for month, count in month_counts(site_id=site_id) if month <= current
        ]
        for month, count in months[:-1]:
            held += count
            if held >= articles:
                return cls(months_since(month, now), held)
        return None


def find(
    terms: list[str],
    *,
    site_id: int,
    category=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by_date: bool = False,
) -> Matches:
    """Return the portal's public articles holding every term, best match first (or newest first).

    The rank is the same on both databases: each term adds 4 if it is in the
    title, else 2 if it is in the lead, else 1; ties go to the newest. Only the
    newest max_results() matches are read and ranked: a broad query then costs
    about what a narrow one does, and below that many matches the order is the
    full one. One query reads them (id and rank), newest first.

    On PostgreSQL the vocabulary says first how many articles hold each term:
    none, and nothing can match. Then a query without filters whose rarest
    word is rare enough (WINDOW_BELOW_SHARE) reads only the last months that
    should hold enough matches, WINDOW_MARGIN more than the rarest word's share
    says, since the words of a query tend to go together; with fewer matches
    there, it reads the older months that the share found says hold the rest,
    then all older ones, each time only the months not read yet. The newest
    max_results() + 1 matches of a window are the newest of all, since every
    article after the window's first month is in it.
    """
    cap = max_results()
    values = _values(
        terms, site_id=site_id, category=category, start=start, end=end, by_date=by_date
    )
    filters = tuple(name for name in FILTER_KINDS if name in values)
    window = None
    if has_vocabulary():
        held = held_counts(terms, site_id=site_id)
        if not all(held):
            return Matches(ids=[], capped=False)
        articles = sum(n for _, n in month_counts(site_id=site_id))
        rarest = min(held, default=articles)
        if not rarest:
            return Matches(ids=[], capped=False)
        if not filters and rarest < WINDOW_BELOW_SHARE * articles:
            window = Window.holding(
                (cap + 1) * WINDOW_MARGIN * articles / rarest, values["now"], site_id=site_id
            )

    def matches(*, months: list[str] | None = None, before: str | None = None) -> list:
        """Return the newest matches in these months, or else before this month, or else in all."""
        query = _matches_query(
            len(terms),
            ranked=not by_date,
            limit=cap + 1,
            filters=filters + (("until",) if before else ()),
            windowed=months is not None,
            vendor=connection.vendor,
        )
        if months is not None:
            return query.rows(**values, months=" | ".join(f"'{month}'" for month in months))
        if before is not None:
            return query.rows(**values, until=month_start(before))
        return query.rows(**values)

    rows = matches() if window is None else matches(months=window.months)
    while window is not None and len(rows) <= cap:
        # The share of matches found in the window says how many articles hold
        # enough. The wider window's older months are read, not the ones read
        # already: every match found is newer than any of theirs.
        needed = (cap + 1) * WINDOW_MARGIN * window.articles / max(len(rows), 1)
        wider = Window.holding(needed, values["now"], site_id=site_id)
        if wider is not None and wider.articles > window.articles:
            rows += matches(months=wider.months[len(window.months) :])
        else:
            rows += matches(before=window.months[-1])
            wider = None
        window = wider
    listed = rows[:cap]
    if not by_date:
        # A stable sort, in reverse too: equal ranks stay newest first.
        listed.sort(key=operator.itemgetter(1), reverse=True)
    return Matches(ids=[row[0] for row in listed], capped=len(rows) > cap)


def _values(terms: list[str], *, site_id: int, category, start, end, by_date: bool) -> dict:
    """Return the values of the parameters of matching_articles() for a search."""
    values: dict = {
        "now": timezone.now(),
        "site_id": site_id,
        **_term_values(terms, ranked=not by_date),
    }
    if category is not None:
        values["category_id"] = category.pk
    # Bounds at local midnight keep the published_at index usable.
    if start is not None:
        values["since"] = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    if end is not None:
        next_day = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
        values["until"] = timezone.make_aware(next_day)
    return values


def search_queryset(
    terms: list[str],
    *,
    site_id: int,
    category=None,
    start=None,
    end=None,
    by_date: bool = False,
) -> QuerySet:
    """Return the queryset find() runs over every month, as the ORM builds it: to read its plan."""
    values = _values(
        terms, site_id=site_id, category=category, start=start, end=end, by_date=by_date
    )
    return matching_articles(len(terms), ranked=not by_date, limit=max_results() + 1, **values)


def search_articles(terms: list[str], *, site_id: int, **options) -> list:
    """Return the articles find() lists, in its order (every one: for tests and scripts)."""
    return articles_in_order(find(terms, site_id=site_id, **options).ids, site_id=site_id)


@functools.lru_cache(maxsize=8)
def _articles_query(size: int) -> PreparedQuery:

    kinds = id_kinds(size)
    return PreparedQuery(
        lambda **ids: Article.objects.only(*LISTED_FIELDS, "body").filter(pk__in=ids.values()),
        **kinds,
    )


def articles_in_order(ids: list[int], *, site_id: int) -> list:
    """Return the articles with these ids, with their categories, in the order of ids.

    This process keeps the articles it loaded until the content changes: the
    same articles come up in many searches. Each caller gets copies of its own.
    """

    if not ids:
        return []

    def read(missing: list[int]) -> dict:
        # One compiled query per page size: a short list repeats its last id.
        size = max(conf.page_size(), len(missing))
        return {a.pk: a for a in _articles_query(size).run(**id_values(missing, size))}

    found = SEARCH_ARTICLES.get_many(ids, read)
    return attach_categories([copy.copy(found[pk]) for pk in ids if pk in found], site_id=site_id)
