"""The two counting paths in step: the PL/pgSQL function and the Python statements.

On PostgreSQL a counting request is one call of counters_record_hit; the same
steps also exist in Python (counters/services.py), which SQLite always takes
and PostgreSQL takes with COUNTERS_DATABASE_FUNCTION off. Here: the function
names exactly the models' tables and columns, and one scripted sequence of
hits gives the same answers and the same totals on both paths.
"""

import datetime as dt
import importlib
import re
import uuid
from collections import defaultdict

import pytest
from django.apps import apps
from django.db import connection

from counters import selectors, services
from counters.models import (
    ArticleDay,
    ArticleTotal,
    NewVisitors,
    OnlineMinute,
    SiteDay,
    SiteTotal,
    ViewMark,
    VisitorPresence,
)
from news.models import Article

from .conftest import DATABASE_FUNCTION, PYTHON

pytestmark = pytest.mark.django_db

NAMING = importlib.import_module("counters.migrations.0009_record_hit_per_portal")
COUNTING_MODELS = [
    NewVisitors,
    VisitorPresence,
    ViewMark,
    ArticleDay,
    ArticleTotal,
    SiteDay,
    SiteTotal,
    OnlineMinute,
]


def function_body(sql: str) -> str:
    """Return the body of a CREATE FUNCTION statement, as pg_proc.prosrc holds it."""
    return sql.split("$$")[1]


def installed_sources() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", ["counters_record_hit"])
        return [row[0] for row in cursor.fetchall()]


def quoted_names(source: str) -> set[str]:
    return set(re.findall(r'"([^"]+)"', source))


@pytest.mark.postgresql
def test_the_installed_function_is_the_one_the_current_models_give():
    expected = function_body(NAMING.make_function(apps, connection.ops.quote_name))
    # One function: a changed signature would have left another one behind.
    assert installed_sources() == [expected]


@pytest.mark.postgresql
def test_the_installed_function_names_exactly_the_models_tables_and_their_columns():
    (source,) = installed_sources()
    names = quoted_names(source)
    tables = {model._meta.db_table for model in COUNTING_MODELS}
    assert names & tables == tables
    columns = {field.column for model in COUNTING_MODELS for field in model._meta.concrete_fields}
    assert names - tables <= columns
    # Every name of a table or a column is one written from the models (quoted).
    assert not re.findall(r'(?<!")\bcounters_\w+', source)
    for model in COUNTING_MODELS:
        assert f'"{model._meta.db_table}"' in source


def test_the_function_takes_its_names_from_the_models(monkeypatch):
    monkeypatch.setattr(ViewMark._meta, "db_table", "marks_renamed")
    monkeypatch.setattr(ViewMark._meta.get_field("counted_at"), "column", "counted")
    sql = NAMING.make_function(apps, connection.ops.quote_name)
    quote = connection.ops.quote_name
    assert f"INSERT INTO {quote('marks_renamed')} AS m" in sql
    assert f"m.{quote('counted')} < p_view_cutoff" in sql
    assert quote("counters_viewmark") not in sql
    assert quote("counted_at") not in sql


# One scripted sequence of hits: (seconds from the start, article, visitor, new visitor's address).
# The start is 23:50:10 in Vietnam, so the script crosses midnight, minutes of
# who is online, the view window, the flood period and the allowance's minutes.
START = dt.datetime(2026, 5, 1, 16, 50, 10, tzinfo=dt.UTC)
A, B, C, D = (uuid.UUID(int=n) for n in (0xA, 0xB, 0xC, 0xD))
SCRIPT = [
    (0, "first", A, "192.0.2.1"),  # a new visitor: a visit and a view
    (5, "first", A, None),  # a reload: nothing new
    (10, "second", A, None),  # another article in the same visit: a view
    (20, "first", B, "192.0.2.1"),  # the address's second newcomer this minute
    (25, "first", C, "192.0.2.1"),  # its third: turned away, only reads
    (30, "first", None, None),  # a crawler: only reads
    (40, None, D, "198.51.100.9"),  # a visit without an article, another address
    (70, "first", C, "192.0.2.1"),  # the next minute: the allowance is back
    (120, "draft", A, None),  # not public: nothing counted or read
    (130, "second", A, None),  # the flood period begins again: 1
    (131, "first", A, None),  # 2
    (132, "second", A, None),  # 3
    (133, "first", A, None),  # 4: the limit
    (134, "second", A, None),  # 5: flooded
    (600, "first", B, None),  # after midnight, within the window: nothing new
    (2000, "first", B, None),  # past the view's window, not 30 minutes away: a view only
    (2100, "second", A, None),  # A back after the window: a visit and a view
    (2105, "huge", A, None),  # an id no article can have: not public
    (2110, None, None, None),  # a crawler on another page
]


@pytest.fixture
def script_articles(make_article, settings):
    """Set the limits the script meets and return its articles' ids by name."""
    settings.COUNTERS_NEW_VISITORS_PER_MINUTE = 2
    settings.COUNTERS_FLOOD_LIMIT = 4
    settings.COUNTERS_FLOOD_PERIOD = 60
    settings.COUNTERS_VIEW_WINDOW = 30 * 60
    settings.COUNTERS_ONLINE_WINDOW = 5 * 60
    published = START - dt.timedelta(days=1)
    return {
        "first": make_article(published_at=published).pk,
        "second": make_article(published_at=published).pk,
        "draft": make_article(published_at=published, status=Article.Status.DRAFT).pk,
        "huge": 2**63,
        None: None,
    }


def run_script(articles: dict) -> list[tuple]:
    """Run the script through the current path; return what each hit answered."""
    answers = []
    for seconds, article, visitor, address in SCRIPT:
        hit = services.record_hit(
            article_id=articles[article],
            visitor=visitor,
            new_visitor_address=address,
            now=START + dt.timedelta(seconds=seconds),
        )
        answers.append(
            (hit.public, hit.new_visit, hit.new_view, hit.flooded, hit.turned_away, hit.numbers)
        )
    return answers


def sums(model, keys: tuple[str, ...], field: str) -> dict:
    totals = defaultdict(int)
    for row in model.objects.values_list(*keys, field):
        totals[row[:-1]] += row[-1]
    return dict(totals)


def state() -> dict:
    """Return every count and mark, shards summed (which shard takes a count is chance)."""
    return {
        "site total": sums(SiteTotal, (), "visits"),
        "site days": sums(SiteDay, ("day",), "visits"),
        "article totals": sums(ArticleTotal, ("article",), "views"),
        "article days": sums(ArticleDay, ("article", "day"), "views"),
        "online minutes": sums(OnlineMinute, ("minute",), "visitors"),
        "view marks": set(ViewMark.objects.values_list("visitor", "article", "counted_at")),
        "presence": set(
            VisitorPresence.objects.values_list(
                "visitor", "last_seen_at", "previous_seen_at", "burst_started_at", "burst_hits"
            )
        ),
        "allowances": set(NewVisitors.objects.values_list("minute", "address", "visitors")),
        "numbers after": selectors.live_numbers(now=START + dt.timedelta(seconds=2110)),
    }


def forget_counts():
    for model in COUNTING_MODELS:
        model.objects.all().delete()


def expected_answers(articles: dict) -> list[tuple]:
    def numbers(visits, today, online, views=None):
        live = {"visits": visits, "today": today, "online": online}
        return live if views is None else {**live, "views": views}

    return [
        (True, True, True, False, False, numbers(1, 1, 1, 1)),
        (True, False, False, False, False, numbers(1, 1, 1, 1)),
        (True, False, True, False, False, numbers(1, 1, 1, 1)),
        (True, True, True, False, False, numbers(2, 2, 2, 2)),
        (True, False, False, False, True, numbers(2, 2, 2, 2)),
        (True, False, False, False, False, numbers(2, 2, 2, 2)),
        (True, True, False, False, False, numbers(3, 3, 3)),
        (True, True, True, False, False, numbers(4, 4, 4, 3)),
        (False, False, False, False, False, None),
        (True, False, False, False, False, numbers(4, 4, 4, 1)),
        (True, False, False, False, False, numbers(4, 4, 4, 3)),
        (True, False, False, False, False, numbers(4, 4, 4, 1)),
        (True, False, False, False, False, numbers(4, 4, 4, 3)),
        (True, False, False, True, False, None),
        # After midnight: no visit yet today, and only B seen in the last minutes.
        (True, False, False, False, False, numbers(4, 0, 1, 3)),
        (True, False, True, False, False, numbers(4, 0, 1, 4)),
        (True, True, True, False, False, numbers(5, 1, 2, 2)),
        (False, False, False, False, False, None),
        (True, False, False, False, False, numbers(5, 1, 2)),
    ]


def test_the_script_gives_the_expected_answers_on_each_path(counting_path, script_articles):
    assert run_script(script_articles) == expected_answers(script_articles)
    final = state()
    assert final["site total"] == {(): 5}
    assert final["article totals"] == {
        (script_articles["first"],): 4,
        (script_articles["second"],): 2,
    }
    assert final["numbers after"] == {"visits": 5, "today": 1, "online": 2}


@pytest.mark.postgresql
def test_both_paths_give_the_same_answers_and_totals_for_the_same_hits(script_articles, settings):
    results = {}
    for path in (DATABASE_FUNCTION, PYTHON):
        settings.COUNTERS_DATABASE_FUNCTION = path == DATABASE_FUNCTION
        forget_counts()
        results[path] = (run_script(script_articles), state())
    function_answers, function_state = results[DATABASE_FUNCTION]
    python_answers, python_state = results[PYTHON]
    assert function_answers == python_answers
    for name, value in function_state.items():
        assert python_state[name] == value, name
    # Something was counted: the comparison is not of two empty databases.
    assert function_state["site total"] == {(): 5}
