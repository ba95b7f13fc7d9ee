import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from documents.models import Document, DocumentFile
from news.portals import add_portal
from tests.documents.files import docx_bytes, pdf_bytes

HEADER = (
    "number,kind,issuer,signer,signer_title,issued_on,effective_on,expires_on,field,summary,file"
)
GOOD = [
    "50/KH-UBND,Kế hoạch,UBND thành phố Bạc Liêu,Nguyễn Văn A,Phó Chủ tịch,16/04/2018,"
    '16/04/2018,,Cải cách hành chính,"Tuyên truyền cải cách hành chính, năm 2018",kh50.pdf',
    "12/QĐ-UBND,quyết định,UBND thành phố Bạc Liêu,Lê Thị B,Chủ tịch,02/01/2019,"
    "15/01/2019,31/12/2019,Đất đai,Quy định giá đất năm 2019,phu-luc/qd12.docx",
    "7/TB-VP,Thông báo,Văn phòng UBND thành phố,,,05/03/2020,05/03/2020,,,Lịch tiếp công dân,",
]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "kh50.pdf").write_bytes(pdf_bytes("Ke hoach tuyen truyen"))
    (tmp_path / "phu-luc").mkdir()
    (tmp_path / "phu-luc" / "qd12.docx").write_bytes(docx_bytes("Bảng giá đất"))
    return tmp_path


def write(folder, *lines) -> str:
    path = folder / "van-ban.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return str(path)


def run(path):
    call_command("import_documents", path, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_an_import_creates_published_documents_with_their_files(folder):
    run(write(folder, *GOOD))
    assert Document.objects.count() == 3
    plan = Document.objects.get(number="50/KH-UBND")
    assert plan.is_public()
    assert plan.summary == "Tuyên truyền cải cách hành chính, năm 2018"
    assert plan.files.get().text_state == DocumentFile.TextState.EXTRACTED
    decision = Document.objects.get(number="12/QĐ-UBND")
    assert decision.kind.name == "Quyết định" and decision.expires_on.year == 2019
    assert " bang gia dat " in decision.search_text
    assert plan.history.first().history_change_reason == "Nhập từ tệp CSV"


def test_running_the_same_file_again_changes_nothing(folder):
    path = write(folder, *GOOD)
    run(path)
    before = list(Document.objects.values_list("pk", "updated_at"))
    run(path)
    assert list(Document.objects.values_list("pk", "updated_at")) == before
    assert DocumentFile.objects.count() == 2


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (GOOD[0].replace("16/04/2018,,", "31/02/2018,,"), "Dòng 3: effective_on “31/02/2018”"),
        (GOOD[0].replace("Kế hoạch", "Sắc lệnh"), "Dòng 3: loại văn bản “Sắc lệnh” chưa có"),
        (GOOD[0].replace("50/KH-UBND", "KH-UBND"), "Dòng 3: số ký hiệu “KH-UBND” không hợp lệ"),
        (GOOD[0].replace("kh50.pdf", "khong-co.pdf"), "Dòng 3: không có tệp “khong-co.pdf”"),
        (GOOD[0].replace("kh50.pdf", "gia.pdf"), "Dòng 3: tệp “gia.pdf”: Nội dung tệp không phải"),
        (GOOD[0].replace("kh50.pdf", "../ngoai.pdf"), "Dòng 3: không có tệp “../ngoai.pdf”"),
        (GOOD[1], "Dòng 3: văn bản số 12/QĐ-UBND của UBND thành phố Bạc Liêu đã có ở dòng 2"),
        ("50/KH-UBND,Kế hoạch,UBND", "Dòng 3: có 3 cột, cần 11"),
    ],
)
def test_the_first_bad_line_stops_the_import_with_its_number_and_nothing_is_written(
    folder, bad, message
):
    (folder / "gia.pdf").write_bytes(b"<html>not a pdf</html>")
    (folder.parent / "ngoai.pdf").write_bytes(pdf_bytes("x"))
    path = write(folder, GOOD[1], bad, GOOD[2])
    with pytest.raises(CommandError) as error:
        run(path)
    assert message in str(error.value)
    assert "Không có văn bản nào được nhập" in str(error.value)
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_a_row_changing_an_imported_document_is_refused(folder):
    run(write(folder, *GOOD))
    with pytest.raises(CommandError) as error:
        run(write(folder, GOOD[0].replace("năm 2018", "năm 2019")))
    assert "Dòng 2: văn bản số 50/KH-UBND" in str(error.value) and "nội dung khác" in str(
        error.value
    )


def test_a_wrong_header_or_encoding_is_refused(folder):
    path = folder / "sai.csv"
    path.write_text("so,loai\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 1: tiêu đề"):
        run(str(path))
    path.write_bytes((HEADER + "\n" + GOOD[2]).encode("utf-16"))
    with pytest.raises(CommandError):
        run(str(path))


def test_an_unknown_portal_is_refused_and_nothing_is_written(folder):
    with pytest.raises(CommandError, match="không có cổng nào ở tên miền này"):
        call_command("import_documents", write(folder, *GOOD), site="phuong1.example.vn")
    assert not Document.objects.exists()


def test_site_imports_into_that_portal_and_numbers_are_unique_per_portal(folder, settings):
    ward = add_portal(domain="phuong-1.localhost", name="Cổng Phường 1")
    path = write(folder, *GOOD)
    call_command("import_documents", path, site="PHUONG-1.localhost")
    assert Document.objects.filter(site_id=ward.pk).count() == len(GOOD)
    # The same numbers from the same issuers are the city's own documents too.
    run(path)
    assert Document.objects.filter(site_id=1).count() == len(GOOD)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "phuong-1.localhost"]
    number = Document.objects.filter(site_id=ward.pk).first().number
    ward_page = Client(HTTP_HOST="phuong-1.localhost").get("/van-ban/", {"q": number})
    assert ward_page.content.decode().count(f"số {number}") >= 1
    city_ids = set(Document.objects.filter(site_id=1).values_list("pk", flat=True))
    for pk in city_ids:
        assert Client(HTTP_HOST="phuong-1.localhost").get(f"/van-ban/{pk}/").status_code == 404
