import datetime as dt
import re

import pytest

from documents import selectors
from documents.models import Document
from tests.documents.conftest import attach
from tests.documents.files import docx_bytes, pdf_bytes

LIST_URL = "/van-ban/"
SITE_SEARCH = "/tim-kiem/"


def numbers_listed(response) -> list[str]:
    return re.findall(
        r'class="document-link-title"[^>]*>[^<]*? số ([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def library(make_document, decision_kind, plan_kind):
    """The reference plan among near neighbours: same number elsewhere, same symbol, same head."""
    make_document(number="50/KH-UBND", summary="Kế hoạch tuyên truyền cải cách hành chính.")
    make_document(number="50/KH-SNV", issuer="Sở Nội vụ", summary="Kế hoạch đào tạo.")
    make_document(number="51/KH-UBND", summary="Kế hoạch phòng chống thiên tai.")
    make_document(
        number="50/QĐ-UBND", kind=decision_kind, summary="Quyết định về giá đất năm 2018."
    )
    make_document(number="150/KH-UBND", summary="Kế hoạch số 50 năm trước đã hết.")


@pytest.mark.parametrize(
    "query",
    ["50/KH-UBND", "50/kh-ubnd", "50 / KH – UBND", "kh-ubnd 50", "KH-UBND 50", "50/KH–UBND"],
)
def test_every_way_of_typing_the_number_finds_the_document_first(client, library, query):
    listed = numbers_listed(client.get(LIST_URL, {"q": query}))
    assert listed[0] == "50/KH-UBND"
    # 150/KH-UBND writes "số 50" in its summary: a number query lists numbers only.
    assert listed == ["50/KH-UBND"]


def test_the_start_of_a_number_finds_every_number_starting_so(client, library):
    listed = numbers_listed(client.get(LIST_URL, {"q": "50/KH"}))
    assert set(listed[:2]) == {"50/KH-UBND", "50/KH-SNV"}
    assert "50/QĐ-UBND" not in listed


def test_an_issue_number_with_a_kind_finds_that_kinds_document(client, library, decision_kind):
    listed = numbers_listed(client.get(LIST_URL, {"q": "50", "loai": decision_kind.pk}))
    assert listed == ["50/QĐ-UBND"]
    listed = numbers_listed(client.get(LIST_URL, {"q": "Quyết định số 50"}))
    assert listed[0] == "50/QĐ-UBND"


def test_an_issue_number_alone_lists_the_documents_of_that_number(client, library):
    listed = numbers_listed(client.get(LIST_URL, {"q": "50"}))
    assert sorted(listed) == ["50/KH-SNV", "50/KH-UBND", "50/QĐ-UBND"]


def test_a_number_no_document_has_searches_the_words(client, library):
    listed = numbers_listed(client.get(LIST_URL, {"q": "Kế hoạch số 50 năm trước"}))
    assert listed == ["150/KH-UBND"]


def test_keywords_search_the_summary_without_diacritics_and_with_d_for_đ(client, library):
    assert numbers_listed(client.get(LIST_URL, {"q": "gia dat"})) == ["50/QĐ-UBND"]
    assert numbers_listed(client.get(LIST_URL, {"q": "ĐÀO TẠO"})) == ["50/KH-SNV"]


def test_keywords_search_the_text_inside_pdf_and_docx_files(client, make_document):
    pdf_doc = make_document(number="7/TB-VP", summary="Thông báo.")
    attach(pdf_doc, "tb.pdf", pdf_bytes("Lich tiep cong dan dinh ky"))
    docx_doc = make_document(number="8/TB-VP", summary="Thông báo.")
    attach(docx_doc, "tb.docx", docx_bytes("Điều chỉnh giờ làm việc mùa hè"))
    assert numbers_listed(client.get(LIST_URL, {"q": "tiếp công dân"})) == ["7/TB-VP"]
    assert numbers_listed(client.get(LIST_URL, {"q": "dieu chinh gio lam viec"})) == ["8/TB-VP"]


def test_the_site_search_shows_documents_above_articles_for_a_number(client, library, make_article):
    make_article(title="Triển khai kế hoạch", body="<p>Theo Kế hoạch số 50/KH-UBND.</p>")
    page = client.get(SITE_SEARCH, {"q": "50/KH-UBND"}).content.decode()
    assert 'class="search-results search-documents"' in page
    assert page.index("search-documents") < page.index('id="results-title"')


def test_the_site_search_shows_documents_below_articles_for_words(client, library, make_article):
    make_article(title="Cải cách hành chính", body="<p>Tuyên truyền.</p>")
    page = client.get(SITE_SEARCH, {"q": "tuyên truyền cải cách"}).content.decode()
    assert page.index('id="results-title"') < page.index("search-documents")


def test_the_site_search_has_no_documents_group_when_none_match(client, library, make_article):
    make_article(title="Lễ hội")
    page = client.get(SITE_SEARCH, {"q": "lễ hội"}).content.decode()
    assert "search-documents" not in page


def test_a_number_among_thousands_of_documents_is_found_first_in_three_queries(
    make_document, plan_kind, django_assert_max_num_queries
):
    """A few thousand documents here; the benchmark times 50,000 (docs/performance.md)."""
    now_issued = dt.date(2020, 1, 1)
    Document.objects.bulk_create(
        [
            Document(
                number=f"{n}/KH-UBND",
                number_key=f"{n}/kh-ubnd",
                number_head=str(n),
                symbol_key="kh-ubnd",
                kind=plan_kind,
                issuer="UBND thành phố Bạc Liêu",
                issued_on=now_issued,
                effective_on=now_issued,
                summary=f"Kế hoạch {n}",
                search_text=f" {n} kh ubnd ke hoach {n} ",
                status=Document.Status.PUBLISHED,
            )
            for n in range(1, 3001)
        ]
    )
    selectors.all_kinds()
    for n in (7, 1500, 2999, 42, 2024):
        # Whether the number is held, the documents, and their relations.
        with django_assert_max_num_queries(3):
            found = selectors.search_preview(f"{n}/KH-UBND", limit=5)
        assert found[0].number == f"{n}/KH-UBND"


def test_the_site_search_group_lists_the_documents_the_library_search_lists(
    make_document, decision_kind
):
    make_document(number="1/KH-UBND", summary="Cải cách hành chính", issued_on=dt.date(2018, 1, 2))
    make_document(number="2/QĐ-UBND", kind=decision_kind, summary="Cải cách hành chính 2019")
    make_document(number="3/KH-UBND", summary="Cải cách thủ tục", issued_on=dt.date(2019, 5, 1))
    make_document(number="4/KH-UBND", summary="Cải cách hành chính", status=Document.Status.DRAFT)
    make_document(
        number="5/KH-UBND",
        summary="Cải cách hành chính",
        published_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
    )
    for query in ["cai cach", "cải cách hành chính", "thủ tục", "không văn bản nào", "2/QĐ-UBND"]:
        preview = selectors.search_preview(query, limit=6)
        listed = list(
            selectors.search(selectors.public_documents().select_related("kind"), query)[:6]
        )
        assert [(d.number, d.kind.name) for d in preview] == [
            (d.number, d.kind.name) for d in listed
        ], query
        assert all(d.validity_state for d in preview)
    assert [d.number for d in selectors.search_preview("cai cach", limit=6)] == [
        "3/KH-UBND",
        "2/QĐ-UBND",
        "1/KH-UBND",
    ]


@pytest.mark.postgresql
def test_postgresql_keeps_wide_statistics_of_the_documents_words(db):
    """The planner must tell rare words from common ones (migration documents 0005)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute"
            " WHERE attrelid = 'documents_document'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == 1000
