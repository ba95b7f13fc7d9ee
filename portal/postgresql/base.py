"""Django's PostgreSQL backend, with a check of pooled connections that costs no round trip.

Django's CONN_HEALTH_CHECKS makes the pool send an empty statement before it
hands out each connection: a round trip on every request, about a sixth of a
cheap page's time. An idle connection has nothing to read, and a server that
restarted or ended the session has sent its last message or closed the
socket, which makes the socket readable. So a connection is asked to answer
only when its socket is readable, and is replaced if it cannot.
"""

import select

from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool


def check_idle_connection(connection) -> None:
    """Raise if a connection out of the pool is broken, with a round trip only when it may be."""
    if connection.closed:
        raise ConnectionError("the pooled connection is closed")
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN)
    if poller.poll(0):
        ConnectionPool.check_connection(connection)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
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
