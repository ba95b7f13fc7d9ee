from django.db import migrations

from news.migration_sql import postgresql_only

# The month an article was published in (UTC), as one more lexeme of its
# search vector: "_m202503". No word can take that form (words are letters and
# digits, see news.search.words), and news.search.MONTH_PREFIX names it.
#
# A search lists the newest matches. For a query of common words, finding
# them meant reading every matching row (a tenth of the archive for "cải cách
# hành chính") only to keep the newest thousand. With the month in the vector,
# the GIN index intersects the words with the last few months at once, and
# only the rows in those months are read; the vocabulary counts the articles
# of each month as it counts those of each word, which is how many months a
# search asks for (news.search.find).
MONTH = (
    "array_to_tsvector(ARRAY['_m' || ("
    "date_part('year', published_at AT TIME ZONE 'UTC') * 100"
    " + date_part('month', published_at AT TIME ZONE 'UTC'))::integer::text])"
)
WORDS = "strip(to_tsvector('vietnamese_unaccent'::regconfig, search_text))"


def vector(expression: str) -> list[str]:
    """Return the SQL that redefines search_vector as expression, and its index."""
    return [
        f"""
        ALTER TABLE news_article
            DROP COLUMN search_vector,
            ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED,
            ALTER COLUMN search_vector SET STORAGE MAIN
        """,
        "CREATE INDEX article_search_vector_idx ON news_article USING gin (search_vector)",
    ]


# Rewriting the column fires no trigger: the months are counted here once.
FORWARD = [
    *vector(f"{WORDS} || {MONTH}"),
    """
    INSERT INTO news_searchword (word, articles)
    SELECT lexeme, count(*) FROM news_article, unnest(search_vector)
    WHERE lexeme LIKE '\\_m%' GROUP BY lexeme
    """,
    # The months alone, read by every search: a few hundred rows among the words.
    "CREATE INDEX news_searchword_month_idx ON news_searchword (word) WHERE word LIKE '\\_m%'",
]

BACKWARD = [
    *vector(WORDS),
    "DROP INDEX IF EXISTS news_searchword_month_idx",
    "DELETE FROM news_searchword WHERE word LIKE '\\_m%'",
]


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_search_vocabulary"),
    ]

    operations = [
        migrations.RunPython(postgresql_only(*FORWARD), postgresql_only(*BACKWARD)),
    ]
