"""The workflow in a real browser: CKEditor under the admin's policy, previews, no CSP violation."""

import pytest
from playwright.sync_api import Page, expect

from news.models import Article
from tests.news.conftest import EDITORS, ensure_roles

PASSWORD = "mat-khau-bien-tap-2026"


def watch_csp(page: Page) -> list[str]:
    """Collect the Content-Security-Policy violations the browser reports."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.fixture
def editor_login(site, page: Page, django_user_model, settings):
    """Log an editor in through the admin's login form and return the admin's base URL."""
    from django.contrib.auth.models import Group

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_roles()
    user = django_user_model.objects.create_user(
        username="bientap", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    admin = f"{site}/{settings.ADMIN_URL_PATH}"
    page.goto(admin + "login/")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("bientap", exact=False).first).to_be_visible()
    return admin


def test_public_article_page_runs_without_any_csp_violation(page: Page, site, article):
    violations = watch_csp(page)
    page.goto(site + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text(article.title)
    page.goto(site + "/")
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_editor_writes_in_ckeditor_under_the_admin_policy_and_sends_it_for_review(
    page: Page, editor_login, category
):
    violations = watch_csp(page)
    page.goto(editor_login + "news/article/add/")
    editable = page.locator(".ck-editor__editable")
    expect(editable).to_be_visible()
    page.locator("#id_title").fill("Bài viết soạn trong trình duyệt")
    page.locator("#id_category").select_option(str(category.pk))
    editable.click()
    page.keyboard.type("Nội dung gõ trong CKEditor.")
    expect(page.locator("#id_status")).to_have_count(0)
    expect(page.get_by_role("button", name="Xuất bản")).to_have_count(0)
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article = Article.objects.get(title="Bài viết soạn trong trình duyệt")
    assert article.status == Article.Status.PENDING
    assert "Nội dung gõ trong CKEditor." in article.body
    assert violations == []


def test_editor_previews_the_pending_article_with_its_banner(
    page: Page, site, editor_login, make_article
):
    pending = make_article(title="Bài chờ duyệt xem trước", status=Article.Status.PENDING)
    page.goto(site + pending.get_absolute_url())
    expect(page.locator(".preview-banner")).to_contain_text("Chờ duyệt – chưa xuất bản")
    expect(page.locator("h1")).to_have_text(pending.title)
    page.context.clear_cookies()
    response = page.goto(site + pending.get_absolute_url())
    assert response.status == 404


def test_ckeditor_shows_resized_images_under_the_admin_policy(
    page: Page, editor_login, make_article
):
    # CKEditor writes a resized image's width as a style attribute while editing:
    # the reason the admin, and only the admin, allows inline styles.
    draft = make_article(
        status=Article.Status.DRAFT,
        body='<figure class="image image_resized" style="width:50%">'
        '<img src="/static/none.png" alt="Ảnh"></figure><p>Chú thích</p>',
    )
    violations = watch_csp(page)
    page.goto(editor_login + f"news/article/{draft.pk}/change/")
    figure = page.locator(".ck-editor__editable figure.image_resized")
    expect(figure).to_be_visible()
    assert figure.evaluate("node => node.style.width") == "50%"
    assert violations == []
