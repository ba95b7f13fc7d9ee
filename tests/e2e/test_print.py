"""The print view on A4 paper, as Chromium prints it, and the article page printed as it is."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import change_portal
from tests.e2e.pages import (
    EXTERNAL_LINK,
    SOURCE_DATE_LINE,
    SOURCE_TITLE,
    VN,
    artifacts_dir,
    make_source_article,
    plain_text,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def source_article(make_article):
    return make_source_article(make_article)


def print_to_pdf(page: Page, path) -> tuple[int, str]:
    """Print the page as Chromium does on A4; return its page count and its text."""
    pages, text = print_pages(page, path)
    return pages, "\f".join(text)


def print_pages(page: Page, path) -> tuple[int, list[str]]:
    """Print the page as Chromium does on A4; return its page count and the text of each page."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install poppler-utils (apt-get install poppler-utils).")
    page.emulate_media(media="print")
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return pages, text.split("\f")[:pages]


def sheet_of(texts: list[str], words: str) -> int:
    """Return the number (from 1) of the printed page that shows the words."""
    found = [number for number, text in enumerate(texts, 1) if words in plain_text(text)]
    assert found, f"{words!r} is on no page"
    return found[-1]


def test_print_view_prints_the_source_article_on_one_a4_page(
    page: Page, site, source_article, pytestconfig
):
    page.goto(site + source_article.get_print_url())
    folder = artifacts_dir(pytestconfig)
    pdf = folder / "print-article.pdf"
    pages, text = print_to_pdf(page, pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(folder / "print-article-page1"),
        ],
        check=True,
    )
    assert (folder / "print-article-page1.png").stat().st_size > 10_000

    assert pages == 1
    text = plain_text(text)
    url = site + source_article.get_absolute_url()
    assert SOURCE_TITLE in text
    assert "Kim Ngân" in text
    assert SOURCE_DATE_LINE in text
    assert "Tin tức về cải cách Thủ tục hành chính".upper() in text.upper()
    assert "Cổng thông tin điện tử thành phố Bạc Liêu".upper() in text.upper()
    assert "Ủy ban nhân dân thành phố Bạc Liêu".upper() in text.upper()
    assert "Số lượt người xem:" in text
    # A long address may break over two lines of the page.
    assert url in "".join(text.split())
    assert f"Cổngdịchvụcôngquốcgia({EXTERNAL_LINK})".lower() in "".join(text.split()).lower()
    assert "(#noi-dung)" not in "".join(text.split())
    assert re.search(r"In lúc \d\d/\d\d/\d{4} \d\d:\d\d", text)
    for chrome in (
        "SỐ LƯỢT TRUY CẬP",
        "Trang chủ",
        "Danh mục",
        "In bài viết",
        "Quay lại",
        "Chia sẻ",
    ):
        assert chrome not in text, chrome


@pytest.fixture
def demo_reference(make_article, category):
    """Return the reference article as the demo content tells it: longer than the source's."""
    from demo.texts import REFERENCE

    return make_article(
        title=REFERENCE["title"],
        lead=REFERENCE["lead"],
        body=REFERENCE["body"],
        byline=REFERENCE["byline"],
        published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN),
    )


@pytest.mark.parametrize("length", [1, 2])
def test_the_byline_is_printed_on_the_sheet_of_the_last_paragraph(
    page: Page, site, demo_reference, tmp_path, length
):
    if length > 1:
        demo_reference.body = demo_reference.body * length
        demo_reference.save()
    page.goto(site + demo_reference.get_print_url())
    pages, texts = print_pages(page, tmp_path / "reference.pdf")
    if length == 1:
        assert pages == 1
    last_words = "xem xét, giải quyết."
    assert sheet_of(texts, "Kim Ngân") == sheet_of(texts, last_words) == pages
    assert sheet_of(texts, "Số lượt người xem:") == pages


def test_a_printed_page_of_the_site_says_which_portal_and_address_it_came_from(
    page: Page, site, source_article, tmp_path
):
    for path in (
        source_article.get_absolute_url(),
        source_article.category.get_absolute_url(),
        "/",
    ):
        page.goto(site + path)
        _, texts = print_pages(page, tmp_path / "page.pdf")
        first = plain_text(texts[0])
        assert "Cổng thông tin điện tử thành phố Bạc Liêu".upper() in first.upper(), path
        assert (site + path) in "".join(texts[0].split()), path
        page.emulate_media(media="screen")
        expect(page.get_by_text(site + path, exact=True)).to_be_hidden()


def printed_sheet(pdf, number: int) -> str:
    """Return the text of one sheet of a PDF, as pdftotext reads it."""
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("view", ["article", "print view"])
def test_every_printed_sheet_names_the_portal_its_address_and_its_number(
    page: Page, site, demo_reference, tmp_path, view
):
    demo_reference.body = demo_reference.body * 4
    demo_reference.save()
    url = demo_reference.get_absolute_url() if view == "article" else demo_reference.get_print_url()
    page.goto(site + url)
    pdf = tmp_path / "long-article.pdf"
    pages, _ = print_pages(page, pdf)
    assert pages >= 3
    for number in range(1, pages + 1):
        text = printed_sheet(pdf, number)
        assert "Cổng thông tin điện tử thành phố Bạc Liêu" in plain_text(text), number
        assert site in "".join(text.split()), number
        assert f"Trang {number}/{pages}" in plain_text(text), number


def test_a_portal_name_with_quotes_backslashes_and_a_newline_prints_as_written(
    page: Page, site, source_article, tmp_path, settings
):
    change_portal(name='Cổng "thử" \\ số 1\nBạc Liêu')
    page.goto(site + source_article.get_absolute_url())
    pdf = tmp_path / "name.pdf"
    print_pages(page, pdf)
    assert f'Cổng "thử" \\ số 1 Bạc Liêu – {site}' in plain_text(printed_sheet(pdf, 1))


def test_article_page_prints_without_the_site_chrome(page: Page, site, source_article, tmp_path):
    page.goto(site + source_article.get_absolute_url())
    pages, text = print_to_pdf(page, tmp_path / "article.pdf")
    text = plain_text(text)
    assert pages <= 2
    assert SOURCE_TITLE in text
    assert "Kim Ngân" in text
    assert SOURCE_DATE_LINE in text
    for chrome in (
        "SỐ LƯỢT TRUY CẬP",
        "Trang chủ",
        "Danh mục",
        "Bỏ qua, đến nội dung chính",
        "Cơ quan chủ quản",
        "TIN MỚI HƠN",
        "TIN ĐÃ ĐƯA",
        "Chia sẻ",
        "Tương phản cao",
        "Bản in",
    ):
        assert chrome not in text, chrome


def test_print_button_calls_the_browser_print_dialog_and_is_not_printed(
    page: Page, site, source_article
):
    page.add_init_script(
        "window.print = () => { window.printCalls = (window.printCalls || 0) + 1; }"
    )
    page.goto(site + source_article.get_print_url())
    button = page.get_by_role("button", name="In bài viết")
    button.click()
    assert page.evaluate("window.printCalls") == 1
    page.emulate_media(media="print")
    expect(button).to_be_hidden()


def test_printed_at_shows_the_local_time_of_printing(page: Page, site, source_article):
    page.clock.set_fixed_time("2026-03-05T02:07:00Z")
    page.goto(site + source_article.get_print_url())
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator(".printed-at")).to_have_text("In lúc 05/03/2026 09:07")


def test_images_of_the_article_stay_within_the_printed_page(page: Page, site, make_article):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2400, 1200), (10, 74, 133)).save(buffer, "PNG")
    article = make_article(
        body='<p>Ảnh hội nghị:</p><figure class="image"><img src="/media/anh-rong.png" '
        'width="2400" height="1200" alt="Toàn cảnh hội nghị"></figure>',
    )
    page.route(
        "**/media/anh-rong.png",
        lambda route: route.fulfill(status=200, content_type="image/png", body=buffer.getvalue()),
    )
    for url in (article.get_print_url(), article.get_absolute_url()):
        page.goto(site + url)
        page.emulate_media(media="print")
        image = page.get_by_role("img", name="Toàn cảnh hội nghị")
        expect(image).to_be_visible()
        widths = image.evaluate(
            "img => [img.getBoundingClientRect().width, img.closest('article').clientWidth]"
        )
        assert 0 < widths[0] <= widths[1]
        page.emulate_media(media="screen")


def test_larger_text_applies_to_the_print_view_on_paper(page: Page, site, source_article):
    page.goto(site + source_article.get_print_url())
    page.emulate_media(media="print")
    normal = page.locator(".article-body p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).fontSize)"
    )
    page.context.add_cookies([{"name": "co-chu", "value": "lon", "url": site}])
    page.reload()
    expect(page.locator("html")).to_have_class(re.compile(r"\btext-lg\b"))
    larger = page.locator(".article-body p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).fontSize)"
    )
    assert larger > normal


def test_high_contrast_prints_black_on_white(page: Page, site, source_article):
    page.context.add_cookies([{"name": "tuong-phan", "value": "cao", "url": site}])
    for url in (source_article.get_absolute_url(), source_article.get_print_url()):
        page.goto(site + url)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
        page.emulate_media(media="print")
        colours = page.locator("h1").evaluate(
            "h1 => [getComputedStyle(h1).color, getComputedStyle(document.body).backgroundColor]"
        )
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
        page.emulate_media(media="screen")


def test_print_view_without_javascript_hides_the_button_that_could_not_work(
    browser, site, source_article
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + source_article.get_print_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(SOURCE_TITLE)
    expect(page.get_by_text("In bài viết")).to_be_hidden()
    expect(page.get_by_role("link", name="Quay lại bài viết")).to_be_visible()
    context.close()
