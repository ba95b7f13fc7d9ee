"""WCAG 2.1 AA checks of the public pages with axe-core, in normal and high-contrast modes.

Every page listed must resolve: a renamed page fails here rather than going unchecked.
"""

import re
from itertools import pairwise

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

from tests.e2e.pages import make_source_article, serious_axe_violations

pytestmark = pytest.mark.e2e

# (URL name, keyword arguments, query string); "<...>" takes a value from the article.
PAGES = [
    ("news:home", {}, ""),
    ("news:category", {"slug": "<category>"}, ""),
    ("news:article", {"slug": "<slug>"}, ""),
    ("news:article_print", {"slug": "<slug>"}, ""),
    ("news:archive_year", {"year": 2018}, ""),
    ("news:archive_month", {"year": 2018, "month": 4}, ""),
    ("news:archive_day", {"year": 2018, "month": 4, "day": 18}, ""),
    ("news:archive", {}, ""),
    ("news:archive_calendar", {"year": 2018, "month": 4}, ""),
    ("news:gallery", {}, ""),
    ("news:search", {}, "?q=c%E1%BA%A3i+c%C3%A1ch"),
]


@pytest.fixture
def articles(make_article, category):
    """Return the source article among a few others, so that lists and pages are not empty."""
    for number in range(3):
        make_article(title=f"Thông báo lịch tiếp công dân tuần {number + 1}")
    return make_source_article(make_article)


def page_url(name: str, kwargs: dict, query: str, article) -> str:
    """Return the path of a page, or skip the test if the portal has no such page yet."""
    values = {"<category>": article.category.slug, "<slug>": article.slug}
    kwargs = {key: values.get(value, value) for key, value in kwargs.items()}
    # Date parts may be routed as numbers or as two-digit strings.
    padded = {
        key: f"{value:02d}" if isinstance(value, int) else value for key, value in kwargs.items()
    }
    for attempt in (kwargs, padded):
        try:
            return reverse(name, kwargs=attempt) + query
        except NoReverseMatch:
            continue
    pytest.fail(f"{name} does not resolve: the page list is out of date")


@pytest.mark.parametrize("contrast", ["normal", "high"])
@pytest.mark.parametrize(("name", "kwargs", "query"), PAGES, ids=[page[0] for page in PAGES])
def test_page_has_no_serious_accessibility_violations(
    page: Page, site, articles, name, kwargs, query, contrast
):
    url = page_url(name, kwargs, query, articles)
    if contrast == "high":
        page.context.add_cookies([{"name": "tuong-phan", "value": "cao", "url": site}])
    response = page.goto(site + url)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    if contrast == "high":
        expect(page.locator("html")).to_have_class(re.compile(r"\bcontrast-high\b"))
    assert serious_axe_violations(page) == []


def test_skip_link_is_the_first_stop_and_leads_to_the_main_content(page: Page, site, articles):
    page.goto(site + articles.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_focused_controls_show_a_visible_ring(page: Page, site, articles):
    page.goto(site + articles.get_absolute_url())
    for locator in (
        page.get_by_role("button", name=re.compile("^A\\+")),
        page.get_by_role("link", name="Bản in"),
    ):
        locator.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        expect(locator).to_be_focused()
        ring = locator.evaluate(
            "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
        )
        assert ring[0] != "none" and float(ring[1].removesuffix("px")) >= 2


def test_pages_have_the_landmarks_a_screen_reader_jumps_between(page: Page, site, articles):
    page.goto(site + articles.get_absolute_url())
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Chuyên mục")).to_have_count(1)
    expect(page.get_by_role("complementary")).to_have_count(1)
    levels = page.locator("main h1, main h2, main h3").evaluate_all(
        "nodes => nodes.map(n => Number(n.tagName[1]))"
    )
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(levels))
