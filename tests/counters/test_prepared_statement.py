"""The counting call on PostgreSQL: prepared once per pooled connection, and robust to losing it.

The service is called directly, rather than through requests, so that every
call here runs on the same connection: a request hands its connection back to
the pool when it ends.
"""

import uuid

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from counters import selectors, services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def counting_statement_runs() -> dict[str, int]:
    """Return how often each counting statement prepared on the current connection ran."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%counters_record_hit%"],
        )
        return dict(cursor.fetchall())


def runs_since(before: dict[str, int]) -> list[int]:
    """Return the runs of each prepared counting statement that ran since before."""
    ran = {name: runs - before.get(name, 0) for name, runs in counting_statement_runs().items()}
    return sorted(runs for runs in ran.values() if runs)


def count_a_new_view(article) -> services.Hit:
    return services.record_view(article=article, visitor=uuid.uuid4())


def test_the_counting_call_is_prepared_once_and_reused(article):
    before = counting_statement_runs()
    for _ in range(3):
        assert count_a_new_view(article).new_view
    assert runs_since(before) == [3]
    assert selectors.article_views(article.pk) == 3


def test_a_crawler_and_a_visit_without_an_article_are_prepared_too(article):
    before = counting_statement_runs()
    services.record_hit(article_id=article.pk, visitor=None)
    services.record_visit(visitor=uuid.uuid4())
    assert runs_since(before) == [1, 1]


def test_counting_goes_on_after_a_rollback_drops_the_prepared_statements(article):
    count_a_new_view(article)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    assert counting_statement_runs() == {}
    assert count_a_new_view(article).new_view
    assert list(counting_statement_runs().values()) == [1]
    assert selectors.article_views(article.pk) == 2


def test_counting_goes_on_after_the_server_ends_the_connections(browser_hit, article):
    browser_hit(Client(), article)
    connection.close()
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        ended = other.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    assert ended
    responses = [browser_hit(Client(), article).status_code for _ in range(3)]
    assert responses == [200, 200, 200]
    assert selectors.article_views(article.pk) == 4


def test_without_prepared_statements_the_counts_are_the_same(article, settings):
    settings.COUNTERS_PREPARED_STATEMENTS = False
    before = counting_statement_runs()
    for _ in range(3):
        assert count_a_new_view(article).new_view
    assert runs_since(before) == []
    assert selectors.article_views(article.pk) == 3
    assert selectors.live_numbers() == {"visits": 3, "today": 3, "online": 3}
