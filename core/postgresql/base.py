"""Django's PostgreSQL backend, with a check of pooled connections that costs no round trip,
and a circuit breaker that answers at once for a few seconds after the database was lost.

Django's CONN_HEALTH_CHECKS makes the pool send an empty statement before it
hands out each connection: a round trip on every request, about a sixth of a
cheap page's time. An idle connection has nothing to read, and a server that
restarted or ended the session has sent its last message or closed the
socket, which makes the socket readable. So a connection is asked to answer
only when its socket is readable, and is replaced if it cannot.

While the database is unreachable, every request would wait for the pool's
timeout (2 s) before its 503, holding its worker all that time: sixteen readers
on two workers waited 9 s on average, the last 16 s. After a failure to get a
connection, each process fails at once for BREAKER_SECONDS instead; then one
request tries again (the others still fail at once while it does), or sooner
if the pool's own reconnection succeeded, and the first success closes the
breaker, so service resumes without a restart.
"""

from __future__ import annotations

import select
import threading
import time
import weakref

import psycopg
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool, PoolTimeout

BREAKER_SECONDS = 5.0


def check_idle_connection(connection) -> None:
    """Raise if a connection out of the pool is broken, with a round trip only when it may be."""
    if connection.closed:
        raise ConnectionError("the pooled connection is closed")
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN)
    if poller.poll(0):
        ConnectionPool.check_connection(connection)


class DatabaseUnreachable(psycopg.OperationalError):
    """Raised without trying while the breaker is open; Django reports it as OperationalError."""


class ConnectionBreaker:
    """Skip connecting for a while after a failure, then let one attempt through."""

    def __init__(self, seconds: float = BREAKER_SECONDS):
        self.seconds = seconds
        self.lock = threading.Lock()
        self.failing = False
        self.open_until = 0.0
        # The connections this process's requests hold now.
        self.held: weakref.WeakSet = weakref.WeakSet()

    def allow(self, pool: ConnectionPool | None = None) -> bool:
        """Return True if a connection may be attempted now.

        The pool reconnects in the background: a connection it made means the
        server is probably back, so a request may try before the window ends.
        """
        if not self.failing:
            return True
        now = time.monotonic()
        with self.lock:
            if now < self.open_until and not (pool and pool.get_stats().get("pool_available")):
                return False
            # This request is the trial: the others keep failing at once meanwhile.
            self.open_until = now + self.seconds
            return True

    def record_failure(self) -> None:
        with self.lock:
            self.failing = True
            self.open_until = time.monotonic() + self.seconds

    def record_success(self) -> None:
        if self.failing:
            with self.lock:
                self.failing = False
                self.open_until = 0.0

    def is_outage(self, error: Exception) -> bool:
        """Return True if the error means the server cannot be reached, not that it is busy.

        A pool timeout while other requests of this process hold connections
        is overload, and failing everyone for seconds would make it worse;
        one while nobody holds a connection is an outage.
        """
        return not isinstance(error, PoolTimeout) or not self.held


_breakers: dict[str, ConnectionBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(alias: str) -> ConnectionBreaker:
    """Return this process's breaker of a database alias."""
    breaker = _breakers.get(alias)
    if breaker is None:
        with _breakers_lock:
            breaker = _breakers.setdefault(alias, ConnectionBreaker())
    return breaker


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        # Creating the test database connects without an alias of its own: no breaker there.
        if self.alias == NO_DB_ALIAS:
            return self.get_checked_connection(conn_params)
        breaker = breaker_for(self.alias)
        if not breaker.allow(self.pool):
            raise DatabaseUnreachable(
                "the database could not be reached moments ago; trying again shortly"
            )
        try:
            connection = self.get_checked_connection(conn_params)
        except psycopg.OperationalError as error:
            if breaker.is_outage(error):
                breaker.record_failure()
            raise
        breaker.record_success()
        breaker.held.add(connection)
        return connection

    def _close(self):
        if self.connection is not None and self.alias != NO_DB_ALIAS:
            breaker_for(self.alias).held.discard(self.connection)
        super()._close()

    def get_checked_connection(self, conn_params):
        """Return a working connection, replacing pooled ones the server has ended."""
        connection = super().get_new_connection(conn_params)
        if self.pool is None:
            return connection
        # Bounded by the pool's size: each dead connection is discarded for good.
        for _ in range(self.pool.max_size):
            try:
                check_idle_connection(connection)
            except Exception:  # whatever the failure, the connection is unusable
                connection.close()
                self.pool.putconn(connection)
                connection = super().get_new_connection(conn_params)
            else:
                break
        return connection
