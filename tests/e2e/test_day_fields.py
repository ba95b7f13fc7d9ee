"""Day fields in a browser set to English: still typed and shown day first."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP_USER_AGENT


@pytest.fixture
def english_page(browser, site):
    """Return a page of a browser in American English, whose own date inputs say mm/dd/yyyy."""
    context = browser.new_context(
        locale="en-US", timezone_id="America/New_York", user_agent=DESKTOP_USER_AGENT
    )
    page = context.new_page()
    yield page
    context.close()


def test_an_english_browser_shows_and_takes_the_day_first(english_page: Page, site, article):
    page = english_page
    page.goto(site + "/")
    field = page.locator("#sidebar-date")
    expect(field).to_have_attribute("placeholder", "dd/mm/yyyy")
    field.fill("18/04/2018")
    page.locator(".date-block").get_by_role("button", name="Xem").click()
    expect(page).to_have_url(site + "/luu-tru/2018/04/18/")
    expect(page.locator("h1")).to_have_text("Ngày 18/04/2018")
    expect(page.get_by_role("link", name=article.title)).to_be_visible()
    expect(page.locator("#sidebar-date")).to_have_value("18/04/2018")


def test_the_calendar_button_opens_a_picker_whose_choice_is_written_day_first(
    english_page: Page, site, article
):
    page = english_page
    page.goto(site + "/")
    field = page.locator("#sidebar-date")
    button = page.locator(".date-block").get_by_role("button", name="Mở lịch")
    expect(button).to_be_visible()
    field.fill("05/03/2018")
    button.click()
    native = page.locator(".date-block .day-picker-native")
    # The picker opens on the day already typed...
    expect(native).to_have_value("2018-03-05")
    page.keyboard.press("Escape")
    # ...and what is picked in it comes back to the field day first.
    native.evaluate("""el => { el.value = "2018-04-18"; el.dispatchEvent(new Event("change")); }""")
    expect(field).to_have_value("18/04/2018")
    expect(field).to_be_focused()
    page.locator(".date-block").get_by_role("button", name="Xem").click()
    expect(page).to_have_url(site + "/luu-tru/2018/04/18/")


def test_search_dates_are_typed_day_first_in_an_english_browser(english_page: Page, site, article):
    page = english_page
    page.goto(site + "/tim-kiem/")
    form = page.locator("main form")
    form.get_by_label("Từ khóa").fill("kế hoạch")
    form.get_by_label("Từ ngày").fill("18/04/2018")
    form.get_by_label("Đến ngày").fill("18/04/2018")
    form.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("link", name=article.title)).to_be_visible()
    expect(form.get_by_label("Từ ngày")).to_have_value("18/04/2018")
    expect(form.get_by_label("Đến ngày")).to_have_value("18/04/2018")


def test_a_day_typed_month_first_gets_a_clear_message(english_page: Page, site, article):
    page = english_page
    page.goto(site + "/")
    page.locator("#sidebar-date").fill("04/18/2018")
    page.locator(".date-block").get_by_role("button", name="Xem").click()
    expect(page.get_by_role("alert")).to_contain_text("Không hiểu ngày đã nhập")
    expect(page.get_by_role("alert")).to_contain_text("18/04/2018")


def test_words_in_a_day_field_are_stopped_by_the_browser_with_an_example(
    english_page: Page, site, article
):
    page = english_page
    page.goto(site + "/")
    field = page.locator("#sidebar-date")
    field.fill("yesterday")
    page.locator(".date-block").get_by_role("button", name="Xem").click()
    expect(page).to_have_url(site + "/")
    assert field.evaluate("el => el.validity.patternMismatch")
    # The browser's bubble shows the title under its own "match the requested format".
    expect(field).to_have_attribute("title", "Ngày/tháng/năm, ví dụ 18/04/2018")
