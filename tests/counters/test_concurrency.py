"""Exact totals under real concurrency: threads, and two server processes, on PostgreSQL.

SQLite runs one writer at a time, so these tests would prove nothing there.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import timezone

from counters import selectors, services
from counters.conf import COOKIE_NAME
from counters.models import NewVisitors

from .conftest import BROWSER_UA, DATABASE_FUNCTION, hit_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Concurrency is proved on PostgreSQL, the production database.
    pytest.mark.postgresql,
]

ROOT = Path(__file__).resolve().parents[2]


def post(
    url: str, cookie: str | None = None, *, address: str = "192.0.2.1"
) -> tuple[int, dict, str | None]:
    """POST {} as a browser at the address; return the status, the JSON and the cookie it set."""
    headers = {"User-Agent": BROWSER_UA, "Content-Type": "application/json"}
    # The servers trust one proxy, which these requests play.
    headers["X-Forwarded-For"] = address
    if cookie:
        headers["Cookie"] = f"{COOKIE_NAME}={cookie}"
    request = urllib.request.Request(url, data=b"{}", method="POST", headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            set_cookie = response.headers.get("Set-Cookie") or ""
            value = None
            if set_cookie.startswith(COOKIE_NAME + "="):
                value = set_cookie.split(";", 1)[0].split("=", 1)[1]
            return response.status, json.load(response), value
    except urllib.error.HTTPError as error:
        return error.code, {}, None


def run_together(count: int, work) -> list:
    """Run work(i) in count threads released at the same moment."""
    barrier = threading.Barrier(count)

    def start(index):
        barrier.wait()
        try:
            return work(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(start, range(count)))


@pytest.mark.usefixtures("counting_path")
def test_200_threads_recording_first_views_add_exactly_200(article):
    visitors = [uuid.uuid4() for _ in range(200)]
    hits = run_together(
        200, lambda index: services.record_view(article=article, visitor=visitors[index])
    )
    assert all(hit.new_view and hit.new_visit for hit in hits)
    assert selectors.article_views(article.pk) == 200
    assert selectors.live_numbers() == {"visits": 200, "today": 200, "online": 200}


@pytest.mark.usefixtures("counting_path")
def test_one_visitor_in_50_simultaneous_requests_counts_once(article, settings):
    settings.COUNTERS_FLOOD_LIMIT = 1000
    visitor = uuid.uuid4()
    hits = run_together(50, lambda _index: services.record_view(article=article, visitor=visitor))
    assert sum(hit.new_view for hit in hits) == 1
    assert sum(hit.new_visit for hit in hits) == 1
    assert selectors.article_views(article.pk) == 1
    assert selectors.live_numbers()["visits"] == 1
    assert selectors.live_numbers()["online"] == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def two_servers(counting_path):
    """Start two gunicorn processes on the test database; return their base URLs.

    Each process serves 8 requests at a time, as many as its connection pool
    allows, so that the database sees truly concurrent transactions. They
    count through the path of the test (counting_path).
    """
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_DEBUG": "0",
        "DJANGO_STATIC_FROM_FINDERS": "1",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "COUNTERS_NEW_VISITORS_PER_MINUTE": "30",
        "COUNTERS_DATABASE_FUNCTION": "1" if counting_path == DATABASE_FUNCTION else "0",
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "1"),
                *("--worker-class", "gthread", "--threads", "8"),
                *("--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        deadline = time.monotonic() + 30
        for url in urls:
            while True:
                try:
                    urllib.request.urlopen(url + "/dem/anh.gif", timeout=5)  # noqa: S310
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def test_two_server_processes_count_into_the_same_totals(two_servers, article):
    first, second = two_servers
    path = hit_url(article)
    # One visitor moving between the processes is still one visit and one view.
    status, numbers, cookie = post(first + path)
    assert (status, numbers["views"], numbers["visits"]) == (200, 1, 1)
    assert cookie
    status, numbers, again = post(second + path, cookie=cookie)
    assert (status, numbers["views"], numbers["visits"], again) == (200, 1, 1, None)
    # Forty new visitors at once, half on each process.
    results = run_together(
        40, lambda index: post(two_servers[index % 2] + path, address=f"198.51.100.{index}")
    )
    assert [status for status, _numbers, _cookie in results] == [200] * 40
    assert selectors.article_views(article.pk) == 41
    assert post(first + path, cookie=cookie)[1] == post(second + path, cookie=cookie)[1]
    assert post(second + path, cookie=cookie)[1]["views"] == 41


def test_200_simultaneous_first_views_on_two_processes_add_exactly_200(two_servers, article):
    path = hit_url(article)
    results = run_together(
        200, lambda index: post(two_servers[index % 2] + path, address=f"203.0.113.{index}")
    )
    assert [status for status, _numbers, _cookie in results] == [200] * 200
    assert selectors.article_views(article.pk) == 200
    assert selectors.live_numbers()["visits"] == 200
    # Each answer is read in its own counting transaction: it includes its own
    # view and those committed before, not those committing at the same moment.
    assert all(1 <= numbers["views"] <= 200 for _status, numbers, _cookie in results)
    assert post(two_servers[0] + path)[1]["views"] == 201


def test_an_address_gets_exactly_its_allowance_of_new_visitors_across_two_processes(
    two_servers, article
):
    path = hit_url(article)
    # The servers keep real time: wait rather than cross into the next minute,
    # whose allowance would let more newcomers in.
    if timezone.now().second > 40:
        time.sleep(61 - timezone.now().second)
    results = run_together(60, lambda index: post(two_servers[index % 2] + path))
    assert [status for status, _numbers, _cookie in results] == [200] * 60
    cookies = [cookie for _status, _numbers, cookie in results if cookie]
    assert len(cookies) == 30
    assert selectors.article_views(article.pk) == 30
    assert selectors.live_numbers()["visits"] == 30
    # Another newcomer from that address only reads; a browser that kept its
    # cookie is still known (its view of this article is already counted).
    assert post(two_servers[0] + path)[2] is None
    status, numbers, again = post(two_servers[1] + path, cookie=cookies[0])
    assert (status, numbers["views"], again) == (200, 30, None)
    # Another address is not held back by this one.
    assert post(two_servers[0] + path, address="192.0.2.2")[1]["views"] == 31


@pytest.mark.usefixtures("counting_path")
def test_50_simultaneous_newcomers_from_one_address_take_exactly_the_allowance(article, settings):
    settings.COUNTERS_NEW_VISITORS_PER_MINUTE = 30
    now = timezone.now()
    hits = run_together(
        50,
        lambda _index: services.record_hit(
            article_id=article.pk, visitor=uuid.uuid4(), new_visitor_address="::1", now=now
        ),
    )
    assert sum(hit.new_view for hit in hits) == 30
    assert sum(hit.turned_away for hit in hits) == 20
    assert NewVisitors.objects.get().visitors == 30
    assert selectors.article_views(article.pk) == 30
    assert selectors.live_numbers()["visits"] == 30


@pytest.mark.usefixtures("counting_path")
def test_counting_without_waiting_for_the_disk_still_counts_exactly(article, settings):
    settings.COUNTERS_SYNCHRONOUS_COMMIT = False
    visitors = [uuid.uuid4() for _ in range(50)]
    run_together(50, lambda index: services.record_view(article=article, visitor=visitors[index]))
    run_together(50, lambda index: services.record_view(article=article, visitor=visitors[index]))
    assert selectors.article_views(article.pk) == 50
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # the setting was local to each transaction
