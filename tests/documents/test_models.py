import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from documents.models import Document, DocumentFile, Validity
from tests.documents.conftest import attach, upload
from tests.documents.files import broken_pdf_bytes, docx_bytes, encrypted_pdf_bytes, pdf_bytes


def test_a_number_is_stored_normalised_with_its_lookup_keys(make_document):
    document = make_document(number=" 50 / KH – UBND ")
    document.refresh_from_db()
    assert document.number == "50/KH-UBND"
    assert (document.number_key, document.number_head, document.symbol_key) == (
        "50/kh-ubnd",
        "50",
        "kh-ubnd",
    )


def test_a_number_is_unique_per_issuer_whatever_its_spelling(make_document):
    make_document(number="50/KH-UBND")
    make_document(number="50/KH-UBND", issuer="UBND phường 1")
    clash = Document(
        number="50/kh–ubnd",
        kind_id=make_document().kind_id,
        issuer="UBND thành phố Bạc Liêu",
        issued_on=dt.date(2018, 4, 16),
        effective_on=dt.date(2018, 4, 16),
        summary="Trùng số.",
    )
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "đã có văn bản số 50/kh-ubnd" in str(error.value).lower()
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()


def test_a_malformed_number_and_dates_out_of_order_are_refused_in_words(make_document):
    document = make_document()
    document.number = "KH-UBND"
    document.effective_on = document.issued_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert set(error.value.message_dict) == {"number", "effective_on"}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2018, 4, 30), Validity.NOT_YET),
        (dt.date(2018, 5, 1), Validity.IN_FORCE),
        (dt.date(2018, 12, 30), Validity.IN_FORCE),
        (dt.date(2018, 12, 31), Validity.EXPIRED),
    ],
)
def test_validity_is_computed_from_the_dates_of_the_day(make_document, today, expected):
    document = make_document(effective_on=dt.date(2018, 5, 1), expires_on=dt.date(2018, 12, 31))
    assert document.validity(today) is expected


def test_a_replaced_document_says_so_whatever_its_dates(make_document):
    document = make_document()
    assert document.validity(dt.date(2019, 1, 1), replaced=True) is Validity.REPLACED


def test_a_pdf_and_a_docx_have_their_text_extracted_and_searched(make_document):
    document = make_document(summary="Trích yếu.")
    pdf = attach(document, "ke-hoach.pdf", pdf_bytes("Lich tiep cong dan", "thang tu"))
    docx = attach(document, "phu-luc.docx", docx_bytes("Danh sách đường dây nóng"))
    assert pdf.text_state == DocumentFile.TextState.EXTRACTED
    assert "Lich tiep cong dan" in pdf.text
    assert docx.text == "Danh sách đường dây nóng"
    document.refresh_from_db()
    assert " lich tiep cong dan " in document.search_text
    assert " duong day nong " in document.search_text


def test_an_encrypted_or_broken_pdf_is_stored_with_its_text_marked_unread(make_document):
    document = make_document()
    locked = attach(document, "khoa.pdf", encrypted_pdf_bytes("bi mat"))
    broken = attach(document, "hong.pdf", broken_pdf_bytes())
    assert locked.text_state == DocumentFile.TextState.FAILED
    assert broken.text_state == DocumentFile.TextState.FAILED
    assert locked.file.storage.exists(locked.file.name)
    assert (locked.kind, broken.kind) == ("pdf", "pdf")


def test_a_file_whose_name_says_another_kind_is_refused(make_document):
    document = make_document()
    stored = DocumentFile(document=document, file=upload("ke-hoach.pdf", docx_bytes("x")))
    with pytest.raises(ValidationError) as error:
        stored.full_clean()
    assert "nội dung là DOCX" in str(error.value)


def test_a_file_that_is_no_document_is_refused(make_document):
    document = make_document()
    stored = DocumentFile(document=document, file=upload("ke-hoach.pdf", b"<html>hi</html>"))
    with pytest.raises(ValidationError):
        stored.full_clean()


def test_a_21_mb_file_is_refused(make_document):
    document = make_document()
    big = pdf_bytes("lon") + b"%" * (21 * 1024 * 1024)
    stored = DocumentFile(document=document, file=upload("lon.pdf", big))
    with pytest.raises(ValidationError) as error:
        stored.full_clean()
    assert "quá lớn" in str(error.value)


def test_files_are_stored_under_random_names_outside_the_media_root(make_document, settings):
    document = make_document()
    stored = attach(document, "Kế hoạch 50.pdf", pdf_bytes("x"))
    assert stored.original_name == "Kế hoạch 50.pdf"
    assert stored.file.name.startswith("van-ban/") and "ke" not in stored.file.name.lower()
    assert str(settings.NEWS_ATTACHMENT_ROOT) in stored.file.path
