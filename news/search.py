"""Search of published articles that ignores case and diacritics (đ matches d).

Both databases match whole words against one stored column,
``Article.search_text``, written by :func:`search_document`, so that a query
finds the same articles on SQLite and PostgreSQL:

* the column holds the folded title, lead, plain-text body, and byline and
  source, as four lines of words separated by single spaces:
  ``" cai cach hanh chinh \\n ... \\n ... \\n kim ngan "``;
* SQLite looks for ``" word "`` in it for every word of the query;
* PostgreSQL matches a tsvector of the words of the three lines in the
  ``vietnamese_unaccent`` configuration, which it computes and stores itself
  in a column the model does not declare, served by a GIN index (migrations
  0006 and 0007);
* both rank alike: a word in the title counts more than in the lead, which
  counts more than in the body, byline or source (PostgreSQL reads the
  weights of a stored vector of title and lead, SQLite the position of the
  word in the column);
* both stop alike at ``settings.NEWS_SEARCH_MAX_RESULTS`` matches: they read
  the newest that many and no more, so that a query for a common word costs
  about what a rare one does;
* PostgreSQL knows from the vocabulary of the articles (``news_searchword``,
  kept by triggers, migration 0007) how many articles hold each word and how
  many were published each month (migration 0008): a query with a word no
  article holds is answered at once, and a broad one reads only the last
  months that should hold enough matches;
* when nothing matches, PostgreSQL corrects typos word by word against that
  vocabulary.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import itertools
import re
import string
import unicodedata
from dataclasses import dataclass
from html import escape, unescape

from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.db import connection
from django.db.models import Case, Expression, F, QuerySet, Value, When
from django.db.models.expressions import Col
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan, LessThan
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from core.caching import ProcessEntries, cached_for_content, content_version, rendered_for_content
from core.prepared import PreparedQuery
from news import conf
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


# A start or end tag with its attributes, quoted values included: sanitised
# HTML (news.sanitize) escapes < and > in text but not > in attribute values.
_ATTRIBUTES = r"""(?![a-zA-Z0-9])(?:[^>"']++|"[^"]*+"|'[^']*+')*+>"""
_BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_BLOCK_TAGS))}){_ATTRIBUTES}", re.IGNORECASE)
_TAG = re.compile(rf"</?[a-zA-Z][a-zA-Z0-9]*{_ATTRIBUTES}")


def plain_text(html: str) -> str:
    """Return the text of sanitised HTML, blocks separated by spaces, entities decoded."""
    # Sanitised HTML is well formed: patterns read it ten times faster than a parser.
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", html or ""))
    return " ".join(unescape(text).split())


def words(text: str) -> list[str]:
    """Return the folded words of text, in order: what search matches on."""
    return [word for word in _WORD.findall(fold(text or "")) if len(word) <= MAX_WORD_LENGTH]


def search_document(
    *, title: str, lead: str = "", body: str = "", byline: str = "", source: str = ""
) -> str:
    """Return the value of Article.search_text for an article's texts (body in HTML).

    Article.save() uses it, and so must any bulk insert of articles
    (article_document() reads the fields of an article).
    """
    # Byline and source come last, on one line: ranking weighs the first two
    # lines (title, lead), and neither the stored head of PostgreSQL nor the
    # positions SQLite reads change.
    texts = (title, lead, plain_text(body), f"{byline} {source}")
    return " " + " \n ".join(" ".join(words(text)) for text in texts) + " "


# The fields of an article that search reads, search_document()'s arguments.
SEARCHED_FIELDS = ("title", "lead", "body", "byline", "source")


def article_document(article) -> str:
    """Return search_document() of an article (or a historical model's row)."""
    return search_document(**{name: getattr(article, name) for name in SEARCHED_FIELDS})


def refill_search_text(article_model, *, batch_size: int = 500, document=article_document) -> int:
    """Rewrite the search text of every row of article_model; return how many rows."""
    batch, count = [], 0
    rows = article_model._default_manager.only(*SEARCHED_FIELDS).order_by("pk")
    for article in rows.iterator(chunk_size=batch_size):
        article.search_text = document(article)
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


class StoredVector(Expression):
    """A vector PostgreSQL stores beside search_text (migrations 0007 and 0008), by column name.

    search_vector holds the words of the whole text and the month of
    publication (for matching), search_head
    the weighted words of title (A) and lead (B) (for ranking). The model does
    not declare them (see migration 0006 for why); this resolves to the column
    on the query's own table, whatever alias that table gets.
    """

    def __init__(self, column: str):
        super().__init__(output_field=SearchVectorField())
        self.column = column

    def resolve_expression(self, query=None, *args, **kwargs):
        column = self.output_field.clone()
        column.set_attributes_from_name(self.column)
        return Col(query.get_initial_alias(), column)


def has_vocabulary() -> bool:
    """Return True if the database keeps the vocabulary (PostgreSQL).

    It counts the articles of each word and month, and with pg_trgm corrects typos.
    """
    return connection.vendor == "postgresql"


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


def _holds(column: str, vector_query: str, *, search_type: str = "raw"):
    query = SearchQuery(vector_query, config=CONFIG, search_type=search_type)
    return SearchVectorExact(StoredVector(column), query)


def document_matches(words: str):
    """Return the GIN-indexed condition that the stored vector holds every word (PostgreSQL)."""
    return _holds("search_vector", words, search_type="plain")


class Lexemes(SearchQuery):
    """A tsquery of lexemes taken as written, which no configuration parses again.

    The parser would split "_m202503" at its underscore; month lexemes
    (MONTH_PREFIX) are matched as the migration stored them.
    """

    def as_sql(self, compiler, connection, **kwargs):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql}::tsquery", params


def _rank(values: dict[str, str], size: int):
    if connection.vendor == "postgresql":
        # The stored head carries the weight of each word of the title (A) and
        # lead (B): no article's text is parsed again to rank it.
        weights = [
            Case(
                When(_holds("search_head", values[f"title{i}"]), then=4),
                When(_holds("search_head", values[f"lead{i}"]), then=2),
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
    from news.models import Article

    articles = Article.objects.published(values["now"])
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
                SearchVectorExact(StoredVector("search_vector"), Lexemes(values["months"]))
            )
    else:
        for i in range(size):
            articles = articles.filter(
                GreaterThan(StrIndex("search_text", Value(values[f"word{i}"])), 0)
            )
    if ranked:
        articles = articles.annotate(rank=_rank(values, size))
    fields = ["pk", "rank"] if ranked else ["pk"]
    return articles.newest_first().values_list(*fields)[:limit]


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
        **kinds,
    )


@dataclass(frozen=True)
class Matches:
    """What a search found: article ids in the order listed, and whether more matched."""

    ids: list[int]
    # More than max_results() articles matched: ids holds the newest that many.
    capped: bool


# The lexeme of the month (UTC) an article was published in, stored in its
# search vector by migration 0008: "_m" and YYYYMM.
MONTH_PREFIX = "_m"
# A query whose rarest word is in at least this share of the articles finds
# its newest matches soonest by walking the articles newest first.
WINDOW_BELOW_SHARE = 0.25
# How many more articles than the estimate a window of months takes, so that
# a query whose words go together less often than the estimate says still
# finds enough matches at the first try.
WINDOW_MARGIN = 1.5

# How long this process keeps the vocabulary's counts it read, at most (they
# are dropped at once when the content changes).
VOCABULARY_SECONDS = 600
# The counts of the words of that many queries, at most, kept by this process.
KEPT_QUERIES = 1024


@functools.cache
def _kept_queries():
    return ProcessEntries(KEPT_QUERIES)


# The articles holding each word the query's vector holds: the words its
# tsquery asks for, parsed as the articles were.
_HELD_SQL = """
SELECT query.word, coalesce(held.articles, 0)
FROM unnest(tsvector_to_array(to_tsvector('vietnamese_unaccent'::regconfig, %s))) AS query (word)
LEFT JOIN news_searchword AS held ON held.word = query.word
"""
_MONTHS_SQL = r"SELECT word, articles FROM news_searchword WHERE word LIKE '\_m%' AND articles > 0"


def month_lexeme(moment: dt.datetime | dt.date) -> str:
    """Return the lexeme of the month of moment (UTC), as migration 0008 stores it."""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(dt.UTC)
    return f"{MONTH_PREFIX}{moment:%Y%m}"


def months_since(first: str, now: dt.datetime) -> list[str]:
    """Return the lexemes of every month from first's to now's, newest first."""
    year, month = divmod(int(first.removeprefix(MONTH_PREFIX)), 100)
    day = dt.date(year, month, 1)
    last = month_lexeme(now)
    months = []
    while (lexeme := month_lexeme(day)) <= last:
        months.append(lexeme)
        day = (day + dt.timedelta(days=31)).replace(day=1)
    return months[::-1]


@dataclass(frozen=True)
class Window:
    """The last months a search looks at: their lexemes, newest first, and their articles."""

    months: list[str]
    articles: int

    @classmethod
    def holding(cls, articles: float, now: dt.datetime) -> Window | None:
        """Return the fewest last months that hold that many articles, None if only all do."""
        current, held = month_lexeme(now), 0
        months = [(month, count) for month, count in month_counts() if month <= current]
        for month, count in months[:-1]:
            held += count
            if held >= articles:
                return cls(months_since(month, now), held)
        return None

    def tsquery(self) -> str:
        """Return the tsquery of any of the months."""
        return " | ".join(f"'{month}'" for month in self.months)


def month_counts() -> list[tuple[str, int]]:
    """Return the lexeme of every month with articles and their number, newest first.

    PostgreSQL only; read once per content version.
    """

    def read():
        with connection.cursor() as cursor:
            cursor.execute(_MONTHS_SQL)
            return sorted(cursor.fetchall(), reverse=True)

    return cached_for_content("search:months", read, timeout=VOCABULARY_SECONDS)


def held_counts(terms: list[str]) -> list[int]:
    """Return the number of articles holding each word of the terms (PostgreSQL).

    The words are those the database reads in the terms, the ones a search
    matches, whatever its parser and case rules make of a term that Python
    folded. Kept by this process per content version: popular queries repeat.
    """
    text = " ".join(terms)

    def read():
        with connection.cursor() as cursor:
            cursor.execute(_HELD_SQL, [text])
            return [n for _, n in cursor.fetchall()]

    return cached_for_content(
        f"search:held:{text}",
        read,
        timeout=VOCABULARY_SECONDS,
        shared=False,
        entries=_kept_queries(),
    )


def find(
    terms: list[str],
    *,
    category=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by_date: bool = False,
) -> Matches:
    """Return the public articles holding every term, best match first (or newest first).

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
    there, it reads as many months as the share found says, then all of them.
    The newest max_results() + 1 matches of a window are the newest of all,
    since every article after the window's first month is in it.
    """
    cap = max_results()
    values = _values(terms, category=category, start=start, end=end, by_date=by_date)
    filters = tuple(name for name in FILTER_KINDS if name in values)
    window = None
    if has_vocabulary():
        held = held_counts(terms)
        if not all(held):
            return Matches(ids=[], capped=False)
        articles = sum(n for _, n in month_counts())
        rarest = min(held, default=articles)
        if not rarest:
            return Matches(ids=[], capped=False)
        if not filters and rarest < WINDOW_BELOW_SHARE * articles:
            window = Window.holding((cap + 1) * WINDOW_MARGIN * articles / rarest, values["now"])

    def matches(window: Window | None) -> list:
        query = _matches_query(
            len(terms),
            ranked=not by_date,
            limit=cap + 1,
            filters=filters,
            windowed=window is not None,
            vendor=connection.vendor,
        )
        if window is None:
            return query.rows(**values)
        return query.rows(**values, months=window.tsquery())

    rows = matches(window)
    while window is not None and len(rows) <= cap:
        # The share of matches found in the window says how many articles hold enough.
        needed = (cap + 1) * WINDOW_MARGIN * window.articles / max(len(rows), 1)
        wider = Window.holding(needed, values["now"])
        window = wider if wider is not None and wider.articles > window.articles else None
        rows = matches(window)
    listed = rows[:cap]
    if not by_date:
        # A stable sort: equal ranks stay newest first.
        listed.sort(key=lambda row: -row[1])
    return Matches(ids=[row[0] for row in listed], capped=len(rows) > cap)


def _values(terms: list[str], *, category, start, end, by_date: bool) -> dict:
    """Return the values of the parameters of matching_articles() for a search."""
    values: dict = {"now": timezone.now(), **_term_values(terms, ranked=not by_date)}
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
    terms: list[str], *, category=None, start=None, end=None, by_date: bool = False
) -> QuerySet:
    """Return the queryset find() runs over every month, as the ORM builds it: to read its plan."""
    values = _values(terms, category=category, start=start, end=end, by_date=by_date)
    return matching_articles(len(terms), ranked=not by_date, limit=max_results() + 1, **values)


def search_articles(terms: list[str], **options) -> list:
    """Return the articles find() lists, in its order (every one: for tests and scripts)."""
    return articles_in_order(find(terms, **options).ids)


@functools.lru_cache(maxsize=8)
def _articles_query(size: int) -> PreparedQuery:
    from news.models import LISTED_FIELDS, Article

    kinds = {f"pk{i}": int for i in range(size)}
    return PreparedQuery(
        lambda **ids: Article.objects.only(*LISTED_FIELDS, "body").filter(pk__in=ids.values()),
        **kinds,
    )


# Articles of search results this process keeps per content version, at most,
# and for how long.
KEPT_ARTICLES = 2048
ARTICLE_SECONDS = 600


@functools.cache
def _kept_articles():
    return ProcessEntries(KEPT_ARTICLES)


def articles_in_order(ids: list[int]) -> list:
    """Return the articles with these ids, with their categories, in the order of ids.

    This process keeps the articles it loaded until the content changes: the
    same articles come up in many searches. Each caller gets copies of its own.
    """
    from news.selectors import attach_categories

    if not ids:
        return []
    version, kept = content_version(), _kept_articles()
    found = {pk: article for pk in ids if (article := kept.get(version, pk)) is not None}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        # One compiled query per page size: a short list repeats its last id.
        size = max(conf.page_size(), len(missing))
        padded = [*missing, *[missing[-1]] * (size - len(missing))]
        for article in _articles_query(size).run(**{f"pk{i}": pk for i, pk in enumerate(padded)}):
            kept.set(version, article.pk, article, ARTICLE_SECONDS)
            found[article.pk] = article
    return attach_categories([copy.copy(found[pk]) for pk in ids if pk in found])


# The nearest known words to a term by trigram distance, the commonest among
# equally near ones. A word no article holds any more is never offered.
_CORRECTION_SQL = """
SELECT (
    SELECT near.word FROM (
        SELECT word, articles, word <-> typed.term AS distance
        FROM news_searchword
        WHERE articles > 0 AND word NOT LIKE '\\_%%'
        ORDER BY word <-> typed.term
        LIMIT 10
    ) AS near
    WHERE near.distance <= %s
    ORDER BY near.distance, near.articles DESC, near.word
    LIMIT 1
)
FROM unnest(%s::text[]) WITH ORDINALITY AS typed (term, position)
ORDER BY typed.position
"""
# Trigram distance (1 - similarity) above which a word is not taken for a typo of another.
MAX_TYPO_DISTANCE = 0.7


def corrected_terms(terms: list[str]) -> list[str]:
    """Return the terms with each one no article holds replaced by the nearest word that is held.

    PostgreSQL only (see has_vocabulary()). A term with no word near enough
    stays as it is. The vocabulary holds the words of every article, drafts
    too: show a correction only when its search finds public articles.
    """
    with connection.cursor() as cursor:
        cursor.execute(_CORRECTION_SQL, [MAX_TYPO_DISTANCE, terms])
        nearest = [row[0] for row in cursor.fetchall()]
    return [word or term for term, word in zip(terms, nearest, strict=True)]


# Marks that NFC could not fold into a letter, allowed after any letter of a term.
_MARKS = "[\u0300-\u036f]*"


@functools.cache
def _letter_classes() -> dict[str, str]:
    """Return, for each letter a to z, a character class of every letter that folds to it."""
    variants = {letter: [letter, letter.upper()] for letter in string.ascii_lowercase}
    # Latin-1, Latin Extended-A and B, and Latin Extended Additional (Vietnamese).
    for code in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        folded = fold(chr(code))
        if folded in variants:
            variants[folded].append(chr(code))
    return {letter: "[" + "".join(chars) + "]" for letter, chars in variants.items()}


def _either_case(char: str) -> str:
    """Return a pattern of a character other than a to z in any case."""
    escaped = re.escape(char)
    return f"(?i:{escaped})" if char.lower() != char.upper() else escaped


@functools.lru_cache(maxsize=1024)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """Return a pattern of any of the folded terms as a whole word of text as written.

    Text keeps its diacritics and case: folding every word of twenty snippets
    to compare it costs more than the rest of the page, a pattern finds the
    words at once.
    """
    classes = _letter_classes()
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        letters = [classes.get(char) or _either_case(char) for char in term]
        # The first letter before the look back at the character before it: a
        # pattern that starts with a look back tries it at every position.
        rest = "".join(_MARKS + letter for letter in letters[1:])
        alternatives.append(letters[0] + r"(?<![^\W_].)" + rest + _MARKS)
    # The classes hold both cases: IGNORECASE would fold every character tried.
    return re.compile(rf"(?:{'|'.join(alternatives)})(?![^\W_])")


def _marked(text: str, terms: list[str]) -> str:
    if not terms:
        return escape(text)
    pieces, last = [], 0
    for match in _terms_pattern(tuple(terms)).finditer(text):
        pieces += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return text escaped, with the words that match a term wrapped in <mark>."""
    return mark_safe(_marked(unicodedata.normalize("NFC", text or ""), terms))  # noqa: S308


def _words_before(text: str, end: int, count: int) -> list[re.Match]:
    """Return up to count whole words of text that end at or before end, in order."""
    # Words are rarely longer than twenty characters; a word cut at the start is dropped.
    start = max(0, end - 20 * count)
    found = list(_WORD.finditer(text, start, end))
    if found and start > 0 and found[0].start() == start:
        found = found[1:]
    return found[-count:] if count else []


def readable_text(*, lead: str, body: str) -> str:
    """Return the lead and the plain text of the HTML body, NFC: what a snippet is cut from."""
    return unicodedata.normalize("NFC", f"{lead} {plain_text(body)}".strip())


def article_text(article) -> str:
    """Return readable_text() of an article, kept by this process per content version.

    Popular articles come up in many searches; reading their HTML is most of
    a snippet's cost.
    """
    return rendered_for_content(
        f"readable-text:{article.pk}",
        lambda: readable_text(lead=article.lead, body=article.body),
    )


def snippet(*, lead: str, body: str, terms: list[str], size: int = SNIPPET_WORDS) -> SafeString:
    """Return about size words of the lead and body around the first match, highlighted."""
    return excerpt(readable_text(lead=lead, body=body), terms, size=size)


def excerpt(text: str, terms: list[str], *, size: int = SNIPPET_WORDS) -> SafeString:
    """Return about size words of readable_text() around the first match, highlighted."""
    first = _terms_pattern(tuple(terms)).search(text) if terms else None
    at = first.start() if first else 0
    before = _words_before(text, at, size // 4)
    start = before[0].start() if before else at
    shown = list(itertools.islice(_WORD.finditer(text, start), size))
    if len(shown) < size:
        # Near the end: more words before the match instead.
        more = _words_before(text, start, size - len(shown))
        shown = more + shown
    if not shown:
        return mark_safe("")
    start, stop = shown[0].start(), shown[-1].end()
    excerpt = text[start:stop]
    prefix = "… " if _WORD.search(text, 0, start) else ""
    suffix = " …" if _WORD.search(text, stop) else ""
    return mark_safe(prefix + _marked(excerpt, terms) + suffix)  # noqa: S308
