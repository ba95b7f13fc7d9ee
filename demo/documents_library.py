"""Demo documents ("Văn bản"): about thirty of a city's plans, decisions and letters.

All texts are written for this project. Each document gets a real DOCX file
made here with python-docx, so that its page lists a file, the download works
and search finds the words inside it. "Kế hoạch số 50/KH-UBND" of 16/04/2018
is the plan the reference article (demo.texts.REFERENCE) names: the article
links to it and its page lists the article.
"""

from __future__ import annotations

import datetime as dt
import io
import random

import docx
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.caching import bump_content_version
from documents.models import Document, DocumentFile, DocumentKind, DocumentRelation
from documents.numbers import number_head, number_key, symbol_key
from news.search.document import words

CITY = "UBND thành phố Bạc Liêu"
OFFICE = "Văn phòng HĐND và UBND thành phố"
COUNCIL = "HĐND thành phố Bạc Liêu"
HOME_AFFAIRS = "Phòng Nội vụ thành phố"
CHAIR = ("Trần Quốc Bảo", "Chủ tịch")
VICE = ("Lê Thị Thu Hà", "Phó Chủ tịch")
VICE_2 = ("Nguyễn Hoàng Phúc", "Phó Chủ tịch")
OFFICE_HEAD = ("Phạm Minh Trí", "Chánh Văn phòng")
HOME_HEAD = ("Huỳnh Thanh Tâm", "Trưởng phòng")
COUNCIL_CHAIR = ("Võ Ngọc Lan", "Chủ tịch HĐND")


def d(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


# number, kind, issuer, (signer, title), issued, effective, expires, field, summary, body
DOCUMENTS = [
    (
        "50/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE,
        "16/04/2018",
        "16/04/2018",
        "",
        "Cải cách hành chính",
        "Kế hoạch tuyên truyền công tác cải cách hành chính trên địa bàn thành phố Bạc Liêu "
        "năm 2018.",
        [
            "Mục đích: giúp người dân và doanh nghiệp biết rõ các thủ tục được giải quyết tại "
            "Bộ phận tiếp nhận và trả kết quả, cách nộp hồ sơ trực tuyến và cách phản ánh khi "
            "bị gây khó khăn.",
            "Nội dung tuyên truyền gồm: kết quả chỉ số cải cách hành chính của thành phố, dịch "
            "vụ công trực tuyến mức độ 3 và 4, việc niêm yết công khai thủ tục tại phường, xã.",
            "Hình thức: chuyên mục trên Cổng thông tin điện tử, bản tin trên loa truyền thanh "
            "phường, tờ rơi tại Bộ phận một cửa và các buổi đối thoại với người dân.",
            "Phòng Nội vụ chủ trì, theo dõi và báo cáo kết quả thực hiện trước ngày 15/12/2018.",
        ],
    ),
    (
        "3/HD-PNV",
        "Hướng dẫn",
        HOME_AFFAIRS,
        HOME_HEAD,
        "02/05/2018",
        "02/05/2018",
        "",
        "Cải cách hành chính",
        "Hướng dẫn các phường, xã thực hiện Kế hoạch số 50/KH-UBND về tuyên truyền cải cách "
        "hành chính năm 2018.",
        [
            "Mỗi phường, xã cử một công chức làm đầu mối tuyên truyền và gửi danh sách về Phòng "
            "Nội vụ trước ngày 10/5/2018.",
            "Bản tin trên loa truyền thanh phát ít nhất hai lần mỗi tuần, vào buổi sáng.",
            "Số liệu về hồ sơ trực tuyến được cập nhật hằng tháng trên bảng tin của phường.",
        ],
    ),
    (
        "127/QĐ-UBND",
        "Quyết định",
        CITY,
        CHAIR,
        "20/03/2017",
        "01/04/2017",
        "",
        "Cải cách hành chính",
        "Quyết định ban hành Quy chế hoạt động của Bộ phận tiếp nhận và trả kết quả thành phố.",
        [
            "Bộ phận tiếp nhận và trả kết quả làm việc từ thứ Hai đến sáng thứ Bảy.",
            "Hồ sơ trễ hẹn phải có thư xin lỗi gửi người dân, ghi rõ ngày hẹn mới.",
            "Cán bộ tiếp nhận đeo thẻ, ghi tên và lĩnh vực phụ trách.",
        ],
    ),
    (
        "215/QĐ-UBND",
        "Quyết định",
        CITY,
        CHAIR,
        "12/06/2020",
        "01/07/2020",
        "",
        "Cải cách hành chính",
        "Quyết định ban hành Quy chế hoạt động của Bộ phận Một cửa thành phố, thay thế Quyết "
        "định số 127/QĐ-UBND.",
        [
            "Bộ phận Một cửa tiếp nhận hồ sơ trực tiếp, qua bưu chính công ích và trực tuyến.",
            "Kết quả giải quyết được gửi tin nhắn cho người nộp hồ sơ ngay khi có.",
            "Quy chế này thay thế Quy chế ban hành kèm Quyết định số 127/QĐ-UBND năm 2017.",
        ],
    ),
    (
        "14/CT-UBND",
        "Chỉ thị",
        CITY,
        CHAIR,
        "08/01/2019",
        "08/01/2019",
        "",
        "Kỷ cương hành chính",
        "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong giải quyết hồ sơ của người "
        "dân, doanh nghiệp.",
        [
            "Thủ trưởng cơ quan chịu trách nhiệm nếu để hồ sơ trễ hạn mà không có lý do.",
            "Không yêu cầu người dân nộp thêm giấy tờ ngoài danh mục đã niêm yết.",
            "Đường dây nóng của thành phố tiếp nhận phản ánh trong giờ hành chính.",
        ],
    ),
    (
        "88/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE,
        "25/02/2019",
        "25/02/2019",
        "31/12/2019",
        "Cải cách hành chính",
        "Kế hoạch cải cách hành chính thành phố năm 2019.",
        [
            "Giảm ít nhất 10% thời gian giải quyết đối với thủ tục đất đai và xây dựng.",
            "Tăng tỷ lệ hồ sơ nộp trực tuyến lên 30% tổng số hồ sơ.",
            "Kiểm tra công tác cải cách hành chính tại 5 phường và 2 xã.",
        ],
    ),
    (
        "41/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE_2,
        "10/03/2021",
        "10/03/2021",
        "",
        "Chuyển đổi số",
        "Kế hoạch chuyển đổi số thành phố Bạc Liêu giai đoạn 2021 – 2025.",
        [
            "Đến năm 2025, mọi thủ tục đủ điều kiện được cung cấp trực tuyến toàn trình.",
            "Mỗi khóm, ấp có tổ công nghệ số cộng đồng hướng dẫn người dân dùng dịch vụ công.",
            "Dữ liệu dân cư được dùng lại, người dân không phải khai lại thông tin đã có.",
        ],
    ),
    (
        "9/NQ-HĐND",
        "Nghị quyết",
        COUNCIL,
        COUNCIL_CHAIR,
        "18/12/2020",
        "01/01/2021",
        "",
        "Ngân sách",
        "Nghị quyết về dự toán thu, chi ngân sách thành phố năm 2021.",
        [
            "Hội đồng nhân dân thành phố thông qua dự toán thu ngân sách trên địa bàn năm 2021.",
            "Ưu tiên chi cho giáo dục, y tế cơ sở và chỉnh trang đô thị.",
            "Ủy ban nhân dân thành phố tổ chức thực hiện và báo cáo tại kỳ họp giữa năm.",
        ],
    ),
    (
        "305/QĐ-UBND",
        "Quyết định",
        CITY,
        VICE_2,
        "14/08/2019",
        "01/09/2019",
        "",
        "Giáo dục",
        "Quyết định phê duyệt kế hoạch tuyển sinh vào lớp 1 và lớp 6 năm học 2019 – 2020.",
        [
            "Tuyển sinh theo địa bàn khóm, ấp nơi học sinh cư trú.",
            "Hồ sơ nộp trực tiếp tại trường hoặc trực tuyến trên cổng tuyển sinh.",
            "Các trường công bố kết quả trước ngày 31/7.",
        ],
    ),
    (
        "22/TB-VP",
        "Thông báo",
        OFFICE,
        OFFICE_HEAD,
        "03/01/2022",
        "03/01/2022",
        "",
        "Tiếp công dân",
        "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND thành phố năm 2022.",
        [
            "Chủ tịch Ủy ban nhân dân thành phố tiếp công dân vào ngày 15 hằng tháng.",
            "Nếu ngày 15 trùng ngày nghỉ, lịch tiếp chuyển sang ngày làm việc kế tiếp.",
            "Công dân đăng ký trước tại Ban Tiếp công dân thành phố.",
        ],
    ),
    (
        "1050/UBND-KT",
        "Công văn",
        CITY,
        VICE_2,
        "21/09/2022",
        "21/09/2022",
        "",
        "Phòng chống thiên tai",
        "Công văn về việc chủ động ứng phó triều cường và mưa lớn cuối năm 2022.",
        [
            "Các phường, xã ven biển kiểm tra đê bao, cống ngăn triều trước ngày 30/9.",
            "Chuẩn bị phương án di dời người dân ở nhà tạm, nhà yếu khi có mưa bão.",
            "Thông tin cảnh báo được phát trên loa truyền thanh và Cổng thông tin điện tử.",
        ],
    ),
    (
        "76/BC-UBND",
        "Báo cáo",
        CITY,
        VICE,
        "05/12/2018",
        "05/12/2018",
        "",
        "Cải cách hành chính",
        "Báo cáo kết quả thực hiện công tác tuyên truyền cải cách hành chính năm 2018.",
        [
            "Đã đăng 64 tin, bài về cải cách hành chính trên Cổng thông tin điện tử thành phố.",
            "Phát 312 lượt bản tin trên hệ thống loa truyền thanh phường, xã.",
            "Tổ chức 9 buổi đối thoại giữa lãnh đạo thành phố với người dân và doanh nghiệp.",
        ],
    ),
    (
        "62/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE,
        "20/02/2023",
        "20/02/2023",
        "",
        "Môi trường",
        "Kế hoạch phân loại rác thải sinh hoạt tại nguồn trên địa bàn các phường.",
        [
            "Thí điểm tại Phường 1 và Phường 3 từ quý II năm 2023.",
            "Mỗi hộ được phát hai thùng rác phân biệt bằng màu.",
            "Xe thu gom rác hữu cơ và rác còn lại đi theo lịch riêng.",
        ],
    ),
    (
        "118/QĐ-UBND",
        "Quyết định",
        CITY,
        CHAIR,
        "01/03/2016",
        "15/03/2016",
        "01/07/2020",
        "Đô thị",
        "Quyết định quy định về quản lý vỉa hè, lòng đường trên địa bàn thành phố.",
        [
            "Hộ kinh doanh được dùng tạm vỉa hè rộng từ 3 mét trở lên, chừa lối đi 1,5 mét.",
            "Không dựng mái che, bục bệ lấn ra vỉa hè.",
            "Phường kiểm tra định kỳ và lập biên bản khi vi phạm.",
        ],
    ),
    (
        "230/QĐ-UBND",
        "Quyết định",
        CITY,
        CHAIR,
        "15/06/2020",
        "01/07/2020",
        "",
        "Đô thị",
        "Quyết định sửa đổi, bổ sung quy định về quản lý vỉa hè, lòng đường, thay cho quy định "
        "năm 2016.",
        [
            "Bổ sung quy định về chỗ để xe đạp, xe máy trước trường học và chợ.",
            "Cho phép tổ chức sự kiện văn hóa trên phố đi bộ vào cuối tuần.",
            "Điều chỉnh mức thu phí sử dụng tạm thời vỉa hè theo từng tuyến đường.",
        ],
    ),
    (
        "17/CT-UBND",
        "Chỉ thị",
        CITY,
        CHAIR,
        "05/11/2021",
        "05/11/2021",
        "",
        "Y tế",
        "Chỉ thị về tăng cường công tác phòng, chống sốt xuất huyết mùa mưa.",
        [
            "Tổ chức chiến dịch diệt lăng quăng tại từng khóm, ấp mỗi tuần một lần.",
            "Trạm y tế báo cáo ca bệnh hằng ngày về Trung tâm Y tế thành phố.",
            "Trường học hướng dẫn học sinh đậy kín dụng cụ chứa nước tại nhà.",
        ],
    ),
    (
        "95/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE_2,
        "11/04/2022",
        "11/04/2022",
        "",
        "Du lịch",
        "Kế hoạch tổ chức các hoạt động văn hóa, du lịch dịp Lễ hội Dạ cổ hoài lang.",
        [
            "Chương trình đờn ca tài tử tại Quảng trường Hùng Vương vào tối thứ Bảy.",
            "Hướng dẫn du khách tham quan nhà hát cao văn lầu và các điểm di tích.",
            "Bố trí điểm giữ xe miễn phí quanh khu vực tổ chức lễ hội.",
        ],
    ),
    (
        "410/UBND-VX",
        "Công văn",
        CITY,
        VICE,
        "07/03/2023",
        "07/03/2023",
        "",
        "Giáo dục",
        "Công văn về việc bảo đảm an toàn giao thông cho học sinh khu vực cổng trường.",
        [
            "Công an phường bố trí lực lượng hướng dẫn giao thông giờ tan trường.",
            "Nhà trường nhắc phụ huynh không dừng xe dưới lòng đường.",
            "Kẻ vạch sơn và đặt biển báo khu vực trường học trước năm học mới.",
        ],
    ),
    (
        "31/TB-UBND",
        "Thông báo",
        CITY,
        VICE_2,
        "14/07/2023",
        "14/07/2023",
        "",
        "Đất đai",
        "Thông báo thu hồi đất để xây dựng tuyến đường nối Phường 2 với Phường 8.",
        [
            "Phạm vi thu hồi gồm các thửa đất dọc tuyến theo bản đồ kèm theo.",
            "Người có đất bị thu hồi được mời họp lấy ý kiến về phương án bồi thường.",
            "Thời gian kiểm đếm dự kiến trong tháng 8 năm 2023.",
        ],
    ),
    (
        "12/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE,
        "15/01/2024",
        "15/01/2024",
        "31/12/2024",
        "Cải cách hành chính",
        "Kế hoạch cải cách hành chính thành phố năm 2024.",
        [
            "Mục tiêu 100% hồ sơ được số hóa khi tiếp nhận tại Bộ phận Một cửa.",
            "Khảo sát sự hài lòng của người dân mỗi quý một lần.",
            "Công khai kết quả giải quyết hồ sơ của từng phường, xã trên Cổng thông tin.",
        ],
    ),
    (
        "7/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE,
        "10/01/2025",
        "10/01/2025",
        "31/12/2025",
        "Cải cách hành chính",
        "Kế hoạch cải cách hành chính thành phố năm 2025.",
        [
            "Rút ngắn thời gian cấp giấy phép xây dựng nhà ở riêng lẻ còn 10 ngày.",
            "Mở rộng thanh toán phí, lệ phí trực tuyến cho mọi thủ tục có thu phí.",
            "Tổ chức hội thi tìm hiểu về cải cách hành chính cho đoàn viên, thanh niên.",
        ],
    ),
    (
        "150/QĐ-UBND",
        "Quyết định",
        CITY,
        CHAIR,
        "28/02/2025",
        "01/03/2025",
        "",
        "Tổ chức bộ máy",
        "Quyết định công bố danh mục thủ tục hành chính thực hiện tại Bộ phận Một cửa thành phố.",
        [
            "Danh mục gồm 168 thủ tục thuộc 19 lĩnh vực.",
            "Mỗi thủ tục ghi rõ thời hạn giải quyết, phí, lệ phí và mẫu đơn.",
            "Danh mục được niêm yết tại Bộ phận Một cửa và đăng trên Cổng thông tin điện tử.",
        ],
    ),
    (
        "44/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE_2,
        "03/03/2025",
        "03/03/2025",
        "",
        "Chuyển đổi số",
        "Kế hoạch triển khai thanh toán không dùng tiền mặt tại chợ và trường học.",
        [
            "Các tiểu thương tại chợ trung tâm được hướng dẫn mở mã QR nhận tiền.",
            "Trường học thu học phí, tiền ăn bán trú qua ngân hàng.",
            "Tổ công nghệ số cộng đồng hỗ trợ người cao tuổi cài đặt ứng dụng.",
        ],
    ),
    (
        "18/TB-VP",
        "Thông báo",
        OFFICE,
        OFFICE_HEAD,
        "29/12/2025",
        "29/12/2025",
        "",
        "Tiếp công dân",
        "Thông báo lịch tiếp công dân định kỳ của lãnh đạo UBND thành phố năm 2026.",
        [
            "Chủ tịch tiếp công dân ngày 15 hằng tháng; các Phó Chủ tịch tiếp ngày 5 và 25.",
            "Nơi tiếp: Trụ sở Tiếp công dân thành phố.",
            "Công dân mang theo giấy tờ tùy thân và tài liệu liên quan.",
        ],
    ),
    (
        "5/KH-UBND",
        "Kế hoạch",
        CITY,
        VICE,
        "12/01/2026",
        "12/01/2026",
        "31/12/2026",
        "Cải cách hành chính",
        "Kế hoạch cải cách hành chính thành phố năm 2026.",
        [
            "Hoàn thành kết nối dữ liệu hộ tịch với cơ sở dữ liệu dân cư.",
            "Tiếp tục giảm giấy tờ phải nộp khi làm thủ tục đất đai.",
            "Đánh giá cán bộ Một cửa theo ý kiến của người dân.",
        ],
    ),
    (
        "620/UBND-KT",
        "Công văn",
        CITY,
        VICE_2,
        "18/05/2026",
        "18/05/2026",
        "",
        "Phòng chống thiên tai",
        "Công văn về việc chuẩn bị phương án phòng, chống hạn mặn mùa khô.",
        [
            "Theo dõi độ mặn tại các cống đầu mối hai lần mỗi ngày.",
            "Vận động người dân trữ nước ngọt trong lu, bồn có nắp đậy.",
            "Báo cáo ngay khi độ mặn vượt ngưỡng cho phép đối với cây trồng.",
        ],
    ),
    (
        "11/NQ-HĐND",
        "Nghị quyết",
        COUNCIL,
        COUNCIL_CHAIR,
        "10/12/2025",
        "01/01/2026",
        "",
        "Ngân sách",
        "Nghị quyết về kế hoạch đầu tư công năm 2026 của thành phố.",
        [
            "Bố trí vốn cho 14 công trình trường học, trạm y tế và đường giao thông nông thôn.",
            "Không bố trí vốn cho công trình chưa đủ thủ tục đầu tư.",
            "Giao Ủy ban nhân dân thành phố báo cáo tiến độ giải ngân mỗi quý.",
        ],
    ),
    (
        "260/QĐ-UBND",
        "Quyết định",
        CITY,
        CHAIR,
        "20/11/2026",
        "01/01/2027",
        "",
        "Đô thị",
        "Quyết định ban hành quy định về chiếu sáng công cộng và trang trí đô thị.",
        [
            "Đèn trang trí trên các trục đường chính bật từ 18 giờ đến 22 giờ.",
            "Ưu tiên đèn tiết kiệm điện khi thay mới hệ thống chiếu sáng.",
            "Quy định có hiệu lực từ ngày 01/01/2027.",
        ],
    ),
    (
        "33/HD-PNV",
        "Hướng dẫn",
        HOME_AFFAIRS,
        HOME_HEAD,
        "20/01/2026",
        "20/01/2026",
        "",
        "Cải cách hành chính",
        "Hướng dẫn đo lường sự hài lòng của người dân đối với dịch vụ hành chính công năm 2026.",
        [
            "Phiếu khảo sát được phát tại Bộ phận Một cửa và gửi qua tin nhắn.",
            "Kết quả được tổng hợp theo từng phường, xã và từng lĩnh vực thủ tục.",
            "Phòng Nội vụ công bố kết quả trên Cổng thông tin điện tử trước ngày 15/12.",
        ],
    ),
    (
        "840/UBND-VP",
        "Công văn",
        CITY,
        OFFICE_HEAD,
        "02/10/2024",
        "02/10/2024",
        "",
        "Chuyển đổi số",
        "Công văn về việc sử dụng chữ ký số trong gửi, nhận văn bản điện tử.",
        [
            "Văn bản gửi giữa các cơ quan thành phố dùng chữ ký số của cơ quan và người ký.",
            "Không in văn bản giấy để gửi song song, trừ văn bản mật.",
            "Văn phòng hướng dẫn cài đặt chữ ký số cho cán bộ mới.",
        ],
    ),
]

# (source, relation, target): the source replaces, amends or guides the target.
RELATIONS = [
    ("3/HD-PNV", DocumentRelation.Kind.GUIDES, "50/KH-UBND"),
    ("215/QĐ-UBND", DocumentRelation.Kind.REPLACES, "127/QĐ-UBND"),
    ("230/QĐ-UBND", DocumentRelation.Kind.AMENDS, "118/QĐ-UBND"),
    ("33/HD-PNV", DocumentRelation.Kind.GUIDES, "5/KH-UBND"),
    ("18/TB-VP", DocumentRelation.Kind.REPLACES, "22/TB-VP"),
]
# Published on the portal some days after signing, at a working hour.
PUBLISHED_AFTER_DAYS = 1


def document_file(number: str, kind: str, issuer: str, summary: str, body: list[str]) -> bytes:
    """Return a DOCX of a demo document, laid out as an agency's document starts."""
    file = docx.Document()
    file.core_properties.author = issuer
    file.core_properties.title = f"{kind} số {number}"
    # A fixed date keeps the file the same on every run.
    file.core_properties.created = dt.datetime(2018, 1, 1)
    file.core_properties.modified = dt.datetime(2018, 1, 1)
    file.add_paragraph(issuer.upper())
    file.add_paragraph(f"Số: {number}")
    file.add_heading(kind.upper(), level=1)
    file.add_paragraph(summary)
    for number_of, paragraph in enumerate(body, start=1):
        file.add_paragraph(f"{number_of}. {paragraph}")
    file.add_paragraph("Nơi nhận: Như trên; Lưu: VT.")
    out = io.BytesIO()
    file.save(out)
    return out.getvalue()


def _file_name(kind: str, number: str) -> str:
    stem = number.replace("/", "-")
    return f"{kind} {stem}.docx"


@transaction.atomic
def load(*, stdout) -> None:
    """Add the demo documents, their files and relations; running it again changes nothing."""
    kinds = {kind.name: kind for kind in DocumentKind.objects.all()}
    by_number: dict[str, Document] = {}
    created = 0
    for spec in DOCUMENTS:
        number, kind, issuer, (signer, title), issued, effective, expires, field, summary, body = (
            spec
        )
        document = Document.objects.filter(issuer=issuer, number_key=number_key(number)).first()
        if document is None:
            issued_on = d(issued)
            published = dt.datetime.combine(
                issued_on + dt.timedelta(days=PUBLISHED_AFTER_DAYS), dt.time(8, 15)
            )
            document = Document(
                number=number,
                kind=kinds[kind],
                issuer=issuer,
                signer=signer,
                signer_title=title,
                issued_on=issued_on,
                effective_on=d(effective),
                expires_on=d(expires) if expires else None,
                field=field,
                summary=summary,
                status=Document.Status.PUBLISHED,
                published_at=timezone.make_aware(published),
            )
            document._change_reason = "Nội dung mẫu"
            document.save()
            created += 1
        if not document.files.exists():
            content = document_file(number, kind, issuer, summary, body)
            DocumentFile(
                document=document, file=ContentFile(content, name=_file_name(kind, number))
            ).save()
        by_number[number] = document
    for source, relation, target in RELATIONS:
        DocumentRelation.objects.get_or_create(
            source=by_number[source], kind=relation, target=by_number[target]
        )
    bump_content_version()
    stdout.write(f"Văn bản mẫu: thêm {created}, có sẵn {len(DOCUMENTS) - created}.")


ISSUERS = [
    CITY,
    OFFICE,
    COUNCIL,
    HOME_AFFAIRS,
    "UBND Phường 1",
    "UBND Phường 3",
    "UBND xã Hiệp Thành",
]
FIELDS = sorted({spec[7] for spec in DOCUMENTS})
SUMMARIES = [spec[8] for spec in DOCUMENTS]


def generate_documents(count: int, *, stdout, batch_size: int = 5000) -> None:
    """Insert count more published documents in bulk (for the benchmark), numbered apart."""
    rng = random.Random(20180416)
    kinds = list(DocumentKind.objects.all())
    start = Document.objects.filter(number_key__contains="-sinh-").count()
    today = timezone.localdate()
    batch = []
    for n in range(start + 1, start + count + 1):
        kind = rng.choice(kinds)
        code = kind.code or "VB"
        number = f"{n}/{code}-SINH-{n % 97}"
        issued = today - dt.timedelta(days=rng.randrange(10 * 365))
        summary = rng.choice(SUMMARIES)
        issuer = rng.choice(ISSUERS)
        field = rng.choice(FIELDS)
        key = number_key(number)
        text = " ".join(words(f"{number} {kind.name} {issuer} {field} {summary}"))
        batch.append(
            Document(
                number=number,
                number_key=key,
                number_head=number_head(key),
                symbol_key=symbol_key(key),
                kind=kind,
                issuer=issuer,
                signer=VICE[0],
                signer_title=VICE[1],
                issued_on=issued,
                effective_on=issued,
                expires_on=issued + dt.timedelta(days=365) if n % 5 == 0 else None,
                field=field,
                summary=summary,
                search_text=f" {text} ",
                status=Document.Status.PUBLISHED,
                published_at=timezone.make_aware(dt.datetime.combine(issued, dt.time(9))),
            )
        )
        if len(batch) == batch_size:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    bump_content_version()
    stdout.write(f"Văn bản sinh tự động: thêm {count}.")
