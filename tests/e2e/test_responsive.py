"""Phones and desktops: nothing overflows sideways, the menu collapses on a phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import artifacts_dir, assert_no_sideways_overflow, make_source_article

pytestmark = pytest.mark.e2e


@pytest.fixture
def source_article(make_article):
    for number in range(4):
        make_article(title=f"Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tuần {number}")
    return make_source_article(make_article)


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("which", ["home", "article"])
def test_page_fits_the_screen_width(page: Page, site, source_article, pytestconfig, which, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site + ("/" if which == "home" else source_article.get_absolute_url()))
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir(pytestconfig) / f"{which}-{width}.png"), full_page=True)
    assert_no_sideways_overflow(page)


@pytest.mark.parametrize("text_size", ["lon", "vua"])
def test_pages_fit_a_phone_even_with_large_text(page: Page, site, source_article, text_size):
    page.context.add_cookies([{"name": "co-chu", "value": text_size, "url": site}])
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (
        "/",
        source_article.category.get_absolute_url(),
        source_article.get_absolute_url(),
        source_article.get_print_url(),
    ):
        page.goto(site + url)
        assert_no_sideways_overflow(page)


def test_menu_collapses_on_a_phone_and_opens_on_demand(page: Page, site, source_article):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + "/")
    menu_link = page.get_by_role("navigation", name="Chuyên mục").get_by_role(
        "link", name="Trang chủ"
    )
    expect(menu_link).to_be_hidden()
    page.get_by_text("Danh mục").click()
    expect(menu_link).to_be_visible()
    assert_no_sideways_overflow(page)


def test_menu_is_shown_on_a_desktop(page: Page, site, source_article):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    expect(nav.get_by_role("link", name="Trang chủ")).to_be_visible()
    expect(page.get_by_text("Danh mục")).to_be_hidden()


def test_menu_works_on_a_phone_without_javascript(browser, site, source_article):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    link = nav.get_by_role("link", name=source_article.category.name)
    expect(link).to_be_visible()
    page.get_by_text("Danh mục").click()
    expect(link).to_be_hidden()
    assert_no_sideways_overflow(page)
    context.close()
