from django.db import migrations

from news.migration_sql import postgresql_only

# A portal's search reads its own articles and its own words: both indexes
# lead with the site. Without it, the matching index handed over every
# portal's matches to keep one portal's (52,395 rows for 205 on a small
# portal among 500,000 articles), and the nearest-word walk for a typo went
# through every portal's vocabulary. btree_gin and btree_gist let an equality
# on site_id join a GIN and a GiST index, as pg_trgm and unaccent do already.
FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "CREATE INDEX article_search_vector_idx ON news_article USING gin (site_id, search_vector)",
    "DROP INDEX IF EXISTS news_searchword_trgm_idx",
    "CREATE INDEX news_searchword_trgm_idx ON news_searchword "
    "USING gist (site_id, word gist_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS news_searchword_trgm_idx",
    "CREATE INDEX news_searchword_trgm_idx ON news_searchword USING gist (word gist_trgm_ops)",
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "CREATE INDEX article_search_vector_idx ON news_article USING gin (search_vector)",
]


class Migration(migrations.Migration):
    dependencies = [("news", "0014_article_republication")]

    operations = [
        migrations.RunPython(postgresql_only(*FORWARD), postgresql_only(*BACKWARD)),
    ]
