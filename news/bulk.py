"""What every command that fills tables in bulk does after it: refresh the planner's statistics."""

from django.db import DEFAULT_DB_ALIAS, connections, models


def analyze(*tables: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> None:
    """Run ANALYZE on the models' tables, on PostgreSQL and SQLite.

    Until autovacuum gets to a table that a bulk load has just filled, the
    PostgreSQL planner believes it empty and picks plans that are ten to a
    hundred times slower (a search after `load_demo --articles 100000`).
    ANALYZE samples at most 30,000 rows of a table, so it takes seconds
    whatever the size (about 2 s for 20,000 demo articles on a busy 2-core
    machine).
    """
    connection = connections[using]
    names = sorted({connection.ops.quote_name(model._meta.db_table) for model in tables})
    if not names or connection.vendor not in ("postgresql", "sqlite"):
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(names)}")
        else:
            # SQLite's planner uses what ANALYZE stores too; it takes one table at a time.
            for name in names:
                cursor.execute(f"ANALYZE {name}")
