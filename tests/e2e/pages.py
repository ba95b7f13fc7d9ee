"""Helpers of the page checks: the source-shaped article, axe-core, artifacts."""

import datetime as dt
import unicodedata
from pathlib import Path

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
VN = dt.timezone(dt.timedelta(hours=7))

SOURCE_TITLE = "Triển khai Kế hoạch tuyên truyền công tác cải cách hành chính (CCHC) năm 2018"
SOURCE_DATE_LINE = "Thứ Tư, 18/04/2018, 09:30"
EXTERNAL_LINK = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
SOURCE_BODY = f"""
<p>Với mục đích, nhằm nâng cao vai trò, trách nhiệm của người đứng đầu và các cấp ủy Đảng,
chính quyền các cấp, các ngành, các cơ quan, đoàn thể tích cực tham gia công tác tuyên
truyền về CCHC để thực hiện tốt Kế hoạch CCHC năm 2018 đã đề ra.</p>
<p>Yêu cầu đặt ra, công tác tuyên truyền phải gắn với mục tiêu, nhiệm vụ, bám sát nội dung
Nghị quyết của Chính phủ ban hành các văn bản liên quan đến CCHC của UBND tỉnh, thành
phố.</p>
<p id="noi-dung">Theo kế hoạch, tập trung tuyên truyền đa dạng, phong phú các nội dung, hình
thức tuyên truyền về công tác CCHC như: tuyên truyền, phổ biến các văn bản chỉ đạo của Trung
ương, tỉnh, thành phố về công tác CCHC; bộ thủ tục hành chính thuộc thẩm quyền giải quyết từ
cấp thành phố, cấp xã được UBND tỉnh công bố, chuẩn hóa; việc tiếp nhận hồ sơ và trả kết quả
qua dịch vụ bưu chính công ích. Người dân tra cứu thủ tục trên <a
href="{EXTERNAL_LINK}">Cổng Dịch vụ công quốc gia</a>.</p>
<p>Thông qua các hình thức tuyên truyền như niêm yết công khai các quy trình giải quyết TTHC
tại trụ sở làm việc; thường xuyên, kịp thời cập nhật các TTHC đã được sửa đổi, bổ sung hoặc
bãi bỏ lên Cổng Thông tin điện tử của thành phố; Đài Truyền thanh thành phố và các trạm
truyền thanh đưa tin, bài về công tác CCHC (xem <a href="#noi-dung">nội dung tuyên
truyền</a>).</p>
<p>Để tổ chức thực hiện Kế hoạch đạt hiệu quả, UBND thành phố đã giao nhiệm vụ cụ thể cho
từng cơ quan, đơn vị, địa phương. Trong đó, Phòng Văn hóa - Thông tin chủ trì tổ chức triển
khai thực hiện kế hoạch, đồng thời chịu trách nhiệm theo dõi, đôn đốc, hướng dẫn hỗ trợ các
cơ quan, đơn vị có liên quan trong quá trình thực hiện; phối hợp với Phòng Nội vụ thành phố
hướng dẫn các phòng, ban chuyên môn, Trung tâm Hành chính công thành phố, UBND phường, xã
thực hiện tốt thông tin, tuyên truyền về cải cách hành chính theo từng lĩnh vực.</p>
"""


def make_source_article(make_article):
    """Create the article of the source page: its category, date, title, lead, body and byline."""
    return make_article(
        title=SOURCE_TITLE,
        lead=(
            "Ngày 16/4, UBND thành phố Bạc Liêu ban hành Kế hoạch số 50/KH-UBND về tuyên truyền "
            "công tác cải cách hành chính thành phố Bạc Liêu năm 2018."
        ),
        body=SOURCE_BODY,
        byline="Kim Ngân",
        published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN),
    )


def serious_axe_violations(page) -> list[str]:
    """Run axe-core on the page; return its serious and critical violations, one line each."""
    # Evaluated through the DevTools protocol, which the page's strict CSP
    # (no inline scripts) rightly does not allow a <script> tag to do.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {
                type: "tag",
                values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            },
            resultTypes: ["violations"],
        })"""
    )
    return [
        f"{violation['impact']}: {violation['id']} ({violation['help']}) at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def assert_no_sideways_overflow(page):
    """Fail if the document is wider than the viewport."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"document is {widths[0]} px wide in a {widths[1]} px viewport"


def plain_text(text: str) -> str:
    """Return text in NFC with every run of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def artifacts_dir(pytestconfig) -> Path:
    """Return the folder of test artifacts (pytest-playwright's --output), created."""
    folder = Path(pytestconfig.getoption("--output"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
