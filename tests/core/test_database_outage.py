"""A lost database gives a quick Vietnamese 503, and service resumes without a restart.

These run the portal in gunicorn, as in production, against a real unreachable
PostgreSQL address: a closed port, or a forwarder to the test database that is
switched off and on.
"""

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg_pool import PoolTimeout

from core.postgresql.base import BREAKER_SECONDS, ConnectionBreaker

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 10, **headers) -> tuple[int, dict, str, float]:
    """Return status, headers, body and seconds taken for a GET."""
    started = time.perf_counter()
    try:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    return status, headers, body.decode(), time.perf_counter() - started


class Gunicorn:
    """Run the portal in a gunicorn subprocess on a free loopback port."""

    def __init__(self, database_url: str, workers: int = 1):
        self.port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-production",
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_FROM_FINDERS": "1",
            "PAGE_CACHE": "0",
        }
        env.pop("REDIS_URL", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "-w",
                str(workers),
                "--timeout",
                "30",
                "-b",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> str:
        self.process.terminate()
        _, stderr = self.process.communicate(timeout=20)
        return stderr.decode()


class Forwarder:
    """Forward a loopback port to PostgreSQL; switched off, the port is closed."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self.listener = None
        self.connections: list[socket.socket] = []

    def start(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def stop(self) -> None:
        """Close the port and cut every open connection, as a database restart does."""
        # shutdown() wakes the thread blocked in accept(); close() alone leaves the port open.
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for sock in self.connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.connections.clear()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class SilentServer:
    """Accept connections on a loopback port and never answer, as a hung database server does."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(client)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for sock in self.connections:
            sock.close()


def readers_at_once(url: str, count: int) -> list[tuple[int, float]]:
    """Send count GETs at the same moment; return each one's status and seconds."""
    start = threading.Barrier(count)

    def read(_):
        start.wait()
        status, _, body, seconds = fetch(url, timeout=60)
        assert "Hệ thống tạm thời gián đoạn" in body or status != 503
        return status, seconds

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(read, range(count)))


@pytest.fixture(params=["refused", "silent"])
def unreachable_database_url(request):
    """Return the URL of a database that refuses connections, or one that never answers."""
    if request.param == "refused":
        yield f"postgres://postgres@127.0.0.1:{free_port()}/portal"
        return
    server = SilentServer()
    try:
        yield f"postgres://postgres@127.0.0.1:{server.port}/portal"
    finally:
        server.stop()


def test_sixteen_readers_of_a_lost_database_each_get_the_503_within_about_two_seconds(
    unreachable_database_url,
):
    server = Gunicorn(unreachable_database_url, workers=2)
    try:
        # Loads the URLs and templates in each worker without asking the database:
        # every page needs the portals, read from the database, but a host that
        # ALLOWED_HOSTS refuses is answered before they are asked for.
        for _ in range(4):
            assert fetch(server.url("/robots.txt"), Host="elsewhere.example")[0] == 400
        first = readers_at_once(server.url("/"), 16)
        second = readers_at_once(server.url("/chuyen-muc/thong-bao/"), 16)
    finally:
        server.stop()
    for wave in (first, second):
        assert [status for status, _ in wave] == [503] * 16
    first_seconds = sorted(seconds for _, seconds in first)
    second_seconds = sorted(seconds for _, seconds in second)
    print(
        f"first wave: median {statistics.median(first_seconds):.2f} s, "
        f"last {first_seconds[-1]:.2f} s; second wave: median "
        f"{statistics.median(second_seconds):.2f} s, last {second_seconds[-1]:.2f} s"
    )
    # A worker waits for the pool once (2 s); then it answers at once for a few seconds.
    assert first_seconds[-1] < 3
    assert second_seconds[-1] < 1


def test_unreachable_database_gives_a_vietnamese_503_within_seconds():
    server = Gunicorn(f"postgres://postgres@127.0.0.1:{free_port()}/portal")
    try:
        # The first request also waits for the worker to load the application.
        assert fetch(server.url("/"))[0] == 503
        for path in ("/", "/chuyen-muc/thong-bao/"):
            status, headers, body, seconds = fetch(server.url(path))
            assert status == 503, path
            assert seconds < 4, f"{path} took {seconds:.1f} s"
            assert "Hệ thống tạm thời gián đoạn" in body
            assert int(headers["Retry-After"]) > 0
            assert headers["Cache-Control"] == "no-store"
            assert "Traceback" not in body
    finally:
        log = server.stop()
    assert "Database unavailable" in log
    assert "Traceback" not in log


@pytest.mark.django_db
@pytest.mark.postgresql
def test_service_resumes_by_itself_when_the_database_comes_back():
    settings = connection.settings_dict
    forwarder = Forwarder((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    forwarder.start()
    user = settings["USER"]
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    server = Gunicorn(f"postgres://{user}{password}@127.0.0.1:{forwarder.port}/{settings['NAME']}")
    # Lists kept per content version outlive an outage; an article is looked
    # up in the database on every request, a missing one too (404).
    page = server.url("/tin-tuc/khong-co-bai-nay/")
    try:
        assert fetch(page)[0] == 404
        forwarder.stop()
        status, _, _, seconds = fetch(page)
        assert status == 503
        assert seconds < 4
        # Within the breaker's window: answered at once, without trying.
        status, _, _, seconds = fetch(page)
        assert status == 503
        assert seconds < 1
        forwarder.start()
        back = time.monotonic()
        deadline = back + 15
        while (status := fetch(page)[0]) != 404 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status == 404
        # No later than the breaker's window (5 s) and one attempt after the database is back.
        recovery = time.monotonic() - back
        print(f"recovered {recovery:.1f} s after the database came back")
        assert recovery < BREAKER_SECONDS + 2
    finally:
        server.stop()
        forwarder.stop()


def test_breaker_lets_one_attempt_through_after_its_window_and_closes_on_success():
    breaker = ConnectionBreaker(seconds=0.2)
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow()
    time.sleep(0.25)
    assert breaker.allow()
    # While that one attempt runs, the others still fail at once.
    assert not breaker.allow()
    breaker.record_success()
    assert breaker.allow()
    assert breaker.allow()


def test_a_pool_timeout_while_requests_hold_connections_is_overload_not_an_outage():
    breaker = ConnectionBreaker()

    class Held:
        pass

    held = Held()
    assert breaker.is_outage(PoolTimeout("couldn't get a connection"))
    breaker.held.add(held)
    assert not breaker.is_outage(PoolTimeout("couldn't get a connection"))
    assert breaker.is_outage(psycopg.OperationalError("connection refused"))
