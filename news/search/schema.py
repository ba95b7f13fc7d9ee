"""How PostgreSQL stores the search text: the configuration and columns named once.

``Article.search_text`` (news.search.document) holds the folded words of an
article as four lines: title, lead, body, and byline and source. On
PostgreSQL, migrations 0006 to 0008 add beside it, in columns the model does
not declare:

* ``search_vector``: the words of the whole text in the text-search
  configuration CONFIG, and the lexeme of the month of publication (UTC,
  MONTH_PREFIX and YYYYMM), GIN-indexed: what matching reads;
* ``search_head``: the weighted words of title (A) and lead (B): what ranking
  reads;
* the table ``news_searchword``: every word and month with its number of
  articles, kept by triggers.

A system check says at start-up when a PostgreSQL database lacks any of them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.core.checks import Error, register
from django.db import connections
from django.db.models import Expression
from django.db.models.expressions import Col
from django.db.utils import DatabaseError

# The text-search configuration (COPY = simple, words through unaccent and simple).
CONFIG = "vietnamese_unaccent"
# The generated columns of news_article and the vocabulary table.
ARTICLE_TABLE = "news_article"
VECTOR_COLUMN = "search_vector"
HEAD_COLUMN = "search_head"
VOCABULARY_TABLE = "news_searchword"
# The lexeme of the month (UTC) an article was published in, stored in its
# search vector by migration 0008: "_m" and YYYYMM.
MONTH_PREFIX = "_m"


def has_vocabulary(connection) -> bool:
    """Return True if the database keeps the vocabulary (PostgreSQL).

    It counts the articles of each word and month, and with pg_trgm corrects typos.
    """
    return connection.vendor == "postgresql"


class StoredVector(Expression):
    """A vector PostgreSQL stores beside search_text (migrations 0007 and 0008), by column name.

    VECTOR_COLUMN holds the words of the whole text and the month of
    publication (for matching), HEAD_COLUMN the weighted words of title (A)
    and lead (B) (for ranking). The model does not declare them (see migration
    0006 for why); this resolves to the column on the query's own table,
    whatever alias that table gets.
    """

    def __init__(self, column: str):
        super().__init__(output_field=SearchVectorField())
        self.column = column

    def resolve_expression(self, query=None, *args, **kwargs):
        column = self.output_field.clone()
        column.set_attributes_from_name(self.column)
        return Col(query.get_initial_alias(), column)


def holds(column: str, vector_query: str, *, search_type: str = "raw"):
    """Return the condition that a stored vector matches a tsquery in CONFIG."""
    query = SearchQuery(vector_query, config=CONFIG, search_type=search_type)
    return SearchVectorExact(StoredVector(column), query)


def document_matches(words: str):
    """Return the GIN-indexed condition that the stored vector holds every word (PostgreSQL)."""
    return holds(VECTOR_COLUMN, words, search_type="plain")


class Lexemes(SearchQuery):
    """A tsquery of lexemes taken as written, which no configuration parses again.

    The parser would split "_m202503" at its underscore; month lexemes
    (MONTH_PREFIX) are matched as the migration stored them.
    """

    def as_sql(self, compiler, connection, **kwargs):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql}::tsquery", params


def month_lexeme(moment: dt.datetime | dt.date) -> str:
    """Return the lexeme of the month of moment (UTC), as migration 0008 stores it."""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(dt.UTC)
    return f"{MONTH_PREFIX}{moment:%Y%m}"


def month_start(lexeme: str) -> dt.datetime:
    """Return the first moment (UTC) of the month of a month lexeme."""
    year, month = divmod(int(lexeme.removeprefix(MONTH_PREFIX)), 100)
    return dt.datetime(year, month, 1, tzinfo=dt.UTC)


def months_since(first: str, now: dt.datetime) -> list[str]:
    """Return the lexemes of every month from first's to now's, newest first."""
    day = month_start(first).date()
    last = month_lexeme(now)
    months = []
    while (lexeme := month_lexeme(day)) <= last:
        months.append(lexeme)
        day = (day + dt.timedelta(days=31)).replace(day=1)
    return months[::-1]


_MISSING_SQL = """
SELECT
    (SELECT count(*) FROM pg_ts_config WHERE cfgname = %s),
    (SELECT array_agg(column_name::text) FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = %s
       AND column_name = ANY(%s) AND is_generated = 'ALWAYS'),
    (SELECT to_regclass(%s) IS NOT NULL),
    (SELECT to_regclass(%s) IS NOT NULL)
"""


def missing_search_schema(connection) -> list[str]:
    """Return what search needs that a migrated PostgreSQL database lacks (nothing elsewhere).

    Before migrations have made the article table, nothing is said missing.
    """
    if connection.vendor != "postgresql":
        return []
    columns = [VECTOR_COLUMN, HEAD_COLUMN]
    with connection.cursor() as cursor:
        cursor.execute(
            _MISSING_SQL, [CONFIG, ARTICLE_TABLE, columns, ARTICLE_TABLE, VOCABULARY_TABLE]
        )
        configs, generated, has_articles, has_vocabulary_table = cursor.fetchone()
    if not has_articles:
        return []
    missing = [] if configs else [f"text-search configuration {CONFIG}"]
    missing += [
        f"generated column {ARTICLE_TABLE}.{column}"
        for column in columns
        if column not in (generated or [])
    ]
    if not has_vocabulary_table:
        missing.append(f"table {VOCABULARY_TABLE}")
    return missing


@register("database")
def check_search_schema(app_configs=None, databases=None, **kwargs):
    """news.E001: a PostgreSQL database lacks the configuration or columns search reads."""
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        try:
            missing = missing_search_schema(connection)
        except DatabaseError:
            # A database that cannot be reached is another check's business.
            continue
        if missing:
            errors.append(
                Error(
                    f"Search cannot run on database {alias!r}: it lacks "
                    + ", ".join(missing)
                    + ".",
                    hint="Run manage.py migrate news.",
                    id="news.E001",
                )
            )
    return errors
