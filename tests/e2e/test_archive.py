"""Browser tests of the archive sidebar: calendar, date form and agency links."""

import datetime as dt

from playwright.sync_api import Page, expect

from news.models import Link
from tests.conftest import VN


def test_calendar_moves_to_the_previous_month_and_opens_a_linked_day(
    page: Page, site, make_article
):
    make_article(title="Bài tháng Ba", published_at=dt.datetime(2018, 3, 5, 0, 20, tzinfo=VN))
    make_article(title="Bài tháng Tư", published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
    page.goto(site + "/luu-tru/2018/04/")
    calendar = page.locator("[data-calendar]")
    expect(calendar.locator("caption")).to_have_text("Tháng 4 năm 2018")

    calendar.get_by_role("link", name="« Tháng 3/2018").click()
    expect(calendar.locator("caption")).to_have_text("Tháng 3 năm 2018")
    # Swapped in place: the page itself did not change, and focus is on the new month.
    expect(page).to_have_url(site + "/luu-tru/2018/04/")
    expect(calendar.locator("table")).to_be_focused()

    calendar.get_by_role("link", name="5 – ngày 05/03/2018: 1 bài viết", exact=True).click()
    expect(page).to_have_url(site + "/luu-tru/2018/03/05/")
    expect(page.locator("h1")).to_have_text("Ngày 05/03/2018")
    expect(page.get_by_role("link", name="Bài tháng Ba")).to_be_visible()


def test_calendar_works_without_javascript(browser, site, make_article):
    make_article(published_at=dt.datetime(2018, 3, 5, 8, tzinfo=VN))
    make_article(published_at=dt.datetime(2018, 4, 18, 8, tzinfo=VN))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/luu-tru/2018/04/")
    page.locator("[data-calendar]").get_by_role("link", name="« Tháng 3/2018").click()
    expect(page).to_have_url(site + "/luu-tru/2018/03/")
    expect(page.locator("[data-calendar] caption")).to_have_text("Tháng 3 năm 2018")
    context.close()


def test_date_form_reaches_the_day_page(page: Page, site, article):
    page.goto(site + "/")
    page.get_by_label("Chọn ngày").fill("2018-04-18")
    page.locator(".date-block").get_by_role("button", name="Xem").click()
    expect(page).to_have_url(site + "/luu-tru/2018/04/18/")
    expect(page.locator("h1")).to_have_text("Ngày 18/04/2018")
    expect(page.get_by_role("link", name=article.title)).to_be_visible()


def test_date_typed_by_hand_reaches_the_day_page_and_nonsense_is_explained(
    page: Page, site, article
):
    page.goto(site + "/luu-tru/xem-theo-ngay/?ngay=hom-qua")
    expect(page.get_by_role("alert")).to_contain_text("Không hiểu ngày đã nhập")
    page.locator("#page-date").fill("18/04/2018")
    page.locator("main").get_by_role("button", name="Xem").click()
    expect(page).to_have_url(site + "/luu-tru/2018/04/18/")


def test_links_select_opens_the_chosen_site(page: Page, site, db):
    Link.objects.create(
        title="Cổng thông tin điện tử Chính phủ", url="https://chinhphu.vn/", order=1
    )
    Link.objects.create(
        title="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/", order=2
    )
    # No internet here: answer for the agency's site ourselves.
    page.context.route(
        "https://dichvucong.gov.vn/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body="<title>Dịch vụ công</title>"
        ),
    )
    page.goto(site + "/")
    # With JavaScript the select replaces the list.
    expect(page.locator("[data-links-list]")).to_be_hidden()
    page.get_by_label("Chọn trang liên kết").select_option(label="Cổng Dịch vụ công quốc gia")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Mở trang").click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.url == "https://dichvucong.gov.vn/"
    expect(popup).to_have_title("Dịch vụ công")


def test_links_are_a_plain_list_without_javascript(browser, site, db):
    Link.objects.create(title="Tỉnh Bạc Liêu", url="https://baclieu.gov.vn/")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    expect(page.get_by_label("Chọn trang liên kết")).to_be_hidden()
    expect(page.get_by_role("link", name="Tỉnh Bạc Liêu")).to_have_attribute(
        "href", "https://baclieu.gov.vn/"
    )
    context.close()


def test_sidebar_leads_to_the_archive_of_every_year(page: Page, site, make_article):
    make_article(title="Bài năm 2017", published_at=dt.datetime(2017, 11, 2, 8, tzinfo=VN))
    make_article(title="Bài năm 2018", published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
    page.goto(site + "/")
    page.locator(".archive-block").get_by_role("link", name="Tất cả các năm").click()
    expect(page).to_have_url(site + "/luu-tru/")
    expect(page.locator("h1")).to_have_text("Lưu trữ")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=2)).to_have_text(
        ["Năm 2018 (1 bài)", "Năm 2017 (1 bài)"]
    )
    main.get_by_role("link", name="Tháng 11", exact=True).click()
    expect(page).to_have_url(site + "/luu-tru/2017/11/")
    expect(page.get_by_role("link", name="Bài năm 2017")).to_be_visible()


def test_calendar_address_opened_directly_is_a_styled_page(page: Page, site, make_article):
    make_article(published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN))
    page.goto(site + "/luu-tru/lich/2018/04/")
    expect(page.locator("h1")).to_have_text("Lịch tháng 4 năm 2018")
    # The portal's header and stylesheet are there, not a bare table.
    expect(page.locator("header").first).to_be_visible()
    assert page.evaluate("document.styleSheets.length") >= 1
    main = page.locator("main")
    expect(main.locator("caption")).to_have_text("Tháng 4 năm 2018")
    main.get_by_role("link", name="18 – ngày 18/04/2018: 1 bài viết", exact=True).click()
    expect(page).to_have_url(site + "/luu-tru/2018/04/18/")
