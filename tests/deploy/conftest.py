"""The portal as deployed: gunicorn behind deploy/nginx.conf, run as real processes.

The server gets a SQLite file of its own rather than pytest-django's test
database: that one lives inside a transaction no other process can see, and
what is checked here is the proxy, which behaves the same over either database.
Changes are made the way the portal makes them (the editorial services), in a
`manage.py shell` process of their own, as an editor's request in another
worker would; as in production, the processes learn of a change through Redis,
so without a Redis the tests are skipped, as without nginx or gunicorn.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.nginx import NginxServer, free_port

ROOT = Path(__file__).resolve().parents[2]
# Shortened from the production 60 s so the test waits seconds, not minutes.
SHARED_MAX_AGE = 3
# What "a few seconds" past s-maxage allows: a process notices the content
# version within CONTENT_VERSION_SECONDS, and the polling itself takes time.
GRACE = 3
REDIS_DEFAULT = "redis://127.0.0.1:6379/0"

SEED = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from news.models import Article, Attachment, Category

approver = get_user_model().objects.create_superuser("duyet", "duyet@example.vn", "Mat-khau-123")
category = Category.objects.create(name="Tin tức", order=1)
hour_ago = timezone.now() - dt.timedelta(hours=1)
slugs = {}
for key, title, status in [
    ("takedown", "Bài sẽ bị gỡ", "published"),
    ("edit", "Tiêu đề cũ", "published"),
    ("expiry", "Bài hết hạn", "published"),
    ("outage_kept", "Bài vẫn đọc được khi mất cơ sở dữ liệu", "published"),
    ("outage_gone", "Bài gỡ trước khi mất cơ sở dữ liệu", "published"),
    ("draft", "Bản nháp nội bộ", "draft"),
]:
    article = Article.objects.create(
        title=title, lead="Tóm tắt.", body="<p>Nội dung.</p>", byline="Kim Ngân",
        category=category, status=status, published_at=hour_ago,
    )
    slugs[key] = article.slug
attachment = Attachment(
    article=Article.objects.get(slug=slugs["takedown"]),
    file=ContentFile(b"%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%EOF\\n", name="ke-hoach.pdf"),
)
attachment.save()
client = Client()
client.force_login(approver, backend="django.contrib.auth.backends.ModelBackend")
print(json.dumps({
    "slugs": slugs,
    "attachment": attachment.get_absolute_url(),
    "session": client.cookies["sessionid"].value,
}))
"""


@dataclasses.dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    @property
    def cache_status(self) -> str | None:
        return self.headers.get("x-proxy-cache")


def get(url: str, *, cookie: str | None = None, accept_encoding: str | None = None) -> Answer:
    request = urllib.request.Request(url)  # noqa: S310 (loopback only)
    if cookie:
        request.add_header("Cookie", cookie)
    if accept_encoding:
        request.add_header("Accept-Encoding", accept_encoding)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return Answer(response.status, _lower(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, _lower(error.headers), error.read())


def _lower(headers) -> dict:
    # A repeated header (Vary from Django, then from nginx's gzip) reads as one list.
    lowered: dict[str, str] = {}
    for name, value in headers.items():
        name = name.lower()
        lowered[name] = f"{lowered[name]}, {value}" if name in lowered else value
    return lowered


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.25)
        return sock.connect_ex((host, port)) == 0


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or REDIS_DEFAULT
    address = url.split("//", 1)[1].split("/", 1)[0]
    host, _, port = address.rpartition("@")[2].partition(":")
    return url if _port_open(host, int(port or 6379)) else None


@dataclasses.dataclass
class DeployedPortal:
    """The proxy's address, the server's own, and a way to act on the data as the portal does."""

    proxy: str
    app: str
    env: dict
    database: Path
    media_root: Path
    slugs: dict
    attachment: str
    session: str

    def article(self, key: str) -> str:
        return f"/tin-tuc/{self.slugs[key]}/"

    def shell(self, code: str) -> str:
        """Run Python in a `manage.py shell` process against the server's database."""
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    @contextlib.contextmanager
    def database_down(self):
        """Take the database file away: Django answers 503, as in a database outage."""
        away = self.database.with_name(self.database.name + ".away")
        self.database.rename(away)
        try:
            yield
        finally:
            # The server may have opened (and so created) an empty file meanwhile.
            away.replace(self.database)


def _skip_reason() -> str | None:
    if not shutil.which("nginx"):
        return "nginx is not installed (apt-get install nginx-light; .ci/run does)"
    if importlib.util.find_spec("gunicorn") is None:
        return "gunicorn is not installed in this environment"
    return None


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("deployed")
    media_root = work / "media"
    static_root = work / "static"
    for folder in (media_root, static_root):
        folder.mkdir()
    redis_url = _redis_url()
    if redis_url is None:
        # As in production, the workers and the process making a change share what
        # changed through Redis; with a cache per process, Django's own page cache
        # would hide a change for its whole lifetime, whatever the proxy does.
        pytest.skip(
            f"no Redis at {os.environ.get('REDIS_URL') or REDIS_DEFAULT} (.ci/run starts one)"
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{work / 'portal.sqlite3'}",
        "DJANGO_STATIC_FROM_FINDERS": "1",
        "DJANGO_MEDIA_ROOT": str(media_root),
        "DJANGO_ATTACHMENT_ROOT": str(work / "attachments"),
        "PAGE_CACHE": "1",
        "PAGE_CACHE_SHARED_MAX_AGE": str(SHARED_MAX_AGE),
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"proxy-test-{secrets.token_hex(6)}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    portal = DeployedPortal(
        proxy="",
        app="",
        env=env,
        database=work / "portal.sqlite3",
        media_root=media_root,
        slugs={},
        attachment="",
        session="",
    )
    seeded = json.loads(portal.shell(SEED).strip().splitlines()[-1])
    portal.slugs, portal.attachment, portal.session = (
        seeded["slugs"],
        seeded["attachment"],
        seeded["session"],
    )

    port = free_port()
    log = (work / "gunicorn.log").open("wb")
    gunicorn = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "portal.wsgi"),
            *("--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "30"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    nginx = None
    try:
        portal.app = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while not _port_open("127.0.0.1", port):
            if gunicorn.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start: {(work / 'gunicorn.log').read_text()}")
            time.sleep(0.2)
        nginx = NginxServer(
            work / "nginx", upstream_port=port, static_root=static_root, media_root=media_root
        )
        portal.proxy = nginx.base
        yield portal
    finally:
        if nginx is not None:
            nginx.stop()
        if gunicorn.poll() is None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait(timeout=10)
        log.close()
        _forget_keys(redis_url, env["CACHE_KEY_PREFIX"])


def _forget_keys(url: str, prefix: str) -> None:
    """Delete what the server kept in a Redis that may be someone's own."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        for key in client.scan_iter(match=f"{prefix}:*", count=500):
            client.delete(key)
    except redis.RedisError:
        pass
    finally:
        client.close()
