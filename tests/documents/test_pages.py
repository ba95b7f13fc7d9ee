import datetime as dt
import json
import re

import feedparser
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, DocumentRelation
from tests.documents.conftest import attach
from tests.documents.files import pdf_bytes

LIST_URL = "/van-ban/"
VN = dt.timezone(dt.timedelta(hours=7))


def texts(response) -> str:
    return response.content.decode()


def test_the_list_shows_public_documents_newest_first_twenty_a_page(client, make_document):
    for day in range(1, 23):
        make_document(number=f"{day}/TB-VP", issued_on=dt.date(2024, 1, day))
    first = texts(client.get(LIST_URL))
    assert first.index("22/TB-VP") < first.index("21/TB-VP")
    assert "số 3/TB-VP<" in first and "số 2/TB-VP<" not in first
    second = texts(client.get(LIST_URL, {"page": 2}))
    assert "số 2/TB-VP<" in second and "số 1/TB-VP<" in second


def test_the_list_filters_by_kind_issuer_field_year_and_validity(
    client, make_document, decision_kind
):
    make_document(number="1/KH-UBND", issued_on=dt.date(2020, 3, 1))
    make_document(number="2/QĐ-UBND", kind=decision_kind, issuer="UBND phường 7", field="Xây dựng")
    make_document(
        number="3/KH-UBND",
        issued_on=dt.date(2019, 1, 1),
        effective_on=dt.date(2019, 1, 1),
        expires_on=dt.date(2019, 12, 31),
    )
    by_kind = texts(client.get(LIST_URL, {"loai": decision_kind.pk}))
    assert "2/QĐ-UBND" in by_kind and "1/KH-UBND" not in by_kind
    by_issuer = texts(client.get(LIST_URL, {"co_quan": "UBND phường 7"}))
    assert "2/QĐ-UBND" in by_issuer and "3/KH-UBND" not in by_issuer
    by_field = texts(client.get(LIST_URL, {"linh_vuc": "Xây dựng"}))
    assert "2/QĐ-UBND" in by_field and "1/KH-UBND" not in by_field
    by_year = texts(client.get(LIST_URL, {"nam": 2020}))
    assert "1/KH-UBND" in by_year and "3/KH-UBND" not in by_year
    expired = texts(client.get(LIST_URL, {"hieu_luc": "het-hieu-luc"}))
    assert "3/KH-UBND" in expired and "1/KH-UBND" not in expired


def test_a_filter_value_no_document_has_is_a_clear_400(client, plan_50):
    assert client.get(LIST_URL, {"nam": "abcd"}).status_code == 400
    assert client.get(LIST_URL, {"co_quan": "Không có"}).status_code == 400


def test_the_detail_page_shows_every_field_the_files_and_relations_both_ways(
    client, make_document, decision_kind
):
    old = make_document(number="10/QĐ-UBND", kind=decision_kind, issued_on=dt.date(2017, 1, 2))
    new = make_document(
        number="20/QĐ-UBND",
        kind=decision_kind,
        issued_on=dt.date(2018, 2, 1),
        effective_on=dt.date(2018, 2, 15),
        signer="Trần Văn C",
        signer_title="Chủ tịch",
    )
    DocumentRelation.objects.create(source=new, kind="replaces", target=old)
    attach(new, "quyet-dinh.pdf", pdf_bytes("Quyet dinh"))
    page = texts(client.get(new.get_absolute_url()))
    for text in ("20/QĐ-UBND", "Trần Văn C", "Chủ tịch", "01/02/2018", "15/02/2018", "PDF,"):
        assert text in page
    assert "Thay thế" in page and old.get_absolute_url() in page
    assert "pdf-preview" in page
    old_page = texts(client.get(old.get_absolute_url()))
    assert "Bị thay thế bởi" in old_page and new.get_absolute_url() in old_page
    assert "validity-bi-thay-the" in old_page


def test_validity_turns_at_midnight_vietnam_time(client, make_document):
    document = make_document(issued_on=dt.date(2030, 5, 1), effective_on=dt.date(2030, 5, 2))
    with time_machine.travel(dt.datetime(2030, 5, 1, 23, 59, tzinfo=VN), tick=False):
        assert "Chưa có hiệu lực" in texts(client.get(document.get_absolute_url()))
    with time_machine.travel(dt.datetime(2030, 5, 2, 0, 0, 30, tzinfo=VN), tick=False):
        # 17:00 UTC on the 1st: still the 1st in UTC, already the 2nd in Vietnam.
        assert "Còn hiệu lực" in texts(client.get(document.get_absolute_url()))


def test_validity_is_never_served_stale_from_a_cache_past_midnight(make_document):
    from documents.selectors import next_change

    make_document(issued_on=dt.date(2030, 5, 1), effective_on=dt.date(2030, 5, 2))
    now = dt.datetime(2030, 5, 1, 20, 0, tzinfo=VN)
    assert next_change(now, site_id=1) == dt.datetime(2030, 5, 2, 0, 0, tzinfo=VN)


def test_the_detail_page_carries_legislation_json_ld(client, plan_50):
    page = texts(client.get(plan_50.get_absolute_url()))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "50/KH-UBND"
    assert data["legislationDate"] == "2018-04-16"
    assert data["legislationLegalForce"]["@id"] == "https://schema.org/InForce"
    assert data["legislationPassedBy"]["name"] == "UBND thành phố Bạc Liêu"


def test_the_print_view_shows_the_document_for_paper(client, plan_50):
    page = texts(client.get(plan_50.get_print_url()))
    assert "Bản in: Kế hoạch số 50/KH-UBND" in page
    assert "noindex" in page and "print.css" in page


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Document.Status.DRAFT},
        {"status": Document.Status.PENDING},
        {"status": Document.Status.UNPUBLISHED},
        {"published_at": timezone.now() + dt.timedelta(days=1)},
    ],
    ids=["draft", "pending", "unpublished", "scheduled"],
)
def test_no_unpublished_document_number_or_file_leaks_anywhere_public(
    client, make_document, fields
):
    hidden = make_document(number="999/KH-BIMAT", summary="Nội dung chưa công bố.", **fields)
    stored = attach(hidden, "bi-mat.pdf", pdf_bytes("bi mat"))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_print_url()).status_code == 404
    assert client.get(stored.get_absolute_url()).status_code == 404
    assert client.get(reverse("documents:file_inline", args=[stored.pk])).status_code == 404
    for url, params in [
        (LIST_URL, {}),
        (LIST_URL, {"q": "999/KH-BIMAT"}),
        (LIST_URL, {"q": "chưa công bố"}),
        ("/van-ban/rss/", {}),
        ("/sitemap-documents.xml", {}),
        ("/tim-kiem/", {"q": "999/KH-BIMAT"}),
    ]:
        body = texts(client.get(url, params))
        # A search repeats what was typed; it must find nothing.
        assert params or "999/KH-BIMAT" not in body, url
        assert "Nội dung chưa công bố." not in body, url
        assert hidden.get_absolute_url() not in body, url


def test_a_public_file_downloads_under_its_name_and_a_pdf_previews_in_the_page(client, plan_50):
    stored = attach(plan_50, "Kế hoạch 50.pdf", pdf_bytes("x"))
    download = client.get(stored.get_absolute_url())
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    preview = client.get(reverse("documents:file_inline", args=[stored.pk]))
    assert preview["Content-Disposition"].startswith("inline;")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


def test_the_feed_lists_new_documents_in_vietnam_time(client, plan_50):
    feed = feedparser.parse(client.get("/van-ban/rss/").content)
    assert feed.entries[0].title.startswith("Kế hoạch số 50/KH-UBND")
    assert feed.entries[0].published.endswith("+0700")


def test_the_sitemap_has_a_documents_section(client, plan_50):
    index = texts(client.get("/sitemap.xml"))
    assert "sitemap-documents.xml" in index
    section = texts(client.get("/sitemap-documents.xml"))
    assert plan_50.get_absolute_url() in section


def test_a_relation_to_another_portal_s_document_is_left_out_of_the_page(
    client, make_document, settings
):
    from news.portals import add_portal

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "phuong-1.localhost"]
    ward = add_portal(domain="phuong-1.localhost", name="Cổng Phường 1", agency="UBND Phường 1")
    ours = make_document(number="30/KH-UBND")
    theirs = make_document(number="31/KH-UBND", site_id=ward.pk, summary="Kế hoạch phường")
    # Only a shell or a script could relate them: the admin offers a portal's own documents.
    DocumentRelation.objects.create(source=ours, kind="replaces", target=theirs)
    response = client.get(ours.get_absolute_url())
    assert response.status_code == 200
    assert "31/KH-UBND" not in texts(response)


@pytest.fixture
def library_of(make_document, decision_kind):
    """Return a factory of count public documents, every third replacing the one before."""

    def make(count):
        made = []
        for n in range(count):
            kind = decision_kind if n % 2 else None
            fields = {"kind": kind} if kind else {}
            made.append(
                make_document(
                    number=f"{n + 1}/{'QĐ' if kind else 'KH'}-UBND",
                    issued_on=dt.date(2018, 1, 1) + dt.timedelta(days=n),
                    **fields,
                )
            )
            if n % 3 == 2:
                DocumentRelation.objects.create(source=made[-1], kind="replaces", target=made[-2])
        return made

    return make


@pytest.mark.usefixtures("known_portals")
@pytest.mark.parametrize("count", [25, 70])
def test_the_list_and_a_document_read_a_fixed_number_of_queries_once_warm(
    client, library_of, count, django_assert_num_queries
):
    made = library_of(count)
    # The twelfth replaces the eleventh: a page with relations both ways.
    document = made[11]
    for url in (LIST_URL, f"{LIST_URL}?page=2", document.get_absolute_url()):
        client.get(url, {"r": "warm"})
    # A page of twenty documents, the relations replacing them and whether the
    # replacing ones are in force (only when some are replaced); the count, the
    # kinds, the filters' values and the layout's pieces are kept per content version.
    for page in (1, 2):
        with django_assert_num_queries(3):
            response = client.get(LIST_URL, {"page": page, "r": "again"})
        assert response.status_code == 200
        assert len(response.context["documents"]) == min(20, count - (page - 1) * 20)
        assert all(d.kind.name for d in response.context["documents"])

    # The document, its relations, the documents related, its files (the
    # articles citing it are kept).
    with django_assert_num_queries(4):
        assert client.get(document.get_absolute_url(), {"r": "again"}).status_code == 200
