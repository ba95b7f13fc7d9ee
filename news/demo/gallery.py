"""Demo agency links and photo albums, with pictures drawn by Pillow (no files shipped)."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

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

# title, date, photo descriptions (alt text, caption), colours of the drawing
ALBUMS = [
    (
        "Lễ hội Dạ cổ Hoài lang",
        dt.date(2024, 9, 1),
        [
            ("Sân khấu lễ hội dưới ánh đèn vàng", "Đêm khai mạc lễ hội"),
            ("Nghệ sĩ đờn ca tài tử trên sân khấu", "Biểu diễn đờn ca tài tử"),
            ("Khán giả đứng kín quảng trường", "Người dân đến xem lễ hội"),
        ],
        ((176, 32, 40), (240, 180, 0)),
    ),
    (
        "Cánh đồng điện gió Bạc Liêu",
        dt.date(2024, 6, 15),
        [
            ("Hàng trụ điện gió trên bãi bồi ven biển", "Nhà máy điện gió nhìn từ bờ"),
            ("Trụ điện gió trên nền trời xanh", "Cánh quạt đang quay"),
        ],
        ((10, 74, 133), (160, 210, 240)),
    ),
    (
        "Hội nghị cải cách hành chính năm 2024",
        dt.date(2024, 4, 18),
        [
            ("Đại biểu dự hội nghị trong hội trường", "Quang cảnh hội nghị"),
            ("Lãnh đạo thành phố phát biểu", "Phát biểu chỉ đạo"),
            ("Trao giấy khen cho các tập thể", "Khen thưởng tập thể xuất sắc"),
        ],
        ((20, 110, 60), (230, 240, 200)),
    ),
]


def _picture(index: int, colours) -> SimpleUploadedFile:
    """Return a JPEG of a gradient with a few shapes, different for each index."""
    width, height = 1600, 1000
    dark, light = colours
    gradient = Image.radial_gradient("L") if index % 2 else Image.linear_gradient("L")
    mask = gradient.transpose(
        Image.Transpose.ROTATE_90 if index % 3 else Image.Transpose.FLIP_TOP_BOTTOM
    )
    mask = mask.resize((width, height))
    image = Image.composite(
        Image.new("RGB", mask.size, dark), Image.new("RGB", mask.size, light), mask
    )
    draw = ImageDraw.Draw(image)
    for step in range(4):
        left = 120 + step * 340 + index * 40
        top = 200 + (step % 2) * 220
        draw.ellipse((left, top, left + 260, top + 260), outline=light, width=12)
    draw.rectangle((0, height - 160, width, height), fill=dark)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return SimpleUploadedFile(f"demo-{index}.jpg", buffer.getvalue(), content_type="image/jpeg")


def load(*, stdout) -> None:
    """Create the demo links and albums that are missing; running it again changes nothing."""
    for order, (title, url) in enumerate(LINKS, start=1):
        Link.objects.get_or_create(url=url, defaults={"title": title, "order": order})
    stdout.write(f"Liên kết: {Link.objects.count()}")
    for order, (title, date, photos, colours) in enumerate(ALBUMS):
        album, _ = Album.objects.get_or_create(title=title, defaults={"date": date, "order": order})
        if album.photos.exists():
            continue
        for index, (alt_text, caption) in enumerate(photos):
            add_photos(
                album=album,
                uploads=[_picture(index + order * 3, colours)],
                alt_text=alt_text,
                caption=caption,
                date=date,
            )
    stdout.write(f"Album ảnh: {Album.objects.count()}")
