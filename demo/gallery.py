"""Demo agency links and photo albums, with pictures drawn by Pillow (no files shipped)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from demo import scenes
from news.models import Album, Link
from news.services import add_photos

LINKS = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
    ("Cổng thông tin điện tử tỉnh Bạc Liêu", "https://baclieu.gov.vn"),
    ("Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam", "https://quochoi.vn"),
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn"),
    ("Bộ Nội vụ", "https://moha.gov.vn"),
    ("Bộ Tư pháp", "https://moj.gov.vn"),
    ("Bộ Thông tin và Truyền thông", "https://mic.gov.vn"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn"),
    ("Báo Bạc Liêu", "https://baobaclieu.vn"),
]

# title, date, photos: (drawing, alt text, caption). The pictures are drawings
# (demo.scenes): the alt text says what each shows, the caption what it stands for.
ALBUMS = [
    (
        "Lễ hội Dạ cổ Hoài lang",
        dt.date(2024, 9, 1),
        [
            (
                scenes.festival_stage,
                "Hình minh họa: sân khấu rèm đỏ với đèn lồng và ánh đèn chiếu vàng",
                "Sân khấu đêm khai mạc lễ hội",
            ),
            (
                scenes.musicians,
                "Hình minh họa: hai nghệ sĩ ngồi trên sân khấu, một người ôm đàn, "
                "một người hát bên micrô",
                "Biểu diễn đờn ca tài tử",
            ),
            (
                scenes.crowd,
                "Hình minh họa: đông người đứng xem trước sân khấu sáng đèn",
                "Người dân đến xem lễ hội",
            ),
        ],
    ),
    (
        "Cánh đồng điện gió Bạc Liêu",
        dt.date(2024, 6, 15),
        [
            (
                scenes.wind_farm,
                "Hình minh họa: hàng trụ điện gió trên mặt biển gần bờ",
                "Nhà máy điện gió nhìn từ bờ",
            ),
            (
                scenes.turbine_close,
                "Hình minh họa: trụ điện gió màu trắng trên nền trời xanh có mây",
                "Cánh quạt điện gió",
            ),
        ],
    ),
    (
        "Hội nghị cải cách hành chính năm 2024",
        dt.date(2024, 4, 18),
        [
            (
                scenes.meeting,
                "Hình minh họa: đại biểu ngồi trong hội trường, hướng về bàn chủ tọa "
                "dưới băng rôn đỏ",
                "Quang cảnh hội nghị",
            ),
            (
                scenes.speech,
                "Hình minh họa: người phát biểu bên bục gỗ có micrô, phía sau là băng rôn đỏ",
                "Phát biểu chỉ đạo",
            ),
            (
                scenes.awards,
                "Hình minh họa: hàng người đứng trên sân khấu cầm giấy khen, phía trước là hoa",
                "Khen thưởng tập thể xuất sắc",
            ),
        ],
    ),
]


# The alt texts of earlier demo pictures (gradients with circles) that described scenes
# they did not show: a database loaded before gets the drawings in their place.
FORMER_ALT_TEXTS = {
    "Sân khấu lễ hội dưới ánh đèn vàng",
    "Nghệ sĩ đờn ca tài tử trên sân khấu",
    "Khán giả đứng kín quảng trường",
    "Hàng trụ điện gió trên bãi bồi ven biển",
    "Trụ điện gió trên nền trời xanh",
    "Đại biểu dự hội nghị trong hội trường",
    "Lãnh đạo thành phố phát biểu",
    "Trao giấy khen cho các tập thể",
}


def _picture(draw_scene, seed: int) -> SimpleUploadedFile:
    """Return the drawing as an uploaded JPEG, as an editor's upload would come."""
    data = scenes.picture(draw_scene, seed)
    return SimpleUploadedFile(f"demo-{seed}.jpg", data, content_type="image/jpeg")


def load(*, stdout) -> None:
    """Create the demo links and albums that are missing; running it again changes nothing."""
    for order, (title, url) in enumerate(LINKS, start=1):
        Link.objects.get_or_create(url=url, defaults={"title": title, "order": order})
    stdout.write(f"Liên kết: {Link.objects.count()}")
    for order, (title, date, photos) in enumerate(ALBUMS):
        album, _ = Album.objects.get_or_create(title=title, defaults={"date": date, "order": order})
        album.photos.filter(alt_text__in=FORMER_ALT_TEXTS).delete()
        if album.photos.exists():
            continue
        for index, (draw_scene, alt_text, caption) in enumerate(photos):
            add_photos(
                album=album,
                uploads=[_picture(draw_scene, index + order * 3)],
                alt_text=alt_text,
                caption=caption,
                date=date,
            )
    stdout.write(f"Album ảnh: {Album.objects.count()}")
