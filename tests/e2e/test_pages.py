import re

from playwright.sync_api import Page, expect


def test_article_page_renders_with_the_digits_box(page: Page, site, article):
    page.goto(site + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.get_by_text("Thứ Tư, 18/04/2018, 09:30")).to_be_visible()
    digits = page.locator("[aria-label^='Số lượt truy cập: ']")
    expect(digits).to_be_visible()
    expect(digits.locator(".digit").first).to_have_text(re.compile(r"^\d$"))


def test_home_page_renders_with_the_digits_box(page: Page, site, article):
    page.goto(site + "/")
    expect(page.get_by_role("link", name=article.title).first).to_be_visible()
    expect(page.get_by_text("SỐ LƯỢT TRUY CẬP")).to_be_visible()
