"""Security headers on every page, strict CSP on public pages, HTTPS settings, login lock-out."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from news.models import Attachment
from tests.news.documents import pdf_bytes, upload

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LOGIN_URL = reverse("admin:login")


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.fixture
def public_urls(article):
    attachment = Attachment(article=article, file=upload("ke-hoach.pdf", pdf_bytes()))
    attachment.save()
    return [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        article.get_print_url(),
        "/khong-co-trang-nay/",
    ]


def test_every_public_page_has_a_strict_policy_and_the_security_headers(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["img-src"] == ["'self'", "data:"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["base-uri"] == ["'self'"], url
        assert policy["form-action"] == ["'self'"], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url


def test_public_pages_carry_no_inline_script_handler_or_style(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            # JSON-LD is data, which the policy does not execute.
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url
        assert not re.search(r"<[^>]+\sstyle\s*=", html), url
        assert "javascript:" not in html, url


def test_admin_relaxes_styles_only(editor_client):
    response = editor_client.get(reverse("admin:news_article_add"))
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_a_nonce_is_added_only_when_a_template_asks_for_one(rf):
    from django.template import engines

    from core.middleware import ContentSecurityPolicyMiddleware

    request = rf.get("/")
    middleware = ContentSecurityPolicyMiddleware(lambda r: None)
    middleware.process_request(request)
    html = (
        engines["django"]
        .from_string("<script nonce='{{ n }}'></script>")
        .render({"n": request.csp_nonce})
    )
    from django.http import HttpResponse

    response = middleware.process_response(request, HttpResponse(html))
    nonce = re.search(r"nonce='([^']+)'", html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def run_manage(*args, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


HTTPS_ENV = {
    "DJANGO_HTTPS": "1",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "portal.example.vn",
}


def test_check_deploy_is_clean_in_https_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **HTTPS_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_https_mode_turns_on_hsts_secure_cookies_and_upgrades():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['upgrade-insecure-requests'])"
    )
    result = run_manage("shell", "--verbosity", "0", "-c", code, **HTTPS_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True"]


# Login lock-out (django-axes) ---------------------------------------------------


@pytest.fixture
def admin_user(db, django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user(
        username="quantri", password="dung-mat-khau-2026", is_staff=True, is_superuser=True
    )


def attempt(client, username, password, **headers):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/quan-tri/"},
        **headers,
    )


def test_a_user_name_is_locked_out_after_repeated_failures_even_from_other_addresses(
    client, admin_user, settings
):
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "quantri", "sai", REMOTE_ADDR=f"203.0.113.{number}")
        assert response.status_code == 200
    locked = attempt(client, "quantri", "sai", REMOTE_ADDR="203.0.113.99")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "30 phút" in html
    right_password = attempt(Client(), "quantri", "dung-mat-khau-2026", REMOTE_ADDR="198.51.100.7")
    assert right_password.status_code == 429
    assert "_auth_user_id" not in right_password.wsgi_request.session


def test_an_address_is_locked_out_after_failures_on_many_user_names(client, admin_user, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"doan-ten-{number}", "sai", REMOTE_ADDR="203.0.113.50")
    response = attempt(client, "quantri", "dung-mat-khau-2026", REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 429
    elsewhere = attempt(Client(), "quantri", "dung-mat-khau-2026", REMOTE_ADDR="198.51.100.8")
    assert elsewhere.status_code == 302


def test_a_successful_login_resets_the_count(client, admin_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "quantri", "sai")
    assert attempt(client, "quantri", "dung-mat-khau-2026").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(Client(), "quantri", "sai").status_code == 200


def test_behind_a_proxy_the_client_address_comes_from_our_proxy_only(client, admin_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The attacker forges the left part; the proxy appends the real address.
        attempt(
            client,
            f"ten-{number}",
            "sai",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.66",
        )
    locked = attempt(
        client,
        "quantri",
        "dung-mat-khau-2026",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert locked.status_code == 429
    other_client = attempt(
        Client(),
        "quantri",
        "dung-mat-khau-2026",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.67",
    )
    assert other_client.status_code == 302


def test_without_trusted_proxies_a_forged_forwarded_header_is_ignored(rf, settings):
    from portal.security import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4, 10.0.0.5")
    assert client_ip(request) == "1.2.3.4"
