from django.db import migrations

# The byline and the source join the search text as its fourth line
# (news.search.search_document). The stored vectors of PostgreSQL follow by
# themselves: search_vector holds every word of search_text, and search_head,
# which ranks, only the first two lines; so do the vocabulary's triggers. Only
# the rows need rewriting, here as by `manage.py rebuild_search_text`; then
# the pages and search counts kept per content version are stale.


def with_byline_and_source(apps, schema_editor):
    from core.caching import bump_content_version
    from news.search.document import refill_search_text

    refill_search_text(apps.get_model("news", "Article"))
    bump_content_version()


def without_byline_and_source(apps, schema_editor):
    from core.caching import bump_content_version
    from news.search.document import article_document, refill_search_text

    def three_lines(article) -> str:
        # The fourth line off: " title \n lead \n body ", as before.
        return article_document(article).rsplit("\n", 1)[0]

    refill_search_text(apps.get_model("news", "Article"), document=three_lines)
    bump_content_version()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_search_months"),
    ]

    operations = [
        migrations.RunPython(with_byline_and_source, without_byline_and_source, elidable=True),
    ]
