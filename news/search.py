"""Search of published articles that ignores case and diacritics (đ matches d).

Both databases match whole words against one stored column,
``Article.search_text``, written by :func:`search_document`, so that a query
finds the same articles on SQLite and PostgreSQL:

* the column holds the folded title, lead and plain-text body as three lines of
  words separated by single spaces: ``" cai cach hanh chinh \\n ... \\n ... "``;
* SQLite looks for ``" word "`` in it for every word of the query;
* PostgreSQL matches a weighted tsvector of the three lines (title A, lead B,
  body C) in the ``vietnamese_unaccent`` configuration, which it computes and
  stores itself in a column the model does not declare (migration 0006),
  served by a GIN index, and, when no article holds every word, falls back to
  trigram similarity on the folded title to forgive typos;
* both rank alike: a word in the title counts more than in the lead, which
  counts more than in the body (PostgreSQL reads the weights of the stored
  vector, SQLite the position of the word in the column);
* both stop alike at ``settings.NEWS_SEARCH_MAX_RESULTS`` matches: they count
  no further, rank only the newest that many, and list no more, so that a
  query for a common word costs about what a rare one does.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from html.parser import HTMLParser

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    DateTimeField,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Col
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from news.text import fold

CONFIG = "vietnamese_unaccent"
MAX_QUERY_LENGTH = 200
# Longer "words" are data (hashes, codes), not something anyone types; both
# databases drop them alike.
MAX_WORD_LENGTH = 60
SNIPPET_WORDS = 40

_WORD = re.compile(r"[^\W_]+")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "br",
        "hr",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "pre",
    ]
)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html: str) -> str:
    """Return the text of sanitised HTML, blocks separated by spaces, entities decoded."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def words(text: str) -> list[str]:
    """Return the folded words of text, in order: what search matches on."""
    return [word for word in _WORD.findall(fold(text or "")) if len(word) <= MAX_WORD_LENGTH]


def search_document(*, title: str, lead: str = "", body: str = "") -> str:
    """Return the value of Article.search_text for an article's title, lead and HTML body.

    Article.save() uses it, and so must any bulk insert of articles.
    """
    lines = (" ".join(words(part)) for part in (title, lead, plain_text(body)))
    return " " + " \n ".join(lines) + " "


def refill_search_text(article_model, *, batch_size: int = 500) -> int:
    """Rewrite the search text of every row of article_model; return how many rows."""
    batch, count = [], 0
    rows = article_model._default_manager.only("title", "lead", "body").order_by("pk")
    for article in rows.iterator(chunk_size=batch_size):
        article.search_text = search_document(
            title=article.title, lead=article.lead, body=article.body
        )
        batch.append(article)
        if len(batch) == batch_size:
            article_model._default_manager.bulk_update(batch, ["search_text"])
            count += len(batch)
            batch = []
    article_model._default_manager.bulk_update(batch, ["search_text"])
    return count + len(batch)


def query_terms(query: str) -> list[str]:
    """Return the distinct folded words of a query, in the order typed."""
    return list(dict.fromkeys(words(query)))


def _line(number: int) -> Func:
    return Func(
        F("search_text"),
        Value("\n"),
        Value(number),
        function="split_part",
        output_field=TextField(),
    )


class StoredVector(Expression):
    """The weighted document vector PostgreSQL stores beside search_text (migration 0006).

    The model does not declare the column (see the migration for why); this
    resolves to it on the query's own table, whatever alias that table gets.
    """

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def resolve_expression(self, query=None, *args, **kwargs):
        column = self.output_field.clone()
        column.set_attributes_from_name("search_vector")
        return Col(query.get_initial_alias(), column)


def folded_title() -> Func:
    """Return the folded title, first line of the search text, trigram-indexed on PostgreSQL."""
    return _line(1)


def supports_typos() -> bool:
    """Return True if the database can find titles despite typos (PostgreSQL's pg_trgm)."""
    return connection.vendor == "postgresql"


def max_results() -> int:
    """Return how many matches a search counts exactly, ranks and lists at most."""
    return settings.NEWS_SEARCH_MAX_RESULTS


def _filtered(
    *,
    category=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet:
    # Imported here: the models import this module to fill the search text on save.
    from news.selectors import public_articles

    articles = public_articles().defer("search_text")
    if category is not None:
        articles = articles.filter(category=category)
    # Bounds at local midnight keep the published_at index usable.
    if start is not None:
        articles = articles.filter(
            published_at__gte=timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        )
    if end is not None:
        next_day = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
        articles = articles.filter(published_at__lt=timezone.make_aware(next_day))
    return articles


def _tsquery(text: str, *, weight: str = ""):
    from django.contrib.postgres.search import SearchQuery

    if not weight:
        return SearchQuery(text, config=CONFIG, search_type="plain")
    # A quoted lexeme restricted to the words of one weight ('cai':A): terms
    # are letters and digits only, the quoting is there all the same.
    quoted = "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
    return SearchQuery(f"{quoted}:{weight}", config=CONFIG, search_type="raw")


def document_matches(terms: list[str]):
    """Return the GIN-indexed condition that the stored vector holds every term (PostgreSQL)."""
    from django.contrib.postgres.search import SearchVectorExact

    return SearchVectorExact(StoredVector(), _tsquery(" ".join(terms)))


def matching_articles(
    terms: list[str],
    *,
    category=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by_date: bool = False,
) -> QuerySet:
    """Return the public articles holding every term, newest first.

    Takes the options of search_articles; by_date does not change which match.
    """
    articles = _filtered(category=category, start=start, end=end)
    if connection.vendor == "postgresql":
        return articles.filter(document_matches(terms))
    for term in terms:
        articles = articles.filter(search_text__contains=f" {term} ")
    return articles


def search_articles(
    terms: list[str],
    *,
    category=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by_date: bool = False,
    narrow: bool = False,
) -> QuerySet:
    """Return public articles holding every term, best match first (or newest first).

    The rank is the same on both databases: each term adds 4 if it is in the
    title, else 2 if it is in the lead, else 1; ties go to the newest. Only the
    newest max_results() matches are ranked: a broad query then costs no more
    than a narrow one, and below that many matches the order is the full one.

    Pass narrow=True when the query is known to match at most max_results()
    articles (the capped count says so): the database then reads the matches
    through the index instead of walking the articles newest first.
    """
    matches = matching_articles(terms, category=category, start=start, end=end)
    return _ranked_among_newest(
        matches,
        _rank(terms),
        category=category,
        start=start,
        end=end,
        by_date=by_date,
        narrow=narrow,
    )


def _ranked_among_newest(
    matches: QuerySet, rank, *, category, start, end, by_date: bool, narrow: bool
) -> QuerySet:
    """Return matches newest first, or the newest max_results() of them by rank then date."""
    newest_first = ["-published_at", "-id"]
    if narrow and connection.vendor == "postgresql":
        # Sorting on an expression keeps the planner from walking the date
        # index and testing article after article until it has enough: for
        # a rare word that reads the whole table. A few matches are cheaper
        # read whole from the index and sorted.
        shifted = ExpressionWrapper(
            F("published_at") + Value(dt.timedelta(0)), output_field=DateTimeField()
        )
        newest_first = [shifted.desc(), "-id"]
    if by_date:
        return matches.order_by(*newest_first)
    candidates = matches.order_by(*newest_first).values("pk")[: max_results()]
    return (
        _filtered(category=category, start=start, end=end)
        .filter(pk__in=candidates)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-id")
    )


def _rank(terms: list[str]):
    if connection.vendor == "postgresql":
        # The stored vector carries each word's weight (A title, B lead, C
        # body): no article's text is parsed again to rank it.
        from django.contrib.postgres.search import SearchVectorExact

        weights = [
            Case(
                When(SearchVectorExact(StoredVector(), _tsquery(term, weight="A")), then=4),
                When(SearchVectorExact(StoredVector(), _tsquery(term, weight="B")), then=2),
                default=Value(1),
            )
            for term in terms
        ]
    else:
        # The first occurrence decides: before the first line break is the
        # title, before the second the lead, else the body.
        title_end = StrIndex(F("search_text"), Value("\n"))
        lead_end = title_end + StrIndex(Substr(F("search_text"), title_end + 1), Value("\n"))
        weights = []
        for term in terms:
            position = StrIndex(F("search_text"), Value(f" {term} "))
            weights.append(
                Case(
                    When(LessThan(position, title_end), then=Value(4)),
                    When(LessThan(position, lead_end), then=Value(2)),
                    default=Value(1),
                )
            )
    return sum(weights[1:], weights[0])


def similar_titles(
    terms: list[str],
    *,
    category=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by_date: bool = False,
    narrow: bool = False,
) -> QuerySet:
    """Return public articles whose folded title nearly holds the query (PostgreSQL only).

    Ranked by similarity among the newest max_results() of them, like
    search_articles (whose narrow it takes too).
    """
    from django.contrib.postgres.search import TrigramWordSimilarity

    text = " ".join(terms)
    matches = (
        _filtered(category=category, start=start, end=end)
        .alias(title_words=folded_title())
        .filter(title_words__trigram_word_similar=text)
    )
    return _ranked_among_newest(
        matches,
        TrigramWordSimilarity(text, folded_title()),
        category=category,
        start=start,
        end=end,
        by_date=by_date,
        narrow=narrow,
    )


@functools.lru_cache(maxsize=65536)
def _folded_word(word: str) -> str:
    # Text is a few thousand syllables over and over: a snippet folds each of
    # its words, and folding a word costs twenty times looking it up.
    return fold(word)


def _marked(text: str, terms: set[str]) -> str:
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        if _folded_word(match.group()) in terms:
            pieces.append(escape(text[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return text escaped, with the words that match a term wrapped in <mark>."""
    return mark_safe(_marked(unicodedata.normalize("NFC", text or ""), set(terms)))  # noqa: S308


def snippet(*, lead: str, body: str, terms: list[str], size: int = SNIPPET_WORDS) -> SafeString:
    """Return about size words of the lead and body around the first match, highlighted."""
    text = unicodedata.normalize("NFC", f"{lead} {plain_text(body)}".strip())
    found = list(_WORD.finditer(text))
    if not found:
        return mark_safe("")
    wanted = set(terms)
    first = next((i for i, match in enumerate(found) if _folded_word(match.group()) in wanted), 0)
    start = max(0, min(first - size // 4, len(found) - size))
    stop = min(len(found), start + size)
    excerpt = text[found[start].start() : found[stop - 1].end()]
    prefix = "… " if start > 0 else ""
    suffix = " …" if stop < len(found) else ""
    return mark_safe(prefix + _marked(excerpt, wanted) + suffix)  # noqa: S308
