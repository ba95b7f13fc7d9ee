from django.db import migrations, models

from news.migration_sql import postgresql_only

# Vietnamese is matched without diacritics: a text-search configuration that
# runs words through unaccent (which also maps đ to d) and then simple (no
# stemming, no stop words). unaccent() itself is not immutable and cannot
# appear in an index expression; a configuration can.
CREATE_CONFIG = [
    # Kept on reverse: other parts of the database may come to use them.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION vietnamese_unaccent (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION vietnamese_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
]
DROP_CONFIG = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS vietnamese_unaccent"]

# The expressions must stay identical to those of news.search (search_vector,
# the title and lead tests of the rank, folded_title), or the planner will not
# use the indexes.
CREATE_INDEXES = [
    "CREATE INDEX article_search_idx ON news_article USING gin (("
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 1), '')), 'A') || "
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 2), '')), 'B') || "
    "setweight(to_tsvector('vietnamese_unaccent'::regconfig, "
    "COALESCE(split_part(search_text, E'\\n', 3), '')), 'C')))",
    "CREATE INDEX article_search_title_idx ON news_article USING gin ("
    "to_tsvector('vietnamese_unaccent'::regconfig, COALESCE(split_part(search_text, E'\\n', 1), '')))",
    "CREATE INDEX article_search_lead_idx ON news_article USING gin ("
    "to_tsvector('vietnamese_unaccent'::regconfig, COALESCE(split_part(search_text, E'\\n', 2), '')))",
    "CREATE INDEX article_title_trgm_idx ON news_article "
    "USING gin ((split_part(search_text, E'\\n', 1)) gin_trgm_ops)",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS article_search_idx",
    "DROP INDEX IF EXISTS article_search_title_idx",
    "DROP INDEX IF EXISTS article_search_lead_idx",
    "DROP INDEX IF EXISTS article_title_trgm_idx",
]


def fill_search_text(apps, schema_editor):
    from news.search.document import refill_search_text

    refill_search_text(apps.get_model("news", "Article"))


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0003_archive'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, help_text='Tiêu đề, sapo và nội dung viết thường, bỏ dấu; tự tạo khi lưu.', verbose_name='văn bản tìm kiếm'),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(postgresql_only(*CREATE_CONFIG), postgresql_only(*DROP_CONFIG)),
        migrations.RunPython(postgresql_only(*CREATE_INDEXES), postgresql_only(*DROP_INDEXES)),
    ]
