"""Share links for Facebook and Zalo, and the copy-link button; no third-party script."""

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import make_source_article

pytestmark = pytest.mark.e2e


@pytest.fixture
def source_article(make_article):
    return make_source_article(make_article)


def test_share_links_carry_the_full_address_of_the_article(page: Page, site, source_article):
    page.goto(site + source_article.get_absolute_url())
    address = quote(site + source_article.get_absolute_url(), safe="")
    expect(page.get_by_role("link", name="Facebook")).to_have_attribute(
        "href", f"https://www.facebook.com/sharer/sharer.php?u={address}"
    )
    expect(page.get_by_role("link", name="Zalo")).to_have_attribute(
        "href", f"https://sp.zalo.me/share_inline?url={address}"
    )


def test_copy_link_puts_the_address_on_the_clipboard_and_says_so(page: Page, site, source_article):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + source_article.get_absolute_url())
    page.get_by_role("button", name="Sao chép liên kết").click()
    expect(page.get_by_role("status")).to_have_text("Đã sao chép liên kết.")
    assert (
        page.evaluate("navigator.clipboard.readText()") == site + source_article.get_absolute_url()
    )


def test_copy_button_is_hidden_when_it_cannot_work(browser, site, source_article):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + source_article.get_absolute_url())
    expect(page.get_by_role("link", name="Facebook")).to_be_visible()
    expect(page.get_by_role("button", name="Sao chép liên kết")).to_be_hidden()
    context.close()


def test_pages_load_scripts_from_the_portal_only(page: Page, site, source_article):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for url in ("/", source_article.get_absolute_url(), source_article.get_print_url()):
        page.goto(site + url)
        page.wait_for_load_state("networkidle")
    assert requested
    assert all(url.startswith(site) for url in requested), requested


def test_scripts_run_without_errors(page: Page, site, source_article):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for url in ("/", source_article.get_absolute_url(), source_article.get_print_url()):
        page.goto(site + url)
        page.wait_for_load_state("networkidle")
    assert errors == []
