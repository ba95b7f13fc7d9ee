import re

from playwright.sync_api import Page, expect

from tests.conftest import change_portal


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


def test_more_under_older_articles_continues_right_after_the_last_one_shown(
    page: Page, site, make_article, article
):
    import datetime as dt

    for day in range(1, 15):
        make_article(
            title=f"Tin cũ {day}", published_at=article.published_at - dt.timedelta(days=day)
        )
    page.goto(site + article.get_absolute_url())
    older = page.locator("section.related").nth(1)
    expect(older.locator(".article-list li").last).to_contain_text("Tin cũ 10")
    older.get_by_role("link", name="Xem tiếp").click()
    expect(page.locator("main .article-list li").first).to_contain_text("Tin cũ 11")
    expect(page.locator("main .article-list li")).to_have_count(4)
    expect(page.locator("main")).not_to_contain_text("Tin cũ 10")


def test_the_header_shows_the_portals_logo_named_after_the_portal(page: Page, site, article):
    page.goto(site + "/")
    logo = page.get_by_role("banner").get_by_role(
        "img", name="Cổng thông tin điện tử thành phố Bạc Liêu"
    )
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "portal-logo" in logo.get_attribute("src")


def test_an_operator_puts_the_citys_emblem_in_the_header(page: Page, site, article, settings):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 20, 20)).save(buffer, "PNG")
    portal = change_portal(logo="/media/logo/quoc-huy.png")
    page.route(
        "**/media/logo/quoc-huy.png",
        lambda route: route.fulfill(status=200, content_type="image/png", body=buffer.getvalue()),
    )
    page.goto(site + "/")
    logo = page.get_by_role("banner").get_by_role("img", name=portal.name)
    expect(logo).to_have_attribute("src", "/media/logo/quoc-huy.png")
    assert logo.evaluate("img => img.complete && img.naturalWidth === 120")
    box = logo.bounding_box()
    assert box["width"] <= 64 and box["height"] <= 64
