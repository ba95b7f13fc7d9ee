"""Querysets compiled to SQL once per process, then run with other values.

Django builds and compiles a queryset anew on every call, and for the short
queries of a public page that costs more than the database takes to answer
(docs/performance.md has the measurements). A PreparedQuery builds its
queryset once, from stand-in values, one per named parameter, keeps the
SQL and its parameters, and on each run puts the real values where the
stand-ins were.

The queryset stays the one source of the query: the visibility rule, the
annotations and the ordering are written once, with the ORM, and a test can
compare both ways of running it. What `build` reads other than its
parameters is fixed at the first run, so everything that varies must be a
parameter, the current time included.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.sql import Query

# A compound query (UNION) names its columns col1, col2...: the model's
# columns are found again by these names.
_ALIASED_COLUMN = re.compile(r'\."(\w+)" AS "(col\d+)"')

_serial = itertools.count(1)


def _stand_in(kind: type):
    """Return a value of kind that no real parameter takes, distinct from every other."""
    n = next(_serial)
    if kind is dt.datetime:
        return dt.datetime(1901, 1, 1, 0, 0, 0, n, tzinfo=dt.UTC)
    if kind is dt.date:
        return dt.date(1901, 1, 1) + dt.timedelta(days=n)
    if kind is int:
        # Within every integer column's range, so that Django compiles the lookup as usual.
        return 2_000_000_000 + n
    if kind is str:
        return f"\u2063stand-in-{n}\u2063"
    raise ImproperlyConfigured(f"No stand-in for parameters of type {kind.__name__}.")


@dataclass(frozen=True)
class Compiled:
    model: type[Model]
    using: str
    sql: str
    # Each parameter of the SQL: the name of the run's value to put there, or None
    # and the fixed value.
    params: tuple[tuple[str | None, object], ...]
    translations: dict[str, str]


class PreparedQuery:
    """A queryset built once from stand-ins and run as SQL with each call's values."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        self.build = build
        self.kinds = kinds
        self._compiled: Compiled | None = None
        self._lock = threading.Lock()

    def compile(self) -> Compiled:
        """Return the compiled query, building and compiling it on first use."""
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    self._compiled = self._compile()
        return self._compiled

    def _compile(self) -> Compiled:
        stand_ins = {name: _stand_in(kind) for name, kind in self.kinds.items()}
        queryset = self.build(**stand_ins)
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        # The SQL holds the stand-ins as the database takes them (SQLite: datetimes as text).
        adapt = connections[queryset.db].ops.adapt_unknown_value
        adapted = {name: adapt(stand_in) for name, stand_in in stand_ins.items()}
        named = [(_name_of(value, adapted), value) for value in params]
        unused = set(stand_ins) - {name for name, _ in named}
        if unused:
            raise ImproperlyConfigured(
                f"The prepared query does not use its parameters {sorted(unused)}."
            )
        translations = {alias: column for column, alias in _ALIASED_COLUMN.findall(sql)}
        return Compiled(queryset.model, queryset.db, sql, tuple(named), translations)

    def run(self, **values) -> list[Model]:
        """Return the query's model instances for these values of its parameters."""
        return self._execute(values, instances=True)

    def rows(self, **values) -> list[tuple]:
        """Return the query's rows as the database sends them, without Django's converters.

        For a values_list() of integers and text, which need none: the converters
        of a thousand rows cost more than the query that reads them.
        """
        return self._execute(values, instances=False)

    def _execute(self, values: dict, *, instances: bool) -> list:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"Expected the parameters {sorted(self.kinds)}.")
        compiled = self.compile()
        connection = connections[compiled.using]
        # As the ORM would: SQLite, for one, takes datetimes as text in UTC.
        adapt = connection.ops.adapt_unknown_value
        params = tuple(adapt(values[name]) if name else value for name, value in compiled.params)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
            if not instances:
                return rows
            shape = self._shapes.get(connection)
            if shape is None:
                shape = self._shapes[connection] = _Shape.of(compiled, cursor, connection)
        return [shape.instance(row, connection) for row in rows]

    @cached_property
    def _shapes(self) -> weakref.WeakKeyDictionary:
        # Per connection: the converters of a backend are bound to its connection,
        # and each thread has its own.
        return weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class _Shape:
    """How a row of a compiled query becomes a model instance, as RawQuerySet does it.

    RawQuerySet works this out again on every run, which costs more than a
    one-row query itself; the columns of a compiled query never change.
    """

    model: type[Model]
    using: str
    init_names: tuple[str, ...]
    init_positions: tuple[int, ...]
    annotations: tuple[tuple[str, int], ...]
    converters: tuple[tuple[int, tuple, object], ...]

    @classmethod
    def of(cls, compiled: Compiled, cursor, connection) -> _Shape:
        """Return the shape of the rows the cursor has just read."""
        converter = connection.introspection.identifier_converter
        columns = [converter(column[0]) for column in cursor.description]
        columns = [compiled.translations.get(column, column) for column in columns]
        fields = {converter(field.column): field for field in compiled.model._meta.fields}
        init = [field for column, field in fields.items() if column in columns]
        if compiled.model._meta.pk not in init:
            raise ImproperlyConfigured("A prepared query must select the primary key.")
        expressions = [
            fields[column].get_col(compiled.model._meta.db_table) if column in fields else None
            for column in columns
        ]
        compiler = connection.ops.compiler("SQLCompiler")(
            Query(compiled.model), connection, compiled.using
        )
        found = compiler.get_converters(expressions)
        return cls(
            model=compiled.model,
            using=compiled.using,
            init_names=tuple(field.attname for field in init),
            init_positions=tuple(columns.index(converter(field.column)) for field in init),
            annotations=tuple(
                (column, position)
                for position, column in enumerate(columns)
                if column not in fields
            ),
            converters=tuple(
                (position, tuple(functions), expression)
                for position, (functions, expression) in found.items()
            ),
        )

    def instance(self, row, connection) -> Model:
        """Return the model instance of one row read through connection."""
        if self.converters:
            row = list(row)
            for position, functions, expression in self.converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
        instance = self.model.from_db(
            self.using, self.init_names, [row[position] for position in self.init_positions]
        )
        for name, position in self.annotations:
            setattr(instance, name, row[position])
        return instance


def id_kinds(size: int) -> dict[str, type]:
    """Return the parameters of a query of size ids: pk0, pk1, ..., integers."""
    return {f"pk{i}": int for i in range(size)}


def id_values(ids: list[int], size: int) -> dict[str, int]:
    """Return ids as values of id_kinds(size), the last repeated up to size.

    One query compiled for size ids then serves every shorter list.
    """
    padded = [*ids, *[ids[-1]] * (size - len(ids))]
    return {f"pk{i}": pk for i, pk in enumerate(padded)}


def _name_of(value, stand_ins: dict) -> str | None:
    for name, stand_in in stand_ins.items():
        if type(value) is type(stand_in) and value == stand_in:
            return name
    return None
