"""The main pages of the demo site pass the Nu HTML Checker (vnu.jar) with no error.

vnu.jar comes from npm (.ci/package.json, installed by .ci/run with `npm ci`) and
runs on Java. Without either the test is skipped, unless E2E_REQUIRED=1 (as in CI),
where it fails: a validator that silently stops running is worse than none.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from news.models import Album, Article
from tests.documents.conftest import ensure_roles as ensure_document_kinds

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR")
    or ROOT / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
REQUIRED = os.environ.get("E2E_REQUIRED", "").lower() in {"1", "true", "yes", "on"}


def checker() -> list[str]:
    """Return the command that runs the checker, or fail or skip saying what is missing."""
    java = shutil.which("java")
    missing = []
    if not VNU_JAR.is_file():
        missing.append(f"vnu.jar at {VNU_JAR} (npm ci --prefix .ci, or set VNU_JAR)")
    if not java:
        missing.append("java (apt-get install default-jre-headless)")
    if missing:
        message = "Nu HTML Checker unavailable: missing " + " and ".join(missing)
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-Xss8m", "-jar", str(VNU_JAR)]


def main_pages() -> dict[str, tuple[str, int]]:
    """Return the main pages of the demo site: name -> (path, expected status)."""
    # The city's (site 1), whose host the live server answers as; the demo's wards
    # have articles of their own, newer ones among them.
    article = Article.objects.published().filter(site_id=1).order_by("-published_at").first()
    day = timezone.localtime(article.published_at).date()
    category = article.category
    album = Album.objects.published(site_id=1).first()
    return {
        "home": ("/", 200),
        "category": (category.get_absolute_url(), 200),
        "article": (article.get_absolute_url(), 200),
        "print": (reverse("news:article_print", kwargs={"slug": article.slug}), 200),
        "archive index": (reverse("news:archive"), 200),
        "archive year": (reverse("news:archive_year", kwargs={"year": day.year}), 200),
        "archive month": (
            reverse("news:archive_month", kwargs={"year": day.year, "month": day.month}),
            200,
        ),
        "archive day": (
            reverse(
                "news:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day}
            ),
            200,
        ),
        "day form": (reverse("news:archive_by_date"), 200),
        "search": (reverse("news:search") + "?q=c%E1%BA%A3i+c%C3%A1ch", 200),
        "albums": (reverse("news:gallery"), 200),
        "album": (album.get_absolute_url(), 200),
        "feeds": (reverse("news:feeds"), 200),
        "not found": ("/khong-co-trang-nay/", 404),
    }


def test_main_pages_have_no_html_errors(page, site, tmp_path):
    command = checker()
    # A flushing test before this one emptied the document kinds the migration made.
    ensure_document_kinds()
    call_command("load_demo", stdout=io.StringIO())
    files = {}
    for name, (path, status) in main_pages().items():
        # The browser's own client: its user agent is a reader's, not a crawler's.
        response = page.request.get(site + path, fail_on_status_code=False)
        assert response.status == status, (name, path, response.status)
        html = response.text()
        file = tmp_path / f"{name.replace(' ', '-')}.html"
        file.write_text(html, encoding="utf-8")
        files[str(file)] = f"{name} ({path})"
    # One JVM for every page: starting Java costs more than checking a page.
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
        f"line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stderr
