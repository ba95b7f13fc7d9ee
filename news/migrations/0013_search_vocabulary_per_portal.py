from django.db import migrations

from news.migration_sql import postgresql_only

# Each portal corrects typos against its own words and windows its searches
# on its own months: the vocabulary is counted per portal. The same triggers,
# grouping by site_id too; an article moved to another portal moves its words.
COUNT_FUNCTION = """
CREATE OR REPLACE FUNCTION news_searchword_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO news_searchword AS w (site_id, word, articles)
        SELECT site_id, lexeme, count(*) FROM new_rows, unnest(search_vector)
        GROUP BY site_id, lexeme
        ON CONFLICT (site_id, word) DO UPDATE SET articles = w.articles + excluded.articles;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE news_searchword AS w SET articles = w.articles - gone.n
        FROM (
            SELECT site_id, lexeme, count(*) AS n FROM old_rows, unnest(search_vector)
            GROUP BY site_id, lexeme
        ) AS gone
        WHERE w.site_id = gone.site_id AND w.word = gone.lexeme;
    ELSE
        INSERT INTO news_searchword AS w (site_id, word, articles)
        SELECT site_id, lexeme, sum(change) FROM (
            SELECT site_id, lexeme, 1 AS change FROM new_rows, unnest(search_vector)
            UNION ALL
            SELECT site_id, lexeme, -1 FROM old_rows, unnest(search_vector)
        ) AS changes
        GROUP BY site_id, lexeme
        HAVING sum(change) <> 0
        ON CONFLICT (site_id, word) DO UPDATE SET articles = w.articles + excluded.articles;
    END IF;
    RETURN NULL;
END
$$
"""

FORWARD = [
    "ALTER TABLE news_searchword DROP CONSTRAINT news_searchword_pkey",
    "ALTER TABLE news_searchword ADD COLUMN site_id integer NOT NULL DEFAULT 1",
    "ALTER TABLE news_searchword ALTER COLUMN site_id DROP DEFAULT",
    "DELETE FROM news_searchword",
    """
    INSERT INTO news_searchword (site_id, word, articles)
    SELECT site_id, lexeme, count(*) FROM news_article, unnest(search_vector)
    GROUP BY site_id, lexeme
    """,
    "ALTER TABLE news_searchword ADD PRIMARY KEY (site_id, word)",
    "DROP INDEX IF EXISTS news_searchword_month_idx",
    "CREATE INDEX news_searchword_month_idx ON news_searchword (site_id, word) "
    "WHERE word LIKE '\\_m%'",
    COUNT_FUNCTION,
]

BACKWARD = [
    "DROP INDEX IF EXISTS news_searchword_month_idx",
    "ALTER TABLE news_searchword DROP CONSTRAINT news_searchword_pkey",
    """
    CREATE TEMPORARY TABLE news_searchword_all AS
    SELECT word, sum(articles)::integer AS articles FROM news_searchword GROUP BY word
    """,
    "DELETE FROM news_searchword",
    "ALTER TABLE news_searchword DROP COLUMN site_id",
    "INSERT INTO news_searchword (word, articles) SELECT word, articles FROM news_searchword_all",
    "DROP TABLE news_searchword_all",
    "ALTER TABLE news_searchword ADD PRIMARY KEY (word)",
    "CREATE INDEX news_searchword_month_idx ON news_searchword (word) WHERE word LIKE '\\_m%'",
    COUNT_FUNCTION.replace("site_id, lexeme", "lexeme")
    .replace("SELECT site_id, lexeme", "SELECT lexeme")
    .replace("(site_id, word, articles)", "(word, articles)")
    .replace("ON CONFLICT (site_id, word)", "ON CONFLICT (word)")
    .replace("w.site_id = gone.site_id AND ", ""),
]


class Migration(migrations.Migration):
    dependencies = [("news", "0012_portal_content")]

    operations = [
        migrations.RunPython(postgresql_only(*FORWARD), postgresql_only(*BACKWARD)),
    ]
