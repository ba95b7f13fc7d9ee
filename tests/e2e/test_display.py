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


# Whether a control stands out from what is behind it: a fill of its own, or a border
# on every side in a colour other than the background it sits on.
CONTROL_LOOK = """el => {
    const clear = c => c === "transparent" || /rgba\\(.*, 0\\)$/.test(c);
    let behind = "rgb(255, 255, 255)";
    for (let node = el.parentElement; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (!clear(colour)) { behind = colour; break; }
    }
    const style = getComputedStyle(el);
    const filled = !clear(style.backgroundColor) && style.backgroundColor !== behind;
    const bordered = ["Top", "Right", "Bottom", "Left"].every(side =>
        parseFloat(style[`border${side}Width`]) >= 1 && style[`border${side}Style`] !== "none"
        && style[`border${side}Color`] !== behind);
    return {filled, bordered, colour: style.backgroundColor, behind};
}"""

FOCUS_RING = """el => {
    const style = getComputedStyle(el);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || (style.boxShadow !== "none" && style.boxShadow !== "");
}"""


def luminance_spread(png: bytes) -> int:
    """Return the difference between the darkest and the lightest pixel of the image."""
    from io import BytesIO

    from PIL import Image

    grey = Image.open(BytesIO(png)).convert("L")
    low, high = grey.getextrema()
    return high - low


@pytest.fixture
def sidebar_article(source_article):
    from news.models import Link

    Link.objects.create(title="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn")
    return source_article


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_every_button_looks_like_a_button_and_shows_a_focus_ring(
    page: Page, site, sidebar_article, contrast
):
    if contrast == "high":
        page.context.add_cookies([{"name": "tuong-phan", "value": "cao", "url": site}])
    page.set_viewport_size({"width": 1366, "height": 900})
    for url, names in (
        (sidebar_article.get_absolute_url(), ["Tìm kiếm", "Xem", "Mở trang", "Tương phản cao"]),
        ("/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch", ["Tìm kiếm"]),
    ):
        page.goto(site + url)
        buttons = [page.get_by_role("button", name=name, exact=True) for name in names]
        for button in [b for locator in buttons for b in locator.all()]:
            label = button.inner_text()
            look = button.evaluate(CONTROL_LOOK)
            assert look["filled"] or look["bordered"], (contrast, url, label, look)
            button.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            expect(button).to_be_focused()
            assert button.evaluate(FOCUS_RING), (contrast, url, label)
        for field in page.locator(
            "main input:visible, main select:visible, aside input:visible, aside select:visible"
        ).all():
            look = field.evaluate(CONTROL_LOOK)
            assert look["filled"] or look["bordered"], (
                contrast,
                url,
                field.get_attribute("name"),
                look,
            )


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_the_phone_menu_button_looks_like_a_button(page: Page, site, source_article, contrast):
    if contrast == "high":
        page.context.add_cookies([{"name": "tuong-phan", "value": "cao", "url": site}])
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + "/")
    toggle = page.locator(".nav-toggle > summary")
    expect(toggle).to_have_text(re.compile("Danh mục"))
    look = toggle.evaluate(CONTROL_LOOK)
    assert look["filled"] or look["bordered"], look
    toggle.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    assert toggle.evaluate(FOCUS_RING)


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_the_date_picker_icon_stays_visible(page: Page, site, sidebar_article, contrast):
    if contrast == "high":
        page.context.add_cookies([{"name": "tuong-phan", "value": "cao", "url": site}])
    page.goto(site + sidebar_article.get_absolute_url())
    form = page.locator("aside .date-form")
    drawn = form.locator("button svg")
    if drawn.count():
        # A calendar button of the page's own, its icon drawn in the text's colour.
        expect(drawn.first).to_be_visible()
        icon = drawn.first.screenshot()
    else:
        # Chromium draws the icon of <input type="date"> at the right end, inside the border.
        box = form.locator("input[type=date]").bounding_box()
        icon = page.screenshot(
            clip={
                "x": box["x"] + box["width"] - 28,
                "y": box["y"] + 5,
                "width": 22,
                "height": box["height"] - 10,
            }
        )
    assert luminance_spread(icon) > 100
