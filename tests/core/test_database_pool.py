"""Pooled connections: no round trip to check a live one, a fresh one for a dead one."""

import select
import time

import psycopg
import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from core.postgresql.base import check_idle_connection

pytestmark = pytest.mark.postgresql


def open_connection() -> psycopg.Connection:
    return psycopg.connect(**connection.get_connection_params(), autocommit=True)


def last_statement(pid: int) -> str:
    with open_connection() as other:
        row = other.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
    return row[0]


def wait_until_readable(conn: psycopg.Connection) -> None:
    select.select([conn.fileno()], [], [], 5)


@pytest.mark.django_db
def test_live_connection_passes_the_check_without_a_round_trip():
    with open_connection() as conn:
        conn.execute("SELECT 'last words'")
        check_idle_connection(conn)
        # psycopg_pool's own check would have sent an empty statement.
        assert last_statement(conn.info.backend_pid) == "SELECT 'last words'"


@pytest.mark.django_db
def test_connection_ended_by_the_server_fails_the_check():
    with open_connection() as conn:
        with open_connection() as other:
            other.execute("SELECT pg_terminate_backend(%s)", [conn.info.backend_pid])
        wait_until_readable(conn)
        with pytest.raises(psycopg.OperationalError):
            check_idle_connection(conn)


@pytest.mark.django_db
def test_closed_connection_fails_the_check():
    conn = open_connection()
    conn.close()
    with pytest.raises(ConnectionError):
        check_idle_connection(conn)


@pytest.mark.django_db(transaction=True)
def test_pool_replaces_connections_the_server_ended():
    connection.close()
    wrapper = connections.create_connection(DEFAULT_DB_ALIAS)
    params = wrapper.get_connection_params()
    pooled = [wrapper.get_new_connection(params) for _ in range(3)]
    for conn in pooled:
        wrapper.pool.putconn(conn)
    with open_connection() as other:
        # As a restart does: every other session of this database ends.
        other.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    for conn in pooled:
        wait_until_readable(conn)
    time.sleep(0.1)
    handed_out = wrapper.get_new_connection(params)
    try:
        assert handed_out.execute("SELECT 1").fetchone() == (1,)
    finally:
        wrapper.pool.putconn(handed_out)
