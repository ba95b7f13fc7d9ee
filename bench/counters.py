"""Benchmark the counting endpoint as in production, beside a bare Django view.

Creates (or re-creates) a PostgreSQL database for the benchmark, migrates it,
seeds a few articles, serves the portal with gunicorn (2 sync workers, DEBUG
off) on a free loopback port, hammers the article counting endpoint with wrk
(32 connections, a browser's user agent, POST {} with no cookie so that every
request is a new visitor's first view, each from an address of its own behind
one trusted proxy, so that each takes from its address's allowance of new
visitors and none is turned away), and measures the floor before and
after: a Django view rendering a 20 KB template with no database, served the
same way. The floor is their mean; on a shared machine the two differ, which
shows how far to trust the ratios.

The counting runs twice: with durable commits (COUNTERS_SYNCHRONOUS_COMMIT
on) and without waiting for the disk (off, the default). It prints views per second beside the
floor's requests per second, and whether each final count is exact: the
article's total and the site's total must grow by the number of 200 answers
that gunicorn logged. wrk's own tally can
be a little lower: it does not count the requests in flight when it stops,
which the server still answers and counts.

    python -m bench.counters [--duration 10] [--quick]
"""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench_counters"
SEED = """
from django.utils import timezone
from news.models import Article, Category
category = Category.objects.create(name="Tin tức về cải cách Thủ tục hành chính")
for n in range(3):
    Article.objects.create(
        title=f"Bài đo hiệu năng {n}", lead="Tóm tắt.", body="<p>Nội dung.</p>",
        category=category, status="published", published_at=timezone.now(),
    )
print(*Article.objects.order_by("pk").values_list("pk", flat=True))
"""
TOTALS = """
from counters import selectors
print(selectors.article_views({article_id}), selectors.live_numbers()["visits"])
"""


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if "bench" not in name:
        sys.exit(
            f"Refusing to re-create {name!r}: the benchmark's database name must hold 'bench'."
        )
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def totals(env: dict, article_id: int) -> tuple[int, int]:
    """Return the article's views and the site's visits, read from the database."""
    output = manage(env, "shell", "-v0", "-c", TOTALS.format(article_id=article_id))
    views, visits = output.split()
    return int(views), int(visits)


@contextlib.contextmanager
def gunicorn(env: dict):
    """Serve the portal as in production; yield its URL and a list that receives its access log."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "access.log"
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "2"),
                *("--bind", f"127.0.0.1:{port}", "--access-logfile", str(log)),
                *("--access-logformat", "%(m)s %(U)s %(s)s", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=env,
        )
        lines: list[str] = []
        try:
            wait_until_up(base + "/bench/floor/", server)
            yield base, lines
        finally:
            server.terminate()
            server.wait(timeout=30)
            if log.exists():
                lines.extend(log.read_text().splitlines())


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited while starting.")
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer within 30 s.")


def wrk(url: str, *, duration: int, connections: int, script: str | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["-H", f"User-Agent: {BROWSER_UA}"]
    if script:
        command += ["-s", str(ROOT / "bench" / script)]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout

    def find(pattern, cast=float, default=None):
        match = re.search(pattern, output)
        return cast(match.group(1)) if match else default

    requests = find(r"(\d+) requests in", int, 0)
    return {
        "rps": find(r"Requests/sec:\s+([\d.]+)"),
        "requests": requests,
        "ok": requests - find(r"Non-2xx or 3xx responses: (\d+)", int, 0),
        "p50": find(r"\s50%\s+(\S+)", str),
        "p99": find(r"\s99%\s+(\S+)", str),
        "output": output,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--quick", action="store_true", help="3 seconds per measurement (CI)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE),
        help="PostgreSQL URL of a database the benchmark may drop and re-create",
    )
    args = parser.parse_args()
    duration = 3 if args.quick else args.duration
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk).")

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_STATIC_FROM_FINDERS": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # post.lua plays the proxy: each request comes from another address.
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "COUNTERS_NEW_VISITORS_PER_MINUTE": "30",
        "PYTHONWARNINGS": "ignore:No directory at",
    }
    print(f"Database: {args.database_url} (re-created)")
    recreate_database(args.database_url)
    manage(env, "migrate", "--noinput", "-v0")
    article_ids = [int(pk) for pk in manage(env, "shell", "-v0", "-c", SEED).split()]

    def measure_floor(when: str) -> dict:
        print(f"floor ({when}): GET /bench/floor/ for {duration} s ...", flush=True)
        with gunicorn(env) as (base, _access_log):
            return wrk(base + "/bench/floor/", duration=duration, connections=args.connections)

    load_before = os.getloadavg()[0]
    floors = [measure_floor("before")]
    runs = []
    for label, extra in (
        ("counting, durable commits", {"COUNTERS_SYNCHRONOUS_COMMIT": "1"}),
        ("counting, synchronous_commit off", {"COUNTERS_SYNCHRONOUS_COMMIT": "0"}),
    ):
        article_id = article_ids[len(runs)]
        hit_path = f"/dem/bai-viet/{article_id}/"
        before = totals(env, article_id)
        print(f"{label}: POST {hit_path} for {duration} s ...", flush=True)
        with gunicorn({**env, **extra}) as (base, access_log):
            result = wrk(
                base + hit_path, duration=duration, connections=args.connections, script="post.lua"
            )
            time.sleep(1)  # let the requests in flight when wrk stopped finish
        after = totals(env, article_id)
        answered = access_log.count(f"POST {hit_path} 200")
        views, visits = after[0] - before[0], after[1] - before[1]
        result.update(label=label, answered=answered, views=views, visits=visits)
        result["exact"] = views == answered == visits and result["ok"] == result["requests"]
        runs.append(result)
    floors.append(measure_floor("after"))
    floor_rps = sum(floor["rps"] for floor in floors) / len(floors)

    print(f"\ngunicorn 2 sync workers, DEBUG off, PostgreSQL; wrk {args.connections} connections")
    print(f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    for run in runs:
        print(
            f"  {run['label']:36} {run['rps']:8.1f} views/s  {run['rps'] / floor_rps:5.2f}"
            f" of the floor  p50 {run['p50']}  p99 {run['p99']}"
        )
    for when, floor in zip(("before", "after"), floors, strict=True):
        print(
            f"  {'floor (' + when + '): bare Django view, 20 KB':36} {floor['rps']:8.1f} req/s"
            f"  {floor['rps'] / floor_rps:5.2f} of the floor"
            f"  p50 {floor['p50']}  p99 {floor['p99']}"
        )
    for run in runs:
        print(
            f"  exact ({run['label']}): {'yes' if run['exact'] else 'NO'}: "
            f"views counted {run['views']}, visits counted {run['visits']}, "
            f"200 answers logged by gunicorn {run['answered']}, 2xx counted by wrk {run['ok']} "
            f"of {run['requests']}"
        )
    print("  (wrk leaves out the requests still in flight when it stops; the server counts them)")
    return 0 if all(run["exact"] for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
