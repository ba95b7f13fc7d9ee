"""Documents in a real browser: a citizen finds a plan by its number, an editor and an
approver publish one, the list's filters, the detail and print pages, accessibility."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from documents.models import Document
from tests.documents import conftest as documents_fixtures
from tests.documents.conftest import attach, ensure_roles
from tests.documents.files import pdf_bytes
from tests.e2e.pages import serious_axe_violations
from tests.news.conftest import APPROVERS, EDITORS

pytestmark = pytest.mark.e2e

# The documents' fixtures, for the journeys here.
make_document = documents_fixtures.make_document
plan_kind = documents_fixtures.plan_kind
decision_kind = documents_fixtures.decision_kind

PASSWORD = "mat-khau-van-ban-2026"


@pytest.fixture
def library(transactional_db, make_document, make_article, decision_kind):
    ensure_roles()
    plan = make_document(
        number="50/KH-UBND",
        summary="Kế hoạch tuyên truyền công tác cải cách hành chính năm 2018.",
    )
    attach(plan, "ke-hoach-50.pdf", pdf_bytes("Ke hoach so 50/KH-UBND", "tuyen truyen CCHC"))
    make_document(number="51/KH-UBND", summary="Kế hoạch phòng chống thiên tai năm 2018.")
    make_document(
        number="12/QĐ-UBND",
        kind=decision_kind,
        issuer="UBND Phường 3",
        field="Đất đai",
        issued_on=dt.date(2021, 5, 4),
        effective_on=dt.date(2021, 5, 4),
        summary="Quyết định về bảng giá đất.",
    )
    article = make_article(
        title="Triển khai tuyên truyền cải cách hành chính",
        body="<p>Ngày 16/4, UBND thành phố ban hành Kế hoạch số 50/KH-UBND.</p>",
    )
    return plan, article


def test_a_citizen_finds_a_plan_by_its_number_and_opens_its_file(page: Page, site, library):
    _plan, article = library
    page.goto(site + "/van-ban/")
    page.get_by_label("Số ký hiệu hoặc từ khóa").fill("kh-ubnd 50")
    page.get_by_role("button", name="Tìm văn bản").click()
    first = page.locator(".document-item").first
    expect(first.locator(".document-link-title")).to_have_text("Kế hoạch số 50/KH-UBND")
    first.locator(".document-link-title").click()
    expect(page.locator("h1")).to_have_text("Kế hoạch số 50/KH-UBND")
    expect(page.locator(".document-fields")).to_contain_text("Còn hiệu lực")
    expect(page.locator(".pdf-preview")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="ke-hoach-50.pdf").click()
    assert download.value.suggested_filename == "ke-hoach-50.pdf"
    # The article that cites it, and back from the article to the plan.
    page.get_by_role("link", name=article.title).click()
    page.locator("a.document-link").first.click()
    expect(page.locator("h1")).to_have_text("Kế hoạch số 50/KH-UBND")


def test_the_list_filters_narrow_the_documents(page: Page, site, library, decision_kind):
    page.goto(site + "/van-ban/")
    page.get_by_label("Loại văn bản").select_option(label="Quyết định")
    page.get_by_role("button", name="Tìm văn bản").click()
    expect(page.locator(".document-item")).to_have_count(1)
    expect(page.locator(".document-item")).to_contain_text("12/QĐ-UBND")
    page.get_by_label("Loại văn bản").select_option(label="Tất cả")
    page.get_by_label("Năm ban hành").select_option("2018")
    page.get_by_role("button", name="Tìm văn bản").click()
    expect(page.locator(".document-item")).to_have_count(2)


def test_the_site_search_puts_documents_first_for_a_number(page: Page, site, library):
    page.goto(site + "/tim-kiem/?q=50%2FKH-UBND")
    expect(page.locator(".search-documents .document-item").first).to_contain_text("50/KH-UBND")


def test_the_print_view_prints_the_document(page: Page, site, library):
    plan, _article = library
    page.goto(site + plan.get_print_url())
    expect(page.locator("h1")).to_have_text("Kế hoạch số 50/KH-UBND")
    page.emulate_media(media="print")
    expect(page.locator(".print-toolbar")).to_be_hidden()


@pytest.mark.parametrize("which", ["list", "detail"])
def test_the_documents_pages_pass_axe(page: Page, site, library, which):
    plan, _article = library
    page.goto(site + ("/van-ban/" if which == "list" else plan.get_absolute_url()))
    assert serious_axe_violations(page) == []


def test_an_editor_submits_a_document_and_an_approver_publishes_it(
    page: Page, site, settings, django_user_model, plan_kind, browser
):
    ensure_roles()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for username, group in (("bientap", EDITORS), ("duyet", APPROVERS)):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
    admin = f"{site}/{settings.ADMIN_URL_PATH}"

    def log_in(as_page: Page, username: str):
        as_page.goto(admin + "login/")
        as_page.get_by_label("Tên đăng nhập").fill(username)
        as_page.get_by_label("Mật khẩu").fill(PASSWORD)
        as_page.get_by_role("button", name="Đăng nhập").click()

    log_in(page, "bientap")
    page.goto(admin + "documents/document/add/")
    page.locator("#id_number").fill("8 / KH – UBND")
    page.locator("#id_kind").select_option(str(plan_kind.pk))
    page.locator("#id_issuer").fill("UBND thành phố Bạc Liêu")
    page.locator("#id_issued_on").fill("02/03/2026")
    page.locator("#id_effective_on").fill("02/03/2026")
    page.locator("#id_summary").fill("Kế hoạch tổ chức Ngày sách Việt Nam.")
    expect(page.get_by_role("button", name="Xuất bản")).to_have_count(0)
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi văn bản cho người duyệt")
    document = Document.objects.get(number="8/KH-UBND")
    assert document.status == Document.Status.PENDING
    assert page.request.get(site + document.get_absolute_url()).status == 200  # staff preview

    other = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    assert other.request.get(site + document.get_absolute_url()).status == 404
    log_in(other, "duyet")
    other.goto(admin + f"documents/document/{document.pk}/change/")
    other.get_by_role("button", name="Xuất bản").click()
    expect(other.locator(".messagelist")).to_contain_text("Đã xuất bản văn bản")
    document.refresh_from_db()
    assert document.is_public(timezone.now())
    anonymous = browser.new_context().new_page()
    anonymous.goto(site + "/van-ban/?q=8%2FKH-UBND")
    expect(anonymous.locator(".document-item").first).to_contain_text("8/KH-UBND")
