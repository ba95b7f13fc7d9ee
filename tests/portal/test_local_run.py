"""`make run` shows the portal as citizens see it; `make dev` is the one with debug on."""

import importlib
import shlex
import subprocess

import pytest
from django.test import Client
from django.urls import clear_url_caches

from tests.test_settings import ROOT, run_django


def make_dry_run(*args: str) -> str:
    """Return the commands make would run, without running them."""
    result = subprocess.run(
        ["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_make_run_serves_with_debug_off_a_local_key_and_the_demo_accounts():
    commands = make_dry_run("run")
    server = next(line for line in commands.splitlines() if "runserver" in line)
    words = shlex.split(server)
    assert "DJANGO_DEBUG=0" in words
    assert "runserver" in words and words[-1] == "127.0.0.1:8000"
    assert "DJANGO_SERVE_MEDIA=1" in words and "DJANGO_STATIC_FROM_FINDERS=1" in words
    # A key made on this machine, read from a file outside the repository's tracked files.
    assert 'DJANGO_SECRET_KEY="$(cat .venv/local-secret-key)"' in server
    assert "load_demo --with-accounts" in commands


@pytest.mark.parametrize("target", ["run", "dev"])
def test_make_run_and_make_dev_install_the_demo_app_for_load_demo(target):
    load = next(line for line in make_dry_run(target).splitlines() if "load_demo" in line)
    assert "DJANGO_DEMO=1" in shlex.split(load)


def test_port_chooses_where_make_run_and_make_dev_listen():
    assert "runserver 127.0.0.1:8123" in make_dry_run("run", "PORT=8123")
    assert "--base-url http://127.0.0.1:8123" in make_dry_run("run", "PORT=8123")
    assert "runserver 127.0.0.1:8080" in make_dry_run("dev", "PORT=8080")


def test_make_dev_turns_debug_on():
    server = next(line for line in make_dry_run("dev").splitlines() if "runserver" in line)
    assert "DJANGO_DEBUG=1" in shlex.split(server)


@pytest.fixture
def local_run(settings, media_root):
    """Configure the site as `make run` does (debug off, uploads served), with its URLs."""
    import portal.urls

    settings.DEBUG = False
    settings.SERVE_MEDIA = True
    settings.STATIC_FROM_FINDERS = settings.WHITENOISE_USE_FINDERS = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    importlib.reload(portal.urls)
    clear_url_caches()
    yield Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    settings.SERVE_MEDIA = False
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_local_run_answers_a_missing_page_with_the_vietnamese_404(local_run):
    response = local_run.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    # Not Django's debug page, which lists every URL of the site.
    assert "URLconf" not in html and "quan-tri" not in html


@pytest.mark.django_db
def test_local_run_serves_static_files_and_uploads(local_run, media_root):
    assert local_run.get("/static/css/site.css").status_code == 200
    picture = media_root / "articles" / "anh.jpg"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    response = local_run.get("/media/articles/anh.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert local_run.get("/media/").status_code == 404  # no listing of the folder
    assert local_run.get("/media/../portal/settings.py").status_code == 400


@pytest.mark.django_db
def test_uploads_are_not_served_by_the_app_in_production(settings, media_root, client):
    picture = media_root / "anh.jpg"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(b"\xff\xd8\xff\xe0")
    assert client.get("/media/anh.jpg").status_code == 404


def test_serving_uploads_is_refused_on_a_site_others_reach():
    result = run_django(
        "check",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_SERVE_MEDIA="1",
        DJANGO_ALLOWED_HOSTS="portal.baclieu.gov.vn",
    )
    assert result.returncode != 0
    assert "DJANGO_SERVE_MEDIA is for a local run" in result.stderr
    assert "Traceback" not in result.stderr
