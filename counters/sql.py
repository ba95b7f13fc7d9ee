"""Small helpers for the few hand-written SQL statements of the counters.

Names come from the models and values go through the model fields, so the
statements follow the schema and each database's conventions (UUIDs and
datetimes are stored differently by PostgreSQL and SQLite).
"""

import psycopg
from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from counters import conf


def table(model: type[models.Model]) -> str:
    """Return the model's quoted table name."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[models.Model], name: str) -> str:
    """Return the quoted column name of the model's field."""
    return connection.ops.quote_name(model._meta.get_field(name).column)


def prep(model: type[models.Model], name: str, value):
    """Return value as the database driver expects it for the model's field."""
    return model._meta.get_field(name).get_db_prep_value(value, connection)


def fetch_one(sql: str, params: list):
    """Execute one statement and return its first row, or None."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() if cursor.description else None


def fetch_one_prepared(sql: str, params: list):
    """Execute one statement that PostgreSQL plans once per connection; return its first row.

    PostgreSQL only. Django writes the values into the text of each
    statement, so PostgreSQL parses and plans it anew every time, which for
    the counting call cost more than running it. Here the values travel apart
    from the text, and the statement is prepared the first time it runs on a
    connection of the pool (again on a new connection, or after a rollback,
    which drops the connection's prepared statements).
    COUNTERS_PREPARED_STATEMENTS off, for a pooler that moves sessions
    between statements, only keeps the values apart.
    """
    # The wrapper itself, looked up once: each attribute read through the
    # django.db.connection proxy goes through a context-local lookup first.
    db = connections[DEFAULT_DB_ALIAS]
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    cursor_class = PreparingCursor if conf.prepared_statements() else psycopg.Cursor
    with db.wrap_database_errors:
        raw = cursor_class(db.connection)
    # Django's own wrappers, as connection.cursor() has them: statements are
    # logged, execute_wrappers apply and errors become django.db errors.
    cursor = db.make_debug_cursor(raw) if db.queries_logged else db.make_cursor(raw)
    with cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


class PreparingCursor(psycopg.Cursor):
    """A cursor with the values apart from the statement, which it prepares on first use."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        conn = self.connection
        threshold = conn.prepare_threshold
        # Django turns preparing off on its connections (None) for the sake of
        # poolers, and psycopg then ignores prepare=True: turn it on for this
        # statement only.
        if threshold is None:
            conn.prepare_threshold = 5
        try:
            return super().execute(query, params, prepare=True, binary=binary)
        finally:
            conn.prepare_threshold = threshold

    def _convert_query(self, query, params=None):
        # Django logs a statement from cursor._query, which psycopg leaves unset
        # when it runs a prepared statement.
        self._query = converted = super()._convert_query(query, params)
        return converted


def from_db(model: type[models.Model], name: str, value):
    """Return a value read by hand-written SQL as the model's field would (the inverse of prep)."""
    field = model._meta.get_field(name)
    expression = field.get_col(model._meta.db_table)
    for converter in [
        *connection.ops.get_db_converters(expression),
        *field.get_db_converters(connection),
    ]:
        value = converter(value, expression, connection)
    return value
