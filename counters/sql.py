"""Small helpers for the few hand-written SQL statements of the counters.

Names come from the models and values go through the model fields, so the
statements follow the schema and each database's conventions (UUIDs and
datetimes are stored differently by PostgreSQL and SQLite).
"""

from django.db import connection, models


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
