"""Benchmark the portal as it runs in production, beside a bare Django view.

    python bench/run.py            # `make bench`: 100,000 articles, ~15 s per page
    python bench/run.py --quick    # `make bench-quick`: 2,000 articles, ~3 s per page (CI)
    python bench/run.py --faults   # Redis unreachable, then PostgreSQL restarted under load
    python bench/run.py --sites 200  # `make bench-sites`: 200 portals, 500,000 articles,
                                     # the city holding 100,000: its pages and a small one's

Seeds a PostgreSQL database, serves the site with gunicorn (2 sync workers, DEBUG
off, Redis cache), warms up, then drives each page with wrk at 32 connections
and a browser user agent. Each page is reported as a ratio to the *floor*: a
view that renders a 20 KB template without the database, served by the same
gunicorn in the same run. Shared machines are noisy; ratios taken in one run are
what we compare. The table is printed and written to bench/results/latest.md.

With --sites N the database holds N portals (bench/sites.py seeds them): the
first, the city, holds --largest articles and the others share the rest. Each
server measures the city's pages, then the same pages of one small portal
(--small-portal, requests carrying its Host header), each between floors; one
table per portal goes to bench/results/sites.md. --baseline names the table of
a one-portal run (`--quick`: 2,000 articles) to set the small portal's ratios
beside.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/1"
# The Host header of the requests made now (fetch, wrk): None for the server's own address.
HOST_HEADER: dict[str, str | None] = {"host": None}


@contextlib.contextmanager
def host_header(host: str | None):
    """Send every request of the block (fetch and wrk) with this Host header."""
    saved = HOST_HEADER["host"]
    HOST_HEADER["host"] = host
    try:
        yield
    finally:
        HOST_HEADER["host"] = saved


# The search row rotates through these (each by relevance and by date, pages 1 to
# 3): common words matching most articles, rarer ones, with and without
# diacritics, and a typo. Each request also carries its own number, so that
# none is answered from the page cache: the row measures cold queries.
SEARCH_QUERIES = [
    "cải cách hành chính",
    "thành phố",
    "thanh pho",
    "tỉnh",
    "người dân",
    "UBND",
    "xe buýt",
    "dich vu cong",
    "đường dây nóng",
    "cai cach hanh chnh",
]


# Lua for wrk: count responses per status, and POST an empty JSON body when asked.
WRK_LUA = textwrap.dedent(
    """
    local threads = {}
    function setup(thread) table.insert(threads, thread) end
    function init(args)
      statuses = {}
      if args[1] == "POST" then
        wrk.method = "POST"
        wrk.body = "{}"
        wrk.headers["Content-Type"] = "application/json"
      end
    end
    function response(status, headers, body)
      statuses[status] = (statuses[status] or 0) + 1
    end
    function done(summary, latency, requests)
      local total = {}
      for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("statuses")) do
          total[status] = (total[status] or 0) + n
        end
      end
      for status, n in pairs(total) do io.write(string.format("status %d %d\\n", status, n)) end
    end
    """
)


# Lua for wrk's counting row: WRK_LUA plus a request() in which each POST comes
# from an address of its own, forwarded by the one proxy the server trusts, as
# readers arrive through nginx; each is then a new visitor within its address's
# allowance (COUNTERS_NEW_VISITORS_PER_MINUTE), which every request takes from.
# The threads repeat each other's addresses: two new visitors per address.
COUNT_LUA = textwrap.dedent(
    """
    local sent = 0
    function request()
      sent = sent + 1
      wrk.headers["X-Forwarded-For"] = string.format(
        "10.%d.%d.%d", math.floor(sent / 65536) % 256, math.floor(sent / 256) % 256, sent % 256
      )
      return wrk.format()
    end
    """
)


def search_paths(url: str) -> list[str]:
    """Return the search row's paths (queries × sorts × pages 1–3) that answer 200."""
    from urllib.parse import urlencode

    parts = urlsplit(url)
    base, path = f"{parts.scheme}://{parts.netloc}", parts.path
    paths = [
        f"{path}?{urlencode({'q': query, 'sort': sort, 'page': page})}"
        for query in SEARCH_QUERIES
        for sort in ("", "date")
        for page in (1, 2, 3)
    ]
    # A rare word has no page 3; wrk would count its 404 as an error.
    return [p for p in paths if fetch(base + p)[0] == 200]


def document_search_paths(url: str, numbers: list[str]) -> list[str]:
    """Return the document number search row's paths: each number asked as readers type it."""
    from urllib.parse import urlencode

    parts = urlsplit(url)
    return [f"{parts.path}?{urlencode({'q': number})}" for number in numbers]


def search_latency(url: str, paths: list[str]) -> str:
    """Return how long cold searches take one at a time: what a reader waits, without a queue."""
    if not paths:
        return ""
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    run_id = secrets.token_hex(4)
    # Requests wrk left queued in the server are answered first: wait for them.
    fetch(f"{base}{paths[0]}&r=drain-{run_id}")
    times = sorted(
        fetch(f"{base}{path}&r=alone-{run_id}-{n}")[2] * 1000 for n, path in enumerate(paths)
    )
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return (
        f"one at a time: p50 {statistics.median(times):.0f} ms, "
        f"p90 {p90:.0f} ms, max {times[-1]:.0f} ms"
    )


def search_lua(paths: list[str]) -> str:
    """Return the wrk Lua of the search row: WRK_LUA plus a request() rotating the paths.

    Each request carries a number unique to this run, so the page cache never answers.
    """
    listed = ",\n".join(f'  "{path}"' for path in paths)
    return WRK_LUA + textwrap.dedent(
        """
        local paths = {
        %s
        }
        local counter = 0
        function setup(thread)
          table.insert(threads, thread)
          thread:set("id", #threads)
        end
        function request()
          counter = counter + 1
          local path = paths[(counter %% #paths) + 1]
          return wrk.format(nil, path .. "&r=%s-" .. id .. "-" .. counter)
        end
        """
    ) % (listed, secrets.token_hex(4))


@dataclass
class Page:
    """A page to measure, found by URL name; the first candidate that resolves wins."""

    label: str
    candidates: list  # (url name, kwargs from context) or a literal path
    query: str = ""
    uncached: float | None = 0.5  # least ratio to the floor, page cache off
    cached: float | None = None  # least ratio to the floor, page cache on
    method: str = "GET"


def ctx_kwargs(*names, **renamed):
    """Return a function giving URL kwargs from the context: names as they are, or renamed."""
    pairs = {name: name for name in names} | renamed
    return lambda ctx: {kwarg: ctx[key] for kwarg, key in pairs.items()}


PAGES = [
    Page("home", [("news:home", None)], cached=2.0),
    Page("category, page 1", [("news:category", ctx_kwargs("slug"))]),
    Page("category, middle page", [("news:category", ctx_kwargs("slug"))], query="deep"),
    Page("article", [("news:article", ctx_kwargs(slug="article_slug"))], cached=2.0),
    Page("article view count (POST)", ["hit-url"], uncached=1.0, cached=1.0, method="POST"),
    Page("archive month", [("news:archive_month", ctx_kwargs("year", "month"))]),
    Page("calendar", [("news:archive_calendar_block", ctx_kwargs("year", "month"))]),
    Page("search", [("news:search", None)], query="search", uncached=0.2),
    Page("print view", [("news:article_print", ctx_kwargs(slug="article_slug"))]),
    Page("documents list", [("documents:list", None)]),
    Page("document", [("documents:detail", ctx_kwargs(pk="document_pk"))]),
    Page(
        "document number search",
        [("documents:list", None)],
        query="document-search",
        uncached=0.2,
    ),
    Page(
        "RSS feed",
        [("news:feed", None)],
        cached=0.5,
    ),
    Page(
        "sitemap",
        [("sitemap", None)],
        cached=0.5,
    ),
]


@dataclass
class Result:
    label: str
    mode: str
    rps: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    ratio: float | None = None
    target: float | None = None
    errors: int = 0
    statuses: dict = field(default_factory=dict)
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.errors:
            return "FAIL (errors)"
        if self.target is None or self.ratio is None:
            return "–"
        return "pass" if self.ratio >= self.target else "FAIL"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def manage(*args: str, env: dict, quiet: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def fetch(url: str, *, method: str = "GET", timeout: float = 30) -> tuple[int, bytes, float]:
    """Return status, body and seconds for one request with the browser user agent."""
    data = b"{}" if method == "POST" else None
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
    request.add_header("User-Agent", USER_AGENT)
    if HOST_HEADER["host"]:
        request.add_header("Host", HOST_HEADER["host"])
    if data:
        request.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.perf_counter() - started
    except OSError:
        return 0, b"", time.perf_counter() - started


# --- database and data -----------------------------------------------------------------


def create_database(url: str, *, fresh: bool) -> None:
    """Create the database of url unless it exists; drop it first if fresh."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            log(f"dropping database {name}")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if fresh or not exists:
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare_database(env: dict, articles: int, *, documents: int, fresh: bool) -> None:
    """Create (re-create if fresh), migrate and seed the database up to `articles` articles.

    And up to `documents` documents (the documents library's pages).
    """
    import psycopg

    url = env["DATABASE_URL"]
    create_database(url, fresh=fresh)
    manage("migrate", "--noinput", "-v0", env=env)
    with psycopg.connect(url) as conn:
        present = conn.execute("SELECT count(*) FROM news_article").fetchone()[0]
    missing = articles - present
    if missing > 0:
        log(f"seeding {missing} articles ({present} present)")
        # The demo app, which has load_demo, is installed for the seeding only.
        manage("load_demo", "--articles", str(missing), env={**env, "DJANGO_DEMO": "1"})
    with psycopg.connect(url) as conn:
        present = conn.execute("SELECT count(*) FROM documents_document").fetchone()[0]
    if documents - present > 0:
        log(f"seeding {documents - present} documents ({present} present)")
        demo_env = {**env, "DJANGO_DEMO": "1"}
        manage("load_demo", "--documents", str(documents - present), env=demo_env)
    # What autovacuum does after a bulk load, done now: fresh statistics, visibility map.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def prepare_sites(env: dict, portals: int, articles: int, largest: int, *, fresh: bool) -> None:
    """Create, migrate and seed the database of many portals (bench/sites.py), then vacuum."""
    import psycopg

    url = env["DATABASE_URL"]
    create_database(url, fresh=fresh)
    manage("migrate", "--noinput", "-v0", env=env)
    with psycopg.connect(url) as conn:
        present = conn.execute("SELECT count(*) FROM news_article").fetchone()[0]
        made = conn.execute("SELECT count(*) FROM portals_portal").fetchone()[0]
    if present >= articles and made >= portals:
        log(f"{made} portals and {present} articles present")
    else:
        log(f"seeding {portals} portals, {articles} articles ({made}, {present} present)")
        demo_env = {**env, "DJANGO_DEMO": "1"}
        # The city's demo content (and the demo's two wards) first, as a single-site run has it;
        # then bench/sites.py makes the other portals and tops every portal up to its share.
        manage("load_demo", env=demo_env, quiet=True)
        subprocess.run(
            [
                *(PYTHON, "-m", "bench.sites", "--portals", str(portals)),
                *("--articles", str(articles), "--largest", str(largest)),
            ],
            cwd=ROOT,
            env=demo_env,
            check=True,
        )
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def page_context(site_id: int | None = None) -> dict:
    """Return the values the page URLs need, read from the seeded database (of one portal)."""
    from django.conf import settings
    from django.db.models import Count
    from django.utils import timezone

    from core.sites import FIRST_SITE_ID
    from documents.models import Document
    from news.models import Article, Category

    site_id = site_id or FIRST_SITE_ID
    public = Article.objects.published().of_portal(site_id)
    longest = (
        Category.objects.filter(site_id=site_id, articles__in=public)
        .annotate(n=Count("articles"))
        .order_by("-n")
        .first()
    )
    pages = -(-longest.n // settings.NEWS_PAGE_SIZE)
    in_category = public.filter(category=longest).newest_first()
    article = in_category[min(longest.n - 1, 1000)]
    newest = timezone.localtime(public.newest_first().first().published_at)
    documents = Document.objects.published().order_by("-issued_on", "-id")
    document_count = documents.count()
    # Numbers readers look up: spread over the library, asked in full.
    step = max(1, document_count // 20)
    numbers = list(documents.values_list("number", flat=True)[:document_count:step][:20])
    return {
        "documents": document_count,
        "document_pk": documents.values_list("pk", flat=True)[document_count // 2]
        if document_count
        else None,
        "document_numbers": numbers,
        "slug": longest.slug,
        "category_articles": longest.n,
        "deep_page": max(1, pages // 2),
        "article_slug": article.slug,
        "year": newest.year,
        "month": newest.month,
        "articles": public.count(),
    }


def resolve_pages(ctx: dict, base: str) -> tuple[list[tuple[Page, str]], list[str]]:
    """Return the measurable pages with their URLs, and notes on those skipped."""
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    found, notes = [], []
    for page in PAGES:
        url = None
        for candidate in page.candidates:
            if candidate == "hit-url":
                url = ctx.get("hit_url")
                break
            if isinstance(candidate, str):
                with contextlib.suppress(Resolver404):
                    resolve(candidate)
                    url = candidate
                    break
                continue
            name, kwargs = candidate
            try:
                url = reverse(name, kwargs=kwargs(ctx) if kwargs else None)
                break
            except NoReverseMatch:
                continue
        if url is None:
            notes.append(f"{page.label}: skipped, no such URL in this build")
            continue
        if page.query == "deep":
            url += f"?page={ctx['deep_page']}"
        elif page.query == "search":
            # The first query for warming up; wrk rotates through all (search_lua).
            url += "?" + urlencode({"q": SEARCH_QUERIES[0]})
        elif page.query == "document-search":
            if not ctx["document_numbers"]:
                notes.append(f"{page.label}: skipped, no documents")
                continue
            url += "?" + urlencode({"q": ctx["document_numbers"][0]})
        found.append((page, base + url if url.startswith("/") else url))
    return found, notes


def find_hit_url(article_url: str) -> str | None:
    """Return the counting endpoint the article page names (data-hit-url), if any."""
    status, body, _ = fetch(article_url)
    match = re.search(rb'data-hit-url="([^"]+)"', body)
    if status != 200 or not match:
        return None
    return match.group(1).decode().replace("&amp;", "&")


# --- servers -------------------------------------------------------------------------


class Gunicorn:
    """The portal under gunicorn as in production, on a free loopback port."""

    def __init__(self, env: dict, *, workers: int, log_path: Path, **extra_env: str):
        self.port = free_port()
        self.log_path = log_path
        self.process = subprocess.Popen(
            [
                *(PYTHON, "-m", "gunicorn", "portal.wsgi", "--workers", str(workers)),
                *("--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}"),
                *("--timeout", "30", "--error-logfile", str(log_path)),
            ],
            cwd=ROOT,
            env={**env, **extra_env},
            stdout=subprocess.DEVNULL,
            # The portal's own log (warnings of the cache, the database) goes to stderr.
            stderr=log_path.open("ab"),
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if fetch(self.base + "/__bench__/floor/", timeout=5)[0] == 200:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not start; see {log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class Nginx:
    """deploy/nginx.conf, with bench ports and paths, run in the foreground."""

    def __init__(self, workdir: Path, upstream_port: int, static_root: Path):
        # Imported here: run as a script, the repository root is on the path only from main().
        from bench.nginx import ConfigError, NginxServer

        www = workdir / "nginx" / "www"
        www.mkdir(parents=True, exist_ok=True)
        try:
            self.server = NginxServer(
                workdir / "nginx",
                upstream_port=upstream_port,
                static_root=static_root,
                media_root=workdir / "media",
                # The same-size static file is served by the same server block.
                extra_locations=f"location = /same-size.html {{\n    root {www};\n}}",
            )
        except ConfigError as error:
            raise SystemExit(str(error)) from None
        self.dir, self.port, self.base = self.server.dir, self.server.port, self.server.base

    def stop(self) -> None:
        self.server.stop()


# --- load ----------------------------------------------------------------------------


def to_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, *, seconds: float, connections: int, script: Path, method: str = "GET"):
    """Run wrk and return (requests/s, p50 ms, p99 ms, errors, statuses)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    command += ["-H", f"User-Agent: {USER_AGENT}", "-s", str(script), url, "--", method]
    if HOST_HEADER["host"]:
        command[1:1] = ["-H", f"Host: {HOST_HEADER['host']}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    statuses = {int(s): int(n) for s, n in re.findall(r"^status (\d+) (\d+)", output, re.M)}
    socket_errors = re.search(r"Socket errors: (.*)", output)
    errors = sum(n for status, n in statuses.items() if status >= 400)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return rps, to_ms(percentiles["50"]), to_ms(percentiles["99"]), errors, statuses


@dataclass
class Run:
    seconds: float
    connections: int
    script: Path
    # The numbers the document number search row asks (page_context).
    document_numbers: list = field(default_factory=list)

    def measure(
        self, label: str, mode: str, url: str, *, method: str = "GET", script: Path | None = None
    ) -> Result:
        rps, p50, p99, errors, statuses = wrk(
            url,
            seconds=self.seconds,
            connections=self.connections,
            script=script or self.script,
            method=method,
        )
        log(f"{mode:9} {label:28} {rps:8.1f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
        result = Result(label, mode, rps, p50, p99, errors=errors, statuses=statuses)
        if not statuses:
            result.errors += 1
            result.note = "no answer completed during the run"
        return result


def warm_up(urls: list[tuple[str, str]], rounds: int) -> None:
    for method, url in urls:
        for _ in range(rounds if method == "GET" else 1):
            fetch(url, method=method)


def measure_server(
    run: Run, server: Gunicorn, pages: list[tuple[Page, str]], *, mode: str, rounds: int
) -> list[Result]:
    """Measure each page between two runs of the floor, and rate it against their mean.

    Other work on a shared machine comes and goes within a run; a floor taken
    right before and right after each page follows it.
    """
    floor_url = server.base + "/__bench__/floor/"
    local = [(page, url.replace("{base}", server.base)) for page, url in pages]
    warm_up([("GET", floor_url)] + [(p.method, u) for p, u in local], rounds)
    wrk(floor_url, seconds=min(3, run.seconds), connections=run.connections, script=run.script)
    floors = [run.measure("floor (bare Django view)", mode, floor_url)]
    results = []
    for page, url in local:
        if page.method == "POST":
            result = measure_count(run, page, url, mode)
        elif page.query == "document-search":
            paths = document_search_paths(url, run.document_numbers)
            script = run.script.with_name("wrk-document-search.lua")
            script.write_text(search_lua(paths))
            result = run.measure(page.label, mode, url, script=script)
            result.target = page.uncached if mode == "uncached" else page.cached
            result.note = " ".join(
                [
                    result.note,
                    f"{len(paths)} numbers, none cached;",
                    search_latency(url, paths),
                ]
            ).strip()
        elif page.query == "search":
            paths = search_paths(url)
            script = run.script.with_name("wrk-search.lua")
            script.write_text(search_lua(paths))
            result = run.measure(page.label, mode, url, script=script)
            result.target = page.uncached if mode == "uncached" else page.cached
            result.note = " ".join(
                [
                    result.note,
                    f"{len(SEARCH_QUERIES)} queries, 2 sorts, pages 1–3, none cached;",
                    search_latency(url, paths),
                ]
            ).strip()
        else:
            result = run.measure(page.label, mode, url)
            result.target = page.uncached if mode == "uncached" else page.cached
        floors.append(run.measure("floor (bare Django view)", mode, floor_url))
        around = statistics.mean(f.rps for f in floors[-2:])
        result.ratio = result.rps / around if around else None
        results.append(result)
    floor = Result("floor (bare Django view)", mode, statistics.mean(f.rps for f in floors))
    floor.p50 = statistics.mean(f.p50 for f in floors)
    floor.p99 = statistics.mean(f.p99 for f in floors)
    floor.ratio = 1.0
    floor.errors = sum(f.errors for f in floors)
    floor.note = (
        f"mean of {len(floors)} runs around the pages, "
        f"{min(f.rps for f in floors):.0f}–{max(f.rps for f in floors):.0f} req/s"
    )
    return [floor, *results]


def views_from(body: bytes) -> int | None:
    match = re.search(rb'"views"\s*:\s*(\d+)', body)
    return int(match.group(1)) if match else None


def measure_count(run: Run, page: Page, url: str, mode: str) -> Result:
    """Measure the counting endpoint and check that every completed POST was counted."""
    before = views_from(fetch(url, method="POST")[1])
    script = run.script.with_name("wrk-count.lua")
    script.write_text(WRK_LUA + COUNT_LUA)
    result = run.measure(page.label, mode, url, method="POST", script=script)
    result.target = page.uncached if mode == "uncached" else page.cached
    time.sleep(1)
    after = views_from(fetch(url, method="POST")[1])
    completed = result.statuses.get(200, 0)
    if before is None or after is None:
        result.note = "no view count in the answer"
        return result
    counted = after - before - 1
    # wrk stops the clock with up to one request per connection still in flight.
    in_flight = counted - completed
    exact = 0 <= in_flight <= run.connections
    result.note = (
        f"count {'exact' if exact else 'WRONG'}: {counted} counted for {completed} answered"
        f" (+{in_flight} in flight at the cut)"
    )
    if not exact:
        result.errors += 1
    return result


def measure_nginx(run: Run, workdir: Path, server: Gunicorn, article_url: str, static_root: Path):
    """Measure the article through deploy/nginx.conf beside a static file of the same size."""
    if not shutil.which("nginx"):
        return [], ["nginx: skipped, not installed (apt-get install nginx-light)"]
    nginx = Nginx(workdir, server.port, static_root)
    try:
        path = article_url.split(str(server.port), 1)[1]
        status, body, _ = fetch(nginx.base + path)
        if status != 200:
            return [], [f"nginx: article answered {status}"]
        (nginx.dir / "www" / "same-size.html").write_bytes(body)
        warm_up([("GET", nginx.base + path), ("GET", nginx.base + "/same-size.html")], 5)
        static = run.measure(
            f"static file, {len(body) // 1024} KB", "nginx", nginx.base + "/same-size.html"
        )
        article = run.measure("article through proxy cache", "nginx", nginx.base + path)
        static.ratio = 1.0
        article.ratio = article.rps / static.rps if static.rps else None
        article.target = 0.5
        article.note = "ratio to the static file through the same nginx"
        return [static, article], []
    finally:
        nginx.stop()


# --- faults --------------------------------------------------------------------------


class Probe(threading.Thread):
    """Request a page every 100 ms and record (time, status, seconds)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.samples: list[tuple[float, int, float]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            status, _, seconds = fetch(self.url, timeout=30)
            self.samples.append((time.monotonic(), status, seconds))
            time.sleep(0.1)


def faults(args, env: dict, workdir: Path, pages: list[tuple[Page, str]], run: Run) -> list[str]:
    """Run the site with Redis unreachable, then restart PostgreSQL under load; report."""
    lines = ["## Faults", ""]
    by_label = {page.label: (page, url) for page, url in pages}
    watched = [
        label for label in ("home", "article", "article view count (POST)") if label in by_label
    ]

    # 1. Redis unreachable: a closed port rather than stopping a Redis others may share.
    dead = f"redis://127.0.0.1:{free_port()}/1"
    server = Gunicorn(
        env, workers=2, log_path=workdir / "redis-down.log", REDIS_URL=dead, PAGE_CACHE="1"
    )
    try:
        lines += [f"Redis unreachable (REDIS_URL={dead}), page cache on:", ""]
        lines += ["| page | req/s | p50 ms | p99 ms | statuses |", "|---|---:|---:|---:|---|"]
        for label in watched:
            page, url = by_label[label]
            result = run.measure(
                label, "no redis", url.replace("{base}", server.base), method=page.method
            )
            lines.append(
                f"| {label} | {result.rps:.0f} | {result.p50:.1f} | {result.p99:.1f} | "
                f"{dict(sorted(result.statuses.items()))} {result.note} |"
            )
        warned = "Redis cache unavailable" in server.log_text()
        lines += ["", f"Warning in the log: {'yes' if warned else 'NO'}.", ""]
    finally:
        server.stop()

    # 2. PostgreSQL restarted while pages are under load (page cache off: every article
    #    request reads the article; lists kept per content version may not need the
    #    database, so the probe asks for the article too).
    cluster = args.pg_cluster.split()
    log(f"WARNING: restarting PostgreSQL cluster {' '.join(cluster)} in a few seconds")
    server = Gunicorn(env, workers=2, log_path=workdir / "pg-restart.log", PAGE_CACHE="0")
    try:
        page, url = by_label["article"]
        url = url.replace("{base}", server.base)
        probe = Probe(url)
        probe.start()
        results: list = []
        load = threading.Thread(
            target=lambda: results.append(
                wrk(url, seconds=run.seconds + 15, connections=run.connections, script=run.script)
            )
        )
        load.start()
        time.sleep(5)
        restart_at = time.monotonic()
        if args.outage:
            # A longer outage than a restart, to see the 503 answers and the recovery.
            subprocess.run(["pg_ctlcluster", *cluster, "stop"], check=True)
            time.sleep(args.outage)
            subprocess.run(["pg_ctlcluster", *cluster, "start"], check=True)
        else:
            subprocess.run(["pg_ctlcluster", *cluster, "restart"], check=True)
        restarted_at = time.monotonic()
        load.join()
        probe.stopped.set()
        probe.join()
    finally:
        server.stop()
    rps, _, _, errors, statuses = results[0]
    after = [
        (t - restart_at, status, seconds) for t, status, seconds in probe.samples if t >= restart_at
    ]
    failures = [sample for sample in after if sample[1] != 200]
    last_failure = max((t for t, _, _ in failures), default=None)
    recovered = next(
        (
            t
            for t, status, _ in after
            if status == 200 and (last_failure is None or t > last_failure)
        ),
        None,
    )
    slowest_failure = max((seconds for _, _, seconds in failures), default=0.0)
    others = sum(n for status, n in statuses.items() if status not in (200, 503))
    log_text = server.log_text()
    lines += [
        f"PostgreSQL {'stopped for ' + str(args.outage) + ' s' if args.outage else 'restarted'}"
        f" (`pg_ctlcluster {' '.join(cluster)}`, down for "
        f"{restarted_at - restart_at:.1f} s) under load on the article page (page cache off):",
        "",
        f"- load: {rps:.0f} req/s overall, statuses {dict(sorted(statuses.items()))}, "
        f"other errors {errors - statuses.get(503, 0) - others}",
        f"- 503 answers: {statuses.get(503, 0)}; answers other than 200/503: {others}",
        f"- probe (one request every 100 ms): {len(failures)} failed of {len(after)}"
        " after the restart;"
        f" slowest failed answer {slowest_failure:.2f} s",
        (
            f"- recovered (first 200 after the last failure) {recovered:.1f} s"
            " after the restart began"
            if failures
            else "- the probe saw no failure"
        )
        if recovered is not None
        else "- did NOT recover during the run",
        f"- tracebacks in the gunicorn log: {log_text.count('Traceback')}",
        "",
    ]
    return lines


# --- report --------------------------------------------------------------------------


def table(results: list[Result]) -> list[str]:
    lines = [
        "| page | mode | req/s | p50 ms | p99 ms | × floor | target | result | notes |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "–"
        target = f"≥ {r.target:g}" if r.target is not None else "–"
        lines.append(
            f"| {r.label} | {r.mode} | {r.rps:.0f} | {r.p50:.1f} | {r.p99:.1f} | {ratio} | "
            f"{target} | {r.verdict} | {r.note} |"
        )
    return lines


@dataclass
class Target:
    """A portal whose pages a run measures: its label, site, Host header and URL values."""

    label: str
    site_id: int | None = None
    host: str | None = None
    ctx: dict = field(default_factory=dict)


def sites_targets(small_domain: str | None) -> list[Target]:
    """Return the city and one small portal (by domain, or the median one) of a --sites run."""
    from core.sites import FIRST_SITE_ID
    from portals.models import HostName, Portal

    city = Portal.objects.get(pk=FIRST_SITE_ID)
    if small_domain:
        small = HostName.objects.select_related("portal").get(name=small_domain).portal
    else:
        others = list(
            Portal.objects.exclude(pk=FIRST_SITE_ID).order_by("pk").values_list("pk", flat=True)
        )
        small = Portal.objects.get(pk=others[len(others) // 2])
    host = small.host_names.order_by("name").values_list("name", flat=True).first()
    return [
        Target(f"{city.name} (the city, Site {city.pk})", city.pk),
        Target(f"{small.name} ({host}, Site {small.pk})", small.pk, host),
    ]


def baseline_ratios(path: Path | None) -> dict[tuple[str, str], float]:
    """Return the ratios to the floor by (page, mode) of a table bench/run.py wrote."""
    if not path:
        return {}
    ratios = {}
    for line in path.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 9 and re.fullmatch(r"[\d.]+", cells[5]):
            ratios.setdefault((cells[0], cells[1]), float(cells[5]))
    return ratios


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="2,000 articles, 3 s per page")
    parser.add_argument(
        "--faults", action="store_true", help="also break Redis and restart PostgreSQL"
    )
    parser.add_argument(
        "--sites",
        type=int,
        metavar="N",
        help="N portals (500,000 articles in all unless --articles): the city's pages and a small"
        " portal's",
    )
    parser.add_argument(
        "--largest", type=int, default=100_000, help="with --sites: the city's articles"
    )
    parser.add_argument(
        "--small-portal",
        metavar="DOMAIN",
        help="with --sites: the small portal to measure (default: the middle one by id)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="TABLE",
        help="with --sites: a one-portal run's table (e.g. --quick's) to compare the small"
        " portal's ratios with",
    )
    parser.add_argument("--articles", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument(
        "--pg-cluster", default="15 main", help="for --faults: pg_ctlcluster VERSION NAME"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work files (logs)")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="LABEL",
        help="measure only the pages whose label holds one of these words (and the floor)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="re-create the database first (always so with --quick; a full run reuses its data)",
    )
    parser.add_argument(
        "--outage", type=float, default=0, help="for --faults: stop PostgreSQL this long instead"
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if args.sites and (args.quick or args.faults):
        parser.error("--sites measures at full scale, without --quick or --faults")
    if args.sites:
        articles = args.articles or 500_000
        default_database = DEFAULT_DATABASE + "_sites"
    else:
        articles = args.articles or (2_000 if args.quick else 100_000)
        default_database = DEFAULT_DATABASE + ("_quick" if args.quick else "")
    documents = 1_000 if args.quick else 50_000
    seconds = args.seconds or (4 if args.quick else 15)
    database_url = args.database_url or default_database
    output = args.output or RESULTS / ("sites.md" if args.sites else "latest.md")

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    notes = []
    redis_url = args.redis_url
    redis_host, redis_port = re.search(r"//([^:/]+):(\d+)", redis_url).groups()
    if not port_open(redis_host, int(redis_port)):
        notes.append(f"Redis not reachable at {redis_url}: local-memory cache per worker instead")
        redis_url = ""
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    static_root = workdir / "static"
    # Imported here: run as a script, the repository root is on the path only from now.
    sys.path.insert(0, str(ROOT))
    from bench.sites import DOMAIN_SUFFIX

    env = {
        **os.environ,
        # The portal's settings plus the floor's route (bench/settings.py).
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        # The city answers on these; the portals of --sites on pNNN.bench.localhost.
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost" + f",.{DOMAIN_SUFFIX}" * bool(args.sites),
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_STATIC_FROM_FINDERS": "0",
        # The counting row's wrk plays the proxy (COUNT_LUA); nginx, where used, is one too.
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # Keys of its own, so that another site or run sharing this Redis cannot answer for it.
        "CACHE_KEY_PREFIX": f"bench-{database_url.rsplit('/', 1)[1]}-{secrets.token_hex(4)}",
    }
    os.environ.update(env)
    log(f"database {database_url}, {articles} articles; work files in {workdir}")
    if args.sites:
        prepare_sites(env, args.sites, articles, args.largest, fresh=args.fresh)
    else:
        prepare_database(env, articles, documents=documents, fresh=args.fresh or args.quick)
    manage("collectstatic", "--noinput", "-v0", env=env)

    import django

    django.setup()
    targets = sites_targets(args.small_portal) if args.sites else [Target("")]
    for target in targets:
        target.ctx = page_context(target.site_id)
    from django.db import connections

    connections.close_all()
    run = Run(
        seconds=seconds,
        connections=args.connections,
        script=workdir / "wrk.lua",
        document_numbers=targets[0].ctx["document_numbers"],
    )
    run.script.write_text(WRK_LUA)

    results: dict[str, list[Result]] = {target.label: [] for target in targets}
    fault_lines: list[str] = []
    for mode, page_cache in (("uncached", "0"), ("cached", "1")):
        server = Gunicorn(env, workers=2, log_path=workdir / f"{mode}.log", PAGE_CACHE=page_cache)
        try:
            from django.urls import reverse

            for target in targets:
                ctx = target.ctx
                with host_header(target.host):
                    article_url = server.base + reverse(
                        "news:article", kwargs={"slug": ctx["article_slug"]}
                    )
                    ctx["hit_url"] = find_hit_url(article_url)
                    if ctx["hit_url"] and ctx["hit_url"].startswith("/"):
                        ctx["hit_url"] = "{base}" + ctx["hit_url"]
                    pages, skipped = resolve_pages(ctx, "{base}")
                    if args.sites:
                        # The documents library is not per portal, nor seeded by --sites.
                        pages = [(p, url) for p, url in pages if not p.label.startswith("document")]
                        skipped = [note for note in skipped if not note.startswith("document")]
                    if args.only:
                        pages = [
                            (p, url) for p, url in pages if any(w in p.label for w in args.only)
                        ]
                    if mode == "uncached":
                        notes += [f"{target.label}: {note}" for note in skipped]
                    results[target.label] += measure_server(
                        run, server, pages, mode=mode, rounds=3 if args.quick else 20
                    )
                if mode == "cached" and not args.only and not args.sites:
                    nginx_results, nginx_notes = measure_nginx(
                        run, workdir, server, article_url, static_root
                    )
                    results[target.label] += nginx_results
                    notes += nginx_notes
        finally:
            server.stop()
    if args.faults:
        fault_lines = faults(args, env, workdir, pages, run)

    command = "python bench/run.py" + " --quick" * args.quick + " --faults" * args.faults
    if args.sites:
        command += f" --sites {args.sites}"
    lines = [f"# Benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", ""]
    setup = (
        f"gunicorn 2 sync workers, DEBUG off, cache {'Redis' if redis_url else 'local memory'},"
        f" wrk -t2 -c{args.connections} {seconds:g} s per page, {os.cpu_count()} CPUs."
    )
    about = (
        "Each page's ratio is to the mean of the floor measured just before and just after it,"
        " by the same server (page cache off for `uncached`, on for `cached`)."
    )
    if not args.sites:
        ctx = targets[0].ctx
        lines += [
            f"`{command}`: {ctx['articles']} public articles and {ctx['documents']} documents"
            f" (longest category"
            f" {ctx['category_articles']}, middle page {ctx['deep_page']}), {setup}",
            about,
            "",
            *table(results[targets[0].label]),
        ]
    else:
        baseline = baseline_ratios(args.baseline)
        lines += [
            f"`{command}`: {args.sites} portals, {articles} articles in all, {setup}",
            about + " Both portals are measured by the same servers, one after the other;"
            " the small portal's requests carry its Host header.",
        ]
        for number, target in enumerate(targets):
            ctx = target.ctx
            rows = results[target.label]
            if number and baseline:
                for row in rows:
                    one = baseline.get((row.label, row.mode))
                    if one and row.ratio and row.label != "floor (bare Django view)":
                        row.note = (
                            f"one portal: {one:.2f}× ({row.ratio / one:.0%} of it); {row.note}"
                        ).rstrip("; ")
            lines += [
                "",
                f"## {target.label}",
                "",
                f"{ctx['articles']} public articles, longest category {ctx['category_articles']}"
                f" (`{ctx['slug']}`), middle page {ctx['deep_page']}.",
                "",
                *table(rows),
            ]
        if baseline:
            lines += [
                "",
                f"The small portal's notes give the ratio of the same page in `{args.baseline}`"
                " (a one-portal install) and this run's ratio as a share of it.",
            ]
    lines += ["", *(f"- {note}" for note in notes), "", *fault_lines]
    report = "\n".join(lines) + "\n"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report)
    print("\n" + report)
    log(f"written to {output}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    broken = [(label, r) for label, rows in results.items() for r in rows if r.errors]
    if broken:
        log("errors on: " + ", ".join(f"{r.label} ({r.mode}) {label}" for label, r in broken))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
