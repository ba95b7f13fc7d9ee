"""What PostgreSQL's vocabulary of the articles says: word and month counts, typo corrections.

The table (schema.VOCABULARY_TABLE) holds every word of every article, and
every month of publication, with its number of articles in each portal, kept
by triggers (migrations 0007, 0008 and 0013). SQLite has none: has_vocabulary() says which.
"""

from __future__ import annotations

from django.db import connection

from news.cache_policy import SEARCH_CORRECTIONS, SEARCH_HELD_WORDS, SEARCH_MONTHS
from news.search.schema import CONFIG, MONTH_PREFIX, VOCABULARY_TABLE


def has_vocabulary() -> bool:
    """Return True if the database keeps the vocabulary (PostgreSQL).

    It counts the articles of each word and month, and with pg_trgm corrects typos.
    """
    return connection.vendor == "postgresql"


# The articles holding each word the query's vector holds: the words its
# tsquery asks for, parsed as the articles were.
_HELD_SQL = f"""
SELECT query.word, coalesce(held.articles, 0)
FROM unnest(tsvector_to_array(to_tsvector('{CONFIG}'::regconfig, %s))) AS query (word)
LEFT JOIN {VOCABULARY_TABLE} AS held ON held.site_id = %s AND held.word = query.word
"""  # noqa: S608  (names of our own, no input)
_MONTHS_SQL = (
    f"SELECT word, articles FROM {VOCABULARY_TABLE} "  # noqa: S608
    rf"WHERE site_id = %s AND word LIKE '\{MONTH_PREFIX}%%' AND articles > 0"
)


def month_counts(*, site_id: int) -> list[tuple[str, int]]:
    """Return the lexeme of every month with the portal's articles and their number, newest first.

    PostgreSQL only; read once per content version.
    """

    def read():
        with connection.cursor() as cursor:
            cursor.execute(_MONTHS_SQL, [site_id])
            return sorted(cursor.fetchall(), reverse=True)

    return SEARCH_MONTHS.get(read)


def held_counts(terms: list[str], *, site_id: int) -> list[int]:
    """Return the number of the portal's articles holding each word of the terms (PostgreSQL).

    The words are those the database reads in the terms, the ones a search
    matches, whatever its parser and case rules make of a term that Python
    folded. Kept by this process per content version: popular queries repeat.
    """
    text = " ".join(terms)

    def read():
        with connection.cursor() as cursor:
            cursor.execute(_HELD_SQL, [text, site_id])
            return [n for _, n in cursor.fetchall()]

    return SEARCH_HELD_WORDS.get(read, text)


# The nearest known words to a term by trigram distance, the commonest among
# equally near ones. A word no article holds any more is never offered.
_CORRECTION_SQL = f"""
SELECT (
    SELECT near.word FROM (
        SELECT word, articles, word <-> typed.term AS distance
        FROM {VOCABULARY_TABLE}
        WHERE site_id = %s AND articles > 0 AND word NOT LIKE '\\_%%'
        ORDER BY word <-> typed.term
        LIMIT 10
    ) AS near
    WHERE near.distance <= %s
    ORDER BY near.distance, near.articles DESC, near.word
    LIMIT 1
)
FROM unnest(%s::text[]) WITH ORDINALITY AS typed (term, position)
ORDER BY typed.position
"""  # noqa: S608  (names of our own, no input)
# Trigram distance (1 - similarity) above which a word is not taken for a typo of another.
MAX_TYPO_DISTANCE = 0.7


def corrected_terms(terms: list[str], *, site_id: int) -> list[str]:
    """Return the terms with each one no article of the portal holds replaced by the nearest held.

    PostgreSQL only (see has_vocabulary()). A term with no word near enough
    stays as it is. The vocabulary holds the words of every article, drafts
    too: show a correction only when its search finds public articles. Each
    term's correction is kept by this process per content version: readers
    make the same typos.
    """

    def read(missing: list[str]) -> dict:
        with connection.cursor() as cursor:
            cursor.execute(_CORRECTION_SQL, [site_id, MAX_TYPO_DISTANCE, missing])
            nearest = [row[0] for row in cursor.fetchall()]
        return {term: word or term for term, word in zip(missing, nearest, strict=True)}

    corrections = SEARCH_CORRECTIONS.get_many(terms, read)
    return [corrections[term] for term in terms]
