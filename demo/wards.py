"""Two ward portals beside the city's, each with its own news: what `make run` shows at
http://phuong-1.localhost:8000/ and http://phuong-2.localhost:8000/.

The wards and their texts are invented for the demo; every sentence is written
for this project.
"""

import datetime as dt
import random

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from news.models import Article, Category
from news.portals import add_portal
from news.sanitize import sanitize_html
from news.text import vietnamese_slugify
from portals.models import HostName, Portal

SEED = 2018

WARDS = [
    {
        "domain": "phuong-1.localhost",
        "name": "Cổng thông tin điện tử Phường 1",
        "agency": "Ủy ban nhân dân Phường 1, thành phố Bạc Liêu",
        "address": "Số 12 đường Trần Phú, Phường 1, thành phố Bạc Liêu",
        "hotline": "0291 3 824 101",
        "email": "phuong1@baclieucity.gov.vn",
        "colour": "#1b5e20",
        "places": ["khóm 1", "khóm 3", "khóm 5", "chợ Phường 1", "đường Hai Bà Trưng"],
    },
    {
        "domain": "phuong-2.localhost",
        "name": "Cổng thông tin điện tử Phường 2",
        "agency": "Ủy ban nhân dân Phường 2, thành phố Bạc Liêu",
        "address": "Số 45 đường Lê Văn Duyệt, Phường 2, thành phố Bạc Liêu",
        "hotline": "0291 3 824 202",
        "email": "phuong2@baclieucity.gov.vn",
        "colour": "#6a1b4d",
        "places": ["khóm 2", "khóm 4", "khóm 7", "bờ kênh Xáng", "đường Võ Thị Sáu"],
    },
]

# (category order, title, two paragraphs) with {ward} and {place} filled per ward.
STORIES = [
    (
        1,
        "{Ward} ra quân làm sạch tuyến kênh ở {place}",
        [
            "Sáng chủ nhật, hơn một trăm đoàn viên, hội viên và người dân {place} cùng "
            "vớt lục bình, thu gom rác dọc bờ kênh, trả lại dòng chảy thông thoáng trước "
            "mùa mưa.",
            "Ủy ban nhân dân {ward} đề nghị các hộ ven kênh không đổ rác xuống dòng nước "
            "và sẽ duy trì buổi ra quân vào tuần cuối mỗi tháng.",
        ],
    ),
    (
        3,
        "Lịch tiếp công dân của Chủ tịch UBND {ward} tháng {month}",
        [
            "Chủ tịch Ủy ban nhân dân {ward} tiếp công dân vào sáng thứ năm hằng tuần tại "
            "trụ sở, từ 7 giờ 30 đến 11 giờ.",
            "Người dân có thể gửi trước đơn, thư qua bộ phận một cửa hoặc thư điện tử "
            "của phường để được sắp xếp thời gian phù hợp.",
        ],
    ),
    (
        4,
        "{Ward} trả kết quả hồ sơ hành chính qua bưu điện tại nhà",
        [
            "Từ tháng {month}, người dân nộp hồ sơ chứng thực, hộ tịch tại bộ phận một cửa "
            "của {ward} có thể chọn nhận kết quả qua dịch vụ bưu chính công ích.",
            "Trong tháng đầu, bộ phận một cửa đã trả gần năm mươi hồ sơ tận nhà, giúp "
            "người cao tuổi ở {place} không phải đi lại nhiều lần.",
        ],
    ),
    (
        5,
        "Mô hình khu dân cư văn minh ở {place} sau một năm",
        [
            "Sau một năm thực hiện, {place} có thêm tuyến đường hoa, đèn chiếu sáng do "
            "người dân góp sức và tổ hòa giải hoạt động đều đặn.",
            "{Ward} sẽ nhân rộng mô hình ra các khóm còn lại trong năm nay, ưu tiên những "
            "nơi có nhiều hộ mới đến ở.",
        ],
    ),
    (
        2,
        "{Ward} triển khai kế hoạch phòng, chống sốt xuất huyết",
        [
            "Ủy ban nhân dân {ward} giao trạm y tế phối hợp các khóm phun hóa chất, diệt "
            "lăng quăng tại những điểm có nguy cơ, trước hết ở {place}.",
            "Mỗi hộ gia đình được hướng dẫn đậy kín dụng cụ chứa nước và thu dọn vật "
            "dụng phế thải quanh nhà mỗi tuần một lần.",
        ],
    ),
    (
        1,
        "Trao quà cho hộ khó khăn nhân dịp khai giảng ở {ward}",
        [
            "Mặt trận Tổ quốc {ward} trao sáu mươi phần quà gồm tập vở, cặp sách và xe đạp "
            "cho học sinh thuộc hộ nghèo, hộ cận nghèo.",
            "Nguồn quà do các doanh nghiệp và nhà hảo tâm ở {place} đóng góp trong đợt vận "
            "động vì người nghèo.",
        ],
    ),
    (
        3,
        "Thông báo tạm ngưng cấp nước một số tuyến đường ở {place}",
        [
            "Để đấu nối đường ống mới, việc cấp nước ở {place} tạm ngưng từ 8 giờ đến "
            "16 giờ ngày thứ bảy tuần này.",
            "Ủy ban nhân dân {ward} đề nghị người dân chủ động trữ nước và thông cảm cho "
            "sự bất tiện trong thời gian thi công.",
        ],
    ),
    (
        2,
        "Hội nghị đối thoại giữa lãnh đạo {ward} và người dân",
        [
            "Tại hội nghị, người dân {place} nêu ý kiến về chiếu sáng công cộng, thoát "
            "nước và trật tự lòng lề đường.",
            "Lãnh đạo {ward} trả lời trực tiếp từng ý kiến và giao các bộ phận chuyên môn "
            "báo cáo kết quả giải quyết tại kỳ họp tới.",
        ],
    ),
]


def _portal(spec: dict) -> Portal:
    known = HostName.objects.filter(name=spec["domain"]).select_related("portal").first()
    if known is not None:
        return known.portal
    profile = {key: spec[key] for key in ("agency", "address", "hotline", "email", "colour")}
    return add_portal(domain=spec["domain"], name=spec["name"], **profile)


@transaction.atomic
def load(*, stdout) -> None:
    """Create the two ward portals and their articles that are missing."""
    rng = random.Random(SEED)
    now = timezone.now()
    for spec in WARDS:
        portal = _portal(spec)
        categories = {c.order: c for c in Category.objects.filter(site_id=portal.pk)}
        ward = spec["name"].removeprefix("Cổng thông tin điện tử ")
        for index, (order, title, paragraphs) in enumerate(STORIES):
            place = spec["places"][index % len(spec["places"])]
            published = now - dt.timedelta(days=3 * index + rng.randint(0, 2), hours=index + 1)
            values = {
                "ward": ward,
                "Ward": ward,
                "place": place,
                "month": timezone.localtime(published).month,
            }
            text = title.format(**values)
            slug = vietnamese_slugify(text, max_length=200)
            if Article.objects.filter(site_id=portal.pk, slug=slug).exists():
                continue
            article = Article(
                site_id=portal.pk,
                slug=slug,
                title=text,
                lead=paragraphs[0].format(**values),
                body=sanitize_html("".join(f"<p>{p.format(**values)}</p>" for p in paragraphs)),
                byline=f"Văn phòng UBND {ward}",
                category=categories.get(order) or categories[1],
                status=Article.Status.PUBLISHED,
                published_at=published,
            )
            article.save()
            # Dated at its publication, not at the load, as the city's demo articles
            # (demo.articles): sitemaps and JSON-LD tell when it really changed.
            Article.objects.filter(pk=article.pk).update(updated_at=F("published_at"))
        count = Article.objects.filter(site_id=portal.pk).count()
        stdout.write(f"{spec['name']} ({spec['domain']}): {count} bài viết.")
