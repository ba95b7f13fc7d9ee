from playwright.sync_api import Page, expect


def test_header_search_finds_an_article_typed_without_diacritics(page: Page, site, make_article):
    make_article(title="Đường dây nóng tiếp nhận phản ánh", lead="Gọi số 1022.")
    make_article(title="Hội nghị sơ kết")
    page.goto(site + "/")
    search = page.get_by_role("search", name="Tìm kiếm trên cổng thông tin")
    search.get_by_label("Từ khóa tìm kiếm").fill("duong day nong")
    search.get_by_role("button", name="Tìm kiếm").click()
    expect(page).to_have_url(site + "/tim-kiem/?q=duong+day+nong")
    results = page.locator(".search-results .article-item")
    expect(results).to_have_count(1)
    expect(results.locator("mark")).to_have_text(["Đường", "dây", "nóng"])
    expect(page.get_by_label("Từ khóa", exact=True)).to_have_value("duong day nong")


def test_search_form_filters_by_category_and_dates(page: Page, site, make_article, category):
    make_article(title="Cải cách hành chính")
    page.goto(site + "/tim-kiem/?q=cai+cach")
    form = page.get_by_role("search", name="Tìm kiếm bài viết")
    form.get_by_label("Chuyên mục").select_option(label=category.name)
    form.get_by_label("Từ ngày").fill("2000-01-01")
    form.get_by_label("Sắp xếp").select_option(label="Mới nhất")
    form.get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator(".search-summary")).to_contain_text("Tìm thấy 1 bài viết")
    expect(page.locator(".search-results .article-link")).to_have_text("Cải cách hành chính")


def test_header_search_finds_an_article_by_its_byline(page: Page, site, make_article):
    make_article(title="Hội nghị giao ban tháng Tư", byline="Kim Ngân")
    make_article(title="Tiếp công dân định kỳ", byline="Minh Thư")
    page.goto(site + "/")
    search = page.get_by_role("search", name="Tìm kiếm trên cổng thông tin")
    search.get_by_label("Từ khóa tìm kiếm").fill("Kim Ngân")
    search.get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator(".search-summary")).to_contain_text("Tìm thấy 1 bài viết")
    expect(page.locator(".search-results .article-link")).to_have_text("Hội nghị giao ban tháng Tư")
