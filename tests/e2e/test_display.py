"""Text size "A- A A+" and high contrast, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import make_source_article

pytestmark = pytest.mark.e2e

BODY_TEXT = ".article-body p"


@pytest.fixture
def source_article(make_article):
    return make_source_article(make_article)


def font_size(page: Page) -> float:
    return page.locator(BODY_TEXT).first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")


def background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_a_plus_makes_body_text_larger_without_a_reload_and_after_one(
    page: Page, site, source_article
):
    page.goto(site + source_article.get_absolute_url())
    normal = font_size(page)
    page.evaluate("window.notReloaded = true")
    larger = page.get_by_role("button", name=re.compile(r"^A\+"))
    expect(larger).to_have_attribute("aria-pressed", "false")

    larger.click()

    expect(page.locator("html")).to_have_class(re.compile(r"\btext-lg\b"))
    expect(larger).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=re.compile(r"^A \("))).to_have_attribute(
        "aria-pressed", "false"
    )
    assert page.evaluate("window.notReloaded") is True
    assert font_size(page) > normal * 1.15

    page.reload()
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-lg\b"))
    assert font_size(page) > normal * 1.15

    page.get_by_role("button", name=re.compile(r"^A-")).click()
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-sm\b"))
    assert font_size(page) < normal


def test_text_size_links_work_without_javascript(browser, site, source_article):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + source_article.get_absolute_url())
    normal = font_size(page)
    page.get_by_role("button", name=re.compile(r"^A\+")).click()
    expect(page).to_have_url(site + source_article.get_absolute_url())
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-lg\b"))
    page.wait_for_load_state("load")
    assert font_size(page) > normal * 1.15
    expect(page.get_by_role("button", name=re.compile(r"^A\+"))).to_have_attribute(
        "aria-pressed", "true"
    )
    context.close()


def test_high_contrast_changes_colours_and_survives_a_reload(page: Page, site, source_article):
    page.goto(site + source_article.get_absolute_url())
    normal = background(page)
    switch = page.get_by_role("button", name="Tương phản cao")
    expect(switch).to_have_attribute("aria-pressed", "false")

    switch.click()

    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_class(re.compile(r"\bcontrast-high\b"))
    assert background(page) == "rgb(0, 0, 0)" != normal
    page.reload()
    assert background(page) == "rgb(0, 0, 0)"
    expect(switch).to_have_attribute("aria-pressed", "true")

    # The same switch turns it off again.
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    assert background(page) == normal
    page.reload()
    assert background(page) == normal


def test_high_contrast_switch_works_without_javascript(browser, site, source_article):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + source_article.get_absolute_url())
    normal = background(page)
    page.get_by_role("button", name="Tương phản cao").click()
    expect(page).to_have_url(site + source_article.get_absolute_url())
    expect(page.locator("html")).to_have_class(re.compile(r"\bcontrast-high\b"))
    page.wait_for_load_state("load")
    assert background(page) == "rgb(0, 0, 0)" != normal
    context.close()


def test_display_buttons_answer_the_space_key(page: Page, site, source_article):
    page.goto(site + source_article.get_absolute_url())
    page.get_by_role("button", name="Tương phản cao").focus()
    page.keyboard.press(" ")
    expect(page.locator("html")).to_have_class(re.compile(r"\bcontrast-high\b"))


def test_pages_draw_vietnamese_with_the_shipped_font(page: Page, site, source_article):
    page.goto(site + source_article.get_absolute_url())
    loaded = page.evaluate(
        """() => document.fonts.ready.then(() => [...document.fonts]
            .filter(face => face.status === "loaded")
            .map(face => `${face.family.replaceAll('"', "")} ${face.weight} ${face.style}`))"""
    )
    assert "Be Vietnam Pro 400 normal" in loaded
    assert "Be Vietnam Pro 700 normal" in loaded
    assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Triển khai đường ưu')")
