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


@pytest.fixture
def every_page(source_article):
    """Return the paths of the main pages, with an album, links and a long category name."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from news.models import Album, Category, Link
    from news.services import add_photos

    Category.objects.create(
        name="Tin tức về cải cách Thủ tục hành chính và kiểm soát TTHC", order=9
    )
    Link.objects.create(
        title="Cơ sở dữ liệu quốc gia về văn bản pháp luật", url="https://vbpl.vn/pages/portal.aspx"
    )
    album = Album.objects.create(title="Hội nghị cải cách hành chính năm 2024", order=1)
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (10, 74, 133)).save(buffer, "JPEG")
    add_photos(
        album=album,
        uploads=[SimpleUploadedFile("a.jpg", buffer.getvalue(), content_type="image/jpeg")],
        alt_text="Hình minh họa: hội trường",
    )
    return [
        "/",
        source_article.category.get_absolute_url(),
        source_article.get_absolute_url(),
        source_article.get_print_url(),
        "/luu-tru/",
        "/luu-tru/2018/",
        "/luu-tru/2018/04/",
        "/luu-tru/2018/04/18/",
        "/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch",
        "/hinh-anh/",
        album.get_absolute_url(),
        "/kenh-rss/",
        "/khong-co-trang-nay/",
    ]


@pytest.mark.parametrize("width", [320, 360])
def test_no_page_scrolls_sideways_on_a_narrow_phone(page: Page, site, every_page, width):
    page.set_viewport_size({"width": width, "height": 740})
    too_wide = []
    for path in every_page:
        page.goto(site + path)
        page.evaluate("document.fonts.ready")
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if widths[0] > widths[1]:
            too_wide.append(f"{path}: {widths[0]} px in {widths[1]} px")
    assert too_wide == []


def test_feed_addresses_wrap_between_their_parts_not_inside_words(page: Page, site, every_page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + "/kenh-rss/")
    page.evaluate("document.fonts.ready")
    for link in page.locator(".feed-link").all():
        lines = link.evaluate(
            """a => {
                // The text of each line the address is drawn on.
                const text = a.firstChild, range = document.createRange(), lines = [];
                let top = null;
                for (let i = 0; i < text.length; i++) {
                    range.setStart(text, i); range.setEnd(text, i + 1);
                    const y = Math.round(range.getBoundingClientRect().top);
                    if (y !== top) { lines.push(""); top = y; }
                    lines[lines.length - 1] += text.data[i];
                }
                return lines;
            }"""
        )
        for earlier in lines[:-1]:
            assert earlier[-1] in "/-.:", lines


MENU_CATEGORIES = [
    "Tin hoạt động của lãnh đạo",
    "Tin tức về cải cách Thủ tục hành chính",
    "Kinh tế - Xã hội",
    "Văn hóa - Thể thao",
    "Quốc phòng - An ninh",
    "Thông báo",
    "Chuyển đổi số",
    "Giáo dục - Đào tạo",
    "Y tế - Sức khỏe cộng đồng",
    "Tài nguyên - Môi trường",
    "Xây dựng Đảng và hệ thống chính trị",
    "Hỏi đáp pháp luật",
]


@pytest.fixture
def twelve_categories(source_article):
    from news.models import Category

    # The source article's category is the second of the list.
    for order, name in enumerate(MENU_CATEGORIES, start=1):
        if name != source_article.category.name:
            Category.objects.create(name=name, order=order)
        else:
            Category.objects.filter(pk=source_article.category.pk).update(order=order)
    return MENU_CATEGORIES


def top_level_rows(page: Page) -> list[int]:
    """Return the offsetTop of every top-level item of the main menu, in order."""
    return page.locator(".main-nav .nav-list > li").evaluate_all(
        "items => items.map(item => item.offsetTop)"
    )


@pytest.mark.parametrize("width", [1024, 1280, 1366, 1920])
def test_the_menu_keeps_to_one_row_on_a_desktop_with_many_categories(
    page: Page, site, twelve_categories, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site + "/")
    page.evaluate("document.fonts.ready")
    rows = top_level_rows(page)
    assert len(rows) > 1 and len(set(rows)) == 1, rows
    nav = page.get_by_role("navigation", name="Chuyên mục")
    expect(nav.get_by_role("link", name="Trang chủ")).to_be_visible()
    assert_no_sideways_overflow(page)


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_menu_keeps_to_one_row_without_javascript(browser, site, twelve_categories, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(site + "/")
    page.evaluate("document.fonts.ready")
    rows = top_level_rows(page)
    assert len(rows) > 1 and len(set(rows)) == 1, rows
    assert_no_sideways_overflow(page)
    context.close()


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_demo_menu_keeps_to_one_row(page: Page, site, source_article, width):
    from news.models import Category

    for order, name in enumerate(MENU_CATEGORIES[2:6], start=3):
        Category.objects.create(name=name, order=order)
    Category.objects.filter(pk=source_article.category.pk).update(order=2)
    Category.objects.create(name=MENU_CATEGORIES[0], order=1)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site + "/")
    page.evaluate("document.fonts.ready")
    rows = top_level_rows(page)
    assert len(set(rows)) == 1, rows


@pytest.mark.parametrize("javascript", [True, False])
def test_every_category_is_reached_from_the_menu_by_keyboard(
    browser, site, twelve_categories, javascript
):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1024, "height": 800}
    )
    page = context.new_page()
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    hidden = [
        name
        for name in twelve_categories
        if not nav.get_by_role("link", name=name, exact=True).is_visible()
    ]
    assert hidden, "with twelve categories some wait under “Khác”"
    more = nav.get_by_text("Khác", exact=True)
    more.focus()
    page.keyboard.press("Enter")
    for name in twelve_categories:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name=hidden[0], exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(hidden[0])
    context.close()


def test_escape_closes_the_more_menu_and_returns_to_its_button(page: Page, site, twelve_categories):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    more = nav.get_by_text("Khác", exact=True)
    more.click()
    last = nav.get_by_role("link", name=twelve_categories[-1], exact=True)
    expect(last).to_be_visible()
    last.focus()
    page.keyboard.press("Escape")
    expect(last).to_be_hidden()
    expect(more).to_be_focused()
    more.click()
    page.locator("main").click(position={"x": 5, "y": 5})
    expect(last).to_be_hidden()
