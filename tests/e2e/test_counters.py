import re

from playwright.sync_api import Browser, expect

from counters import selectors


def open_article(context, url):
    page = context.new_page()
    with page.expect_response(re.compile(r"/dem/bai-viet/\d+/$")) as hit:
        page.goto(url)
    assert hit.value.status == 200
    return page


def test_two_fresh_browsers_raise_the_views_by_two_and_a_reload_by_none(
    browser: Browser, browser_context_args, site, article
):
    url = site + article.get_absolute_url()
    first = browser.new_context(**browser_context_args)
    second = browser.new_context(**browser_context_args)
    try:
        page = open_article(first, url)
        views = page.locator(".view-count")
        expect(views).to_have_text("1")
        digits = page.locator("[aria-label^='Số lượt truy cập: ']")
        expect(digits).to_have_attribute("aria-label", "Số lượt truy cập: 1")

        other = open_article(second, url)
        expect(other.locator(".view-count")).to_have_text("2")
        expect(other.locator("[data-counter='online']")).to_have_text("2")
        expect(other.locator("[data-counter='today']")).to_have_text("2")

        with page.expect_response(re.compile(r"/dem/bai-viet/\d+/$")):
            page.reload()
        expect(page.locator(".view-count")).to_have_text("2")
        expect(digits.locator(".digit")).to_have_text(["2"])
        assert selectors.article_views(article.pk) == 2
        cookies = {cookie["name"]: cookie for cookie in first.cookies()}
        assert cookies["visitor"]["httpOnly"] is True
        assert page.evaluate("document.cookie") == ""
    finally:
        first.close()
        second.close()


def test_the_home_page_counts_a_visit_and_shows_the_live_total(page, site, article):
    with page.expect_response(re.compile(r"/dem/$")) as hit:
        page.goto(site + "/")
    assert hit.value.json() == {"visits": 1, "today": 1, "online": 1}
    expect(page.locator("[aria-label='Số lượt truy cập: 1'] .digit")).to_have_text(["1"])


def test_a_browser_without_javascript_is_counted_by_the_noscript_image(
    browser: Browser, browser_context_args, site, article
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    try:
        page = context.new_page()
        with page.expect_response(re.compile(r"/dem/bai-viet/\d+/anh\.gif$")) as pixel:
            page.goto(site + article.get_absolute_url())
        assert pixel.value.status == 200
        page.reload()
        assert selectors.article_views(article.pk) == 1
        expect(page.locator(".view-count")).to_have_text("1")
    finally:
        context.close()
