import importlib

from django.db import migrations

from news.migration_sql import postgresql_only

# The weighted vector of 0006, which going back restores.
DOCUMENT = importlib.import_module("news.migrations.0006_stored_search_vector").DOCUMENT
HEAD = (
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 1), '')), 'A') || "
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 2), '')), 'B')"
)

# Matching needs only which words an article holds; ranking needs only
# whether a word is in the title (A) or the lead (B). The vector of 0006 kept
# every word's positions and weight: several kilobytes a row, compressed and
# kept in the TOAST table, so a search walking articles newest first read and
# decompressed each one's vector. Two vectors replace it: search_vector, the
# words of the whole text without positions (GIN-indexed, for matching), and
# search_head, the weighted words of title and lead (for ranking). Both are
# small and kept in the row uncompressed (STORAGE MAIN: the body and the
# search text go out of line first). One ALTER TABLE rewrites the table once.
VECTORS = [
    f"""
    ALTER TABLE news_article
        DROP COLUMN search_vector,
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            strip(to_tsvector('vietnamese_unaccent'::regconfig, search_text))
        ) STORED,
        ADD COLUMN search_head tsvector GENERATED ALWAYS AS ({HEAD}) STORED,
        ALTER COLUMN search_vector SET STORAGE MAIN,
        ALTER COLUMN search_head SET STORAGE MAIN
    """,
    "CREATE INDEX article_search_vector_idx ON news_article USING gin (search_vector)",
]

# Every word of every article, with the number of articles that hold it: what a
# query with a typo is corrected against (news.search.corrected_terms). The
# triggers keep it in step with inserts, updates, deletes and truncation however
# they are made (save(), bulk_create(), update(), raw SQL), a statement at a time.
VOCABULARY = [
    """
    CREATE TABLE news_searchword (
        word text PRIMARY KEY,
        articles integer NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX news_searchword_trgm_idx ON news_searchword USING gist (word gist_trgm_ops)",
    """
    INSERT INTO news_searchword (word, articles)
    SELECT lexeme, count(*) FROM news_article, unnest(search_vector) GROUP BY lexeme
    """,
    """
    CREATE FUNCTION news_searchword_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO news_searchword AS w (word, articles)
            SELECT lexeme, count(*) FROM new_rows, unnest(search_vector) GROUP BY lexeme
            ON CONFLICT (word) DO UPDATE SET articles = w.articles + excluded.articles;
        ELSIF TG_OP = 'DELETE' THEN
            UPDATE news_searchword AS w SET articles = w.articles - gone.n
            FROM (
                SELECT lexeme, count(*) AS n FROM old_rows, unnest(search_vector) GROUP BY lexeme
            ) AS gone
            WHERE w.word = gone.lexeme;
        ELSE
            INSERT INTO news_searchword AS w (word, articles)
            SELECT lexeme, sum(change) FROM (
                SELECT lexeme, 1 AS change FROM new_rows, unnest(search_vector)
                UNION ALL
                SELECT lexeme, -1 FROM old_rows, unnest(search_vector)
            ) AS changes
            GROUP BY lexeme
            HAVING sum(change) <> 0
            ON CONFLICT (word) DO UPDATE SET articles = w.articles + excluded.articles;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER news_searchword_insert AFTER INSERT ON news_article
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION news_searchword_count()
    """,
    """
    CREATE TRIGGER news_searchword_update AFTER UPDATE ON news_article
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION news_searchword_count()
    """,
    """
    CREATE TRIGGER news_searchword_delete AFTER DELETE ON news_article
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION news_searchword_count()
    """,
    # TRUNCATE fires no delete trigger; emptying the articles empties the words.
    """
    CREATE FUNCTION news_searchword_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM news_searchword;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER news_searchword_truncate AFTER TRUNCATE ON news_article
    FOR EACH STATEMENT EXECUTE FUNCTION news_searchword_clear()
    """,
    # Typos are now corrected word by word; titles are no longer compared whole.
    "DROP INDEX IF EXISTS article_title_trgm_idx",
]

BACKWARD = [
    "CREATE INDEX article_title_trgm_idx ON news_article "
    "USING gin (split_part(search_text, E'\\n', 1) gin_trgm_ops)",
    "DROP TRIGGER IF EXISTS news_searchword_truncate ON news_article",
    "DROP FUNCTION IF EXISTS news_searchword_clear",
    "DROP TRIGGER IF EXISTS news_searchword_delete ON news_article",
    "DROP TRIGGER IF EXISTS news_searchword_update ON news_article",
    "DROP TRIGGER IF EXISTS news_searchword_insert ON news_article",
    "DROP FUNCTION IF EXISTS news_searchword_count",
    "DROP TABLE IF EXISTS news_searchword",
    "ALTER TABLE news_article DROP COLUMN search_head, DROP COLUMN search_vector, "
    f"ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    "CREATE INDEX article_search_vector_idx ON news_article USING gin (search_vector)",
]


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_stored_search_vector"),
    ]

    operations = [
        migrations.RunPython(postgresql_only(*VECTORS, *VOCABULARY), postgresql_only(*BACKWARD)),
    ]
