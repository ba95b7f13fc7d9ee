"""The admin in a real browser: the workflow's buttons, the article list at 1366 px, alt text.

Every step of the journey opens the page again after its POST, and any answer
of the server from 500 up fails the test, whichever step it comes from.
"""

import io

from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from news.models import Article, Category
from tests.e2e import test_editor_day as editor_day
from tests.e2e.test_editor_day import ServerErrors, log_in

# The editor's and the approver's accounts, and a visitor's own browser.
accounts = editor_day.accounts
visitor = editor_day.visitor

TITLE = "Phường 1 ra quân làm sạch kênh rạch trước mùa mưa"
NOTE = "Thiếu tên người chụp ảnh; tít cần ngắn hơn."
Status = Article.Status


def change_url(site: str, article: Article) -> str:
    return site + reverse("admin:news_article_change", args=[article.pk])


def press(page: Page, words: str, errors: ServerErrors, step: str):
    with page.expect_navigation():
        page.get_by_role("button", name=words, exact=True).click()
    errors.assert_none(step)
    expect(page.locator(".errornote")).to_have_count(0)


def reopen(page: Page, site: str, article: Article, errors: ServerErrors, step: str):
    response = page.goto(change_url(site, article))
    assert response.status == 200, step
    expect(page.locator("#id_title")).to_have_value(article.title)
    errors.assert_none(step)


def buttons(page: Page) -> list[str]:
    return page.locator(".workflow-buttons button").all_inner_texts()


def test_an_article_goes_through_the_workflow_by_its_buttons(
    page: Page,
    visitor: Page,
    site,
    accounts,
    category,
):
    errors = ServerErrors(page.context)

    # The editor writes a draft and keeps it with "Lưu nháp".
    log_in(page, site, "bientap")
    page.goto(site + reverse("admin:news_article_add"))
    assert buttons(page) == ["Lưu nháp", "Gửi duyệt"]
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_byline").fill("Kim Ngân")
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("Hơn 200 người dân cùng tham gia.")
    press(page, "Lưu nháp", errors, "saving the draft")
    article = Article.objects.get(title=TITLE)
    assert article.status == Status.DRAFT
    reopen(page, site, article, errors, "reopening the draft")

    # ... and sends it with "Gửi duyệt".
    press(page, "Gửi duyệt", errors, "sending for review")
    article.refresh_from_db()
    assert article.status == Status.PENDING
    reopen(page, site, article, errors, "reopening the pending article")
    assert buttons(page) == ["Lưu thay đổi", "Lưu nháp"]

    # The approver sees what waits first, and returns it with a note.
    log_in(page, site, "nguoiduyet")
    waiting = page.get_by_role("link", name="Chờ duyệt: 1")
    expect(waiting).to_be_visible()
    waiting.click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    assert buttons(page) == ["Lưu thay đổi", "Xuất bản", "Hẹn giờ đăng", "Trả lại"]
    page.get_by_label("Ý kiến gửi biên tập viên").fill(NOTE)
    press(page, "Trả lại", errors, "returning the article")
    article.refresh_from_db()
    assert (article.status, article.review_note) == (Status.DRAFT, NOTE)
    reopen(page, site, article, errors, "reopening the returned article")

    # The editor reopens it and reads the note, then sends it again.
    log_in(page, site, "bientap")
    reopen(page, site, article, errors, "the editor reopening the returned article")
    expect(page.locator(".review-note")).to_contain_text(NOTE)
    expect(page.locator(".review-note")).to_contain_text("nguoiduyet")
    press(page, "Gửi duyệt", errors, "sending for review again")
    reopen(page, site, article, errors, "reopening after sending again")
    expect(page.locator(".review-note")).to_have_count(0)

    # The approver publishes it; a visitor reads it.
    log_in(page, site, "nguoiduyet")
    reopen(page, site, article, errors, "the approver reopening it")
    press(page, "Xuất bản", errors, "publishing")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    reopen(page, site, article, errors, "reopening the published article")
    assert buttons(page) == ["Lưu thay đổi", "Gỡ bài"]
    assert visitor.goto(site + article.get_absolute_url()).status == 200

    # ... then takes it down with "Gỡ bài".
    press(page, "Gỡ bài", errors, "taking it down")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    reopen(page, site, article, errors, "reopening the article taken down")
    expect(page.locator(".preview-banner")).to_have_count(0)
    page.goto(site + article.get_absolute_url())
    expect(page.locator(".preview-banner")).to_contain_text("Đã gỡ")
    errors.assert_none("previewing the article taken down")


def test_the_article_list_and_form_fit_a_1366_px_screen(
    page: Page,
    site,
    accounts,
    make_article,
    category,
):
    page.set_viewport_size({"width": 1366, "height": 768})
    Category.objects.create(name="Thông báo")
    for number in range(5):
        make_article(
            title=f"Ủy ban nhân dân thành phố ban hành kế hoạch tuyên truyền cải cách hành "
            f"chính năm 2026 số {number}",
            status=[Status.DRAFT, Status.PENDING, Status.PUBLISHED][number % 3],
        )
    log_in(page, site, "nguoiduyet")
    page.goto(site + reverse("admin:news_article_changelist"))
    table = page.locator("#result_list")
    expect(table).to_be_visible()
    sizes = page.evaluate(
        """() => {
            const table = document.querySelector('#result_list');
            const title = table.querySelector('thead th.column-title');
            const results = document.querySelector('.results');
            return {
                results: results.scrollWidth,
                resultsBox: results.clientWidth,
                page: document.documentElement.scrollWidth,
                viewport: window.innerWidth,
                tableRight: table.getBoundingClientRect().right,
                table: table.getBoundingClientRect().width,
                title: title.getBoundingClientRect().width,
            };
        }"""
    )
    # Nothing is cut off, not even inside the list's own scrolling box.
    assert sizes["results"] <= sizes["resultsBox"], sizes
    assert sizes["page"] <= sizes["viewport"], sizes
    assert sizes["tableRight"] <= sizes["viewport"], sizes
    assert sizes["title"] >= 0.4 * sizes["table"], sizes
    label = page.locator(".status-label.status-pending").first
    expect(label).to_have_text("Chờ duyệt")
    assert label.evaluate("node => getComputedStyle(node).backgroundColor") != (
        page.locator(".status-label.status-draft").first.evaluate(
            "node => getComputedStyle(node).backgroundColor"
        )
    )
    for heading in ("Theo trạng thái", "Theo chuyên mục", "Theo ngày đăng"):
        expect(page.locator("#changelist-filter")).to_contain_text(heading)

    page.goto(site + reverse("admin:news_article_add"))
    editor = page.locator(".ck-editor").bounding_box()
    title = page.locator("#id_title").bounding_box()
    assert title["width"] >= editor["width"] - 4, (title, editor)


def test_an_image_put_into_the_body_asks_for_its_text_alternative(
    page: Page,
    site,
    accounts,
    category,
    tmp_path,
):
    errors = ServerErrors(page.context)
    log_in(page, site, "bientap")
    page.goto(site + reverse("admin:news_article_add"))
    page.locator("#id_title").fill("Bài có ảnh trong nội dung")
    page.locator("#id_category").select_option(str(category.pk))
    page.locator(".ck-editor__editable").click()
    picture = tmp_path / "anh.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (10, 74, 133)).save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())
    page.locator(".ck-editor input[type=file]").first.set_input_files(str(picture))
    form = page.locator(".ck-text-alternative-form")
    expect(form).to_be_visible(timeout=10_000)
    form.locator("input").fill("Người dân vớt rác trên kênh")
    form.locator("input").press("Enter")
    expect(
        page.locator(".ck-editor__editable img[alt='Người dân vớt rác trên kênh']")
    ).to_have_count(1)
    press(page, "Lưu nháp", errors, "saving the article with its picture")
    article = Article.objects.get()
    assert 'alt="Người dân vớt rác trên kênh"' in article.body
