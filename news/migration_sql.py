"""SQL that only PostgreSQL has, run by migrations that must also apply on SQLite."""


def postgresql_only(*statements: str):
    """Return a RunPython function that executes the statements on PostgreSQL, else nothing.

    Text-search configurations, generated tsvector columns and PL/pgSQL
    functions have no SQLite counterpart; SQLite's code paths do without them.
    """

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                # No parameters: a literal % in the SQL stays as it is.
                schema_editor.execute(statement, params=None)

    return run
