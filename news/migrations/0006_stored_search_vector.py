from django.db import migrations

from news.migration_sql import postgresql_only

# The weighted document vector (title A, lead B, body C) is kept in a column
# that PostgreSQL computes itself whenever search_text changes, by save(),
# bulk_create(), update() or raw SQL alike. Ranking then reads the weights from
# the stored vector instead of parsing the text of every matching row again.
#
# Why a generated column the model does not declare rather than a Django
# GeneratedField: the model is shared with SQLite, which has no tsvector, and a
# declared field would be read by every query of articles; news.search names
# the column only where it needs it.
DOCUMENT = (
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 1), '')), 'A') || "
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 2), '')), 'B') || "
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 3), '')), 'C')"
)

FORWARD = [
    f"ALTER TABLE news_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    "CREATE INDEX article_search_vector_idx ON news_article USING gin (search_vector)",
    # Matching and ranking now read the stored vector; the trigram index of the
    # typo fallback stays.
    "DROP INDEX IF EXISTS article_search_idx",
    "DROP INDEX IF EXISTS article_search_title_idx",
    "DROP INDEX IF EXISTS article_search_lead_idx",
]

BACKWARD = [
    f"CREATE INDEX article_search_idx ON news_article USING gin (({DOCUMENT}))",
    "CREATE INDEX article_search_title_idx ON news_article USING gin ("
    "to_tsvector('vietnamese_unaccent'::regconfig, COALESCE(split_part(search_text, E'\\n', 1), '')))",
    "CREATE INDEX article_search_lead_idx ON news_article USING gin ("
    "to_tsvector('vietnamese_unaccent'::regconfig, COALESCE(split_part(search_text, E'\\n', 2), '')))",
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0005_listing_indexes'),
    ]

    operations = [
        migrations.RunPython(postgresql_only(*FORWARD), postgresql_only(*BACKWARD)),
    ]
