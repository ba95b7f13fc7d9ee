"""Demo categories and articles, composed from the original sentences of demo.texts."""

import datetime as dt
import itertools
import random
import secrets
import time
import zoneinfo
from collections.abc import Iterator

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Least
from django.utils import timezone

from core.caching import bump_content_version
from core.sites import FIRST_SITE_ID
from demo import images
from demo.texts import (
    BYLINES,
    CATEGORIES,
    CLOSINGS,
    COMMUNES,
    REFERENCE,
    TOPICS,
    WARDS,
)
from news.models import Article, Category
from news.sanitize import sanitize_html
from news.search.document import article_document
from news.text import vietnamese_slugify

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# Fixed anchors keep the demo the same on every run: the reference article's
# moment, the first and the last demo day.
REFERENCE_AT = dt.datetime(2018, 4, 18, 9, 30, tzinfo=LOCAL)
FIRST_DAY = dt.date(2015, 6, 1)
LAST_DAY = dt.date(2026, 11, 24)
SEED = 20180418
# Archives must file these under the local day, not the UTC one.
EARLY_TIMES = [(0, 30), (6, 15), (5, 45), (0, 5), (23, 50)]
FEATURED_IN = {"leaders", "economy", "culture"}
QUARTERS = ["quý I", "quý II", "quý III", "quý IV"]


def category_slug(key: str) -> str:
    """Return the slug of the demo category with this key."""
    spec = next(spec for spec in CATEGORIES if spec["key"] == key)
    return vietnamese_slugify(spec["name"])


def _number(value: int) -> str:
    """Return an integer with Vietnamese thousands separators ("1.234")."""
    return f"{value:,}".replace(",", ".")


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{header}</th>' for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _procedures_table(rng: random.Random, slots: dict) -> str:
    rows = []
    for field in ("Đất đai", "Hộ tịch", "Chứng thực", "Xây dựng", "Đăng ký kinh doanh"):
        received = rng.randint(150, 2400)
        rows.append([field, _number(received), _number(received - rng.randint(0, received // 40))])
    return _table(
        f"Kết quả giải quyết hồ sơ thủ tục hành chính năm {slots['year']}",
        ["Lĩnh vực", "Hồ sơ tiếp nhận", "Giải quyết đúng hạn"],
        rows,
    )


def _indicators(rng: random.Random, slots: dict) -> str:
    rows = []
    for name, low, high in (
        ("Thu ngân sách nhà nước (tỷ đồng)", 300, 900),
        ("Tổng vốn đầu tư toàn xã hội (tỷ đồng)", 1500, 6000),
        ("Giải quyết việc làm (lao động)", 1800, 4500),
        ("Trồng cây phân tán (cây)", 5000, 20000),
    ):
        plan = rng.randint(low, high)
        rows.append([name, _number(plan), _number(plan * rng.randint(60, 108) // 100)])
    return _table(
        f"Một số chỉ tiêu chủ yếu năm {slots['year']}",
        ["Chỉ tiêu", "Kế hoạch năm", "Ước thực hiện"],
        rows,
    )


def _traffic_table(rng: random.Random, slots: dict) -> str:
    rows = [
        [offence, _number(rng.randint(low, high))]
        for offence, low, high in (
            ("Vi phạm nồng độ cồn", 80, 400),
            ("Không đội mũ bảo hiểm", 150, 900),
            ("Chạy quá tốc độ quy định", 40, 300),
            ("Đi không đúng phần đường, làn đường", 30, 200),
        )
    ]
    return _table(
        f"Các lỗi vi phạm bị xử lý {slots['quarter']} năm {slots['year']}",
        ["Lỗi vi phạm", "Số trường hợp"],
        rows,
    )


def _online_steps(rng: random.Random, slots: dict) -> str:
    return (
        "<p>Các bước nộp hồ sơ trực tuyến:</p><ol>"
        '<li>Truy cập <a href="https://dichvucong.gov.vn/" rel="noopener noreferrer">'
        "Cổng Dịch vụ công quốc gia</a> và đăng nhập bằng tài khoản định danh điện tử.</li>"
        "<li>Tìm thủ tục cần thực hiện, điền tờ khai và đính kèm bản chụp giấy tờ.</li>"
        "<li>Thanh toán phí, lệ phí trực tuyến (nếu có) và theo dõi tình trạng hồ sơ.</li>"
        "<li>Nhận kết quả tại bộ phận một cửa, qua bưu chính hoặc bản điện tử.</li></ol>"
    )


def _fraud_advice(rng: random.Random, slots: dict) -> str:
    return (
        "<p>Để phòng tránh, người dân cần lưu ý:</p><ul>"
        "<li>Không bấm vào đường link lạ, không cài ứng dụng theo hướng dẫn của người lạ.</li>"
        "<li>Không cung cấp mã OTP, mật khẩu, số thẻ ngân hàng cho bất kỳ ai.</li>"
        "<li>Kiểm tra lại thông tin bằng cách gọi đến số điện thoại chính thức của cơ quan.</li>"
        "</ul>"
    )


def _application_documents(rng: random.Random, slots: dict) -> str:
    return (
        "<p>Hồ sơ dự tuyển gồm:</p><ul>"
        "<li>Phiếu đăng ký dự tuyển theo mẫu.</li>"
        "<li>Bản sao văn bằng, chứng chỉ và kết quả học tập theo yêu cầu của vị trí.</li>"
        "<li>Giấy chứng nhận thuộc đối tượng ưu tiên (nếu có).</li></ul>"
    )


EXTRAS = {
    "procedures_table": _procedures_table,
    "indicators": _indicators,
    "traffic_table": _traffic_table,
    "online_steps": _online_steps,
    "fraud_advice": _fraud_advice,
    "application_documents": _application_documents,
}


def _slots(rng: random.Random, local: dt.datetime) -> dict:
    before = local.date() - dt.timedelta(days=rng.randint(0, 3))
    after = local.date() + dt.timedelta(days=rng.randint(3, 9))
    return {
        "date": f"{before.day}/{before.month}",
        "date_after": f"{after:%d/%m/%Y}",
        "day": min(28, local.day + rng.randint(2, 10)),
        "month": local.month,
        "year": local.year,
        "prev_year": local.year - 1,
        "quarter": QUARTERS[(local.month - 1) // 3],
        "ward": rng.choice(WARDS),
        "commune": rng.choice(COMMUNES),
        "season": "Đông Xuân" if local.month <= 5 else "Hè Thu",
        "harvest": f"{rng.uniform(6.0, 8.2):.1f}".replace(".", ","),
        "n1": rng.randint(12, 60),
        "n2": rng.randint(120, 950),
        "n3": rng.randint(3, 12),
        "pct": rng.randint(86, 99),
    }


def _fill(template: str, slots: dict) -> str:
    """Return the template with its slots filled, starting with a capital letter."""
    text = template.format(**slots)
    return text[:1].upper() + text[1:]


def compose(rng: random.Random, key: str, local: dt.datetime, *, topic: dict | None = None) -> dict:
    """Return title, lead, body, byline and source of an article of category key at local time."""
    topic = topic or rng.choice(TOPICS[key])
    slots = _slots(rng, local)
    paragraphs = [f"<p>{_fill(text, slots)}</p>" for text in topic["paragraphs"]]
    closing = f"<p>{_fill(rng.choice(CLOSINGS[key]), slots)}</p>"
    extra = EXTRAS[topic["extra"]](rng, slots) if "extra" in topic else ""
    sources = next(spec["sources"] for spec in CATEGORIES if spec["key"] == key)
    return {
        "title": _fill(topic["title"], slots),
        "lead": _fill(topic["lead"], slots),
        "body": "".join(paragraphs) + extra + closing,
        "byline": rng.choice(BYLINES),
        "source": rng.choice(sources) if sources and rng.random() < 0.4 else "",
    }


def _moment(
    rng: random.Random, first: dt.date, last: dt.date, *, at: tuple[int, int] | None
) -> dt.datetime:
    day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    hour, minute = at or (rng.randint(7, 17), 5 * rng.randint(0, 11))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


def _plan(rng: random.Random, spec: dict, early: Iterator[tuple[int, int]]) -> list[dt.datetime]:
    """Return the publication moments of a category's demo articles, oldest first.

    Every fifth article or so takes the next of the early or late EARLY_TIMES.
    """
    day_before = REFERENCE_AT.date() - dt.timedelta(days=1)
    day_after = REFERENCE_AT.date() + dt.timedelta(days=1)
    moments = [
        _moment(rng, FIRST_DAY, day_before, at=next(early) if index % 5 == 2 else None)
        for index in range(spec["before"])
    ] + [
        _moment(rng, day_after, LAST_DAY, at=next(early) if index % 5 == 3 else None)
        for index in range(spec["after"])
    ]
    return sorted(moments)


def _upsert(model, slug: str, fields: dict):
    """Create the row with this slug, or update it only where it differs from fields."""
    # The city's demo is the first portal's; the wards have their own (demo.wards).
    row = model.objects.filter(site_id=FIRST_SITE_ID, slug=slug).first()
    if row is None:
        row = model(slug=slug, **fields)
        row.save()
        return row
    if any(getattr(row, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()
    return row


def _image(spec: dict, slug: str, local: dt.datetime, seed: int) -> str:
    """Return the storage name of the article's illustration, drawing it if missing."""
    name = f"articles/{local:%Y/%m}/demo-{slug[:48].rstrip('-')}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(name, images.illustration(spec["motif"], seed=seed))
    return name


@transaction.atomic
def load(*, stdout) -> None:
    """Create or update the demo categories and articles."""
    rng = random.Random(SEED)
    categories: dict[str, Category] = {}
    for order, spec in enumerate(CATEGORIES, start=1):
        categories[spec["key"]] = _upsert(
            Category,
            category_slug(spec["key"]),
            {"name": spec["name"], "order": order, "description": spec["description"]},
        )

    slugs: set[str] = {REFERENCE["slug"]}
    early = itertools.cycle(EARLY_TIMES)
    count = 0
    for number, spec in enumerate(CATEGORIES):
        key, topics = spec["key"], TOPICS[spec["key"]]
        moments = _plan(rng, spec, early)
        for index, moment in enumerate(moments):
            # Walk the topics in turn; on a repeated title take the next topic.
            for attempt in range(4 * len(topics)):
                text = compose(rng, key, moment, topic=topics[(index + attempt) % len(topics)])
                slug = vietnamese_slugify(text["title"], max_length=200)
                if slug not in slugs:
                    break
            else:
                raise RuntimeError(f"Demo topics of {key!r} ran out of distinct titles.")
            slugs.add(slug)
            newest = index == len(moments) - 1
            with_image = newest or index % 4 == 1
            _upsert(
                Article,
                slug,
                {
                    **text,
                    "body": sanitize_html(text["body"]),
                    "category_id": categories[key].pk,
                    "status": Article.Status.PUBLISHED,
                    "published_at": moment,
                    "featured": newest and key in FEATURED_IN,
                    "image": _image(spec, slug, moment, SEED + 100 * number + index)
                    if with_image
                    else "",
                    "image_alt": images.ALT_TEXTS[spec["motif"]] if with_image else "",
                },
            )
            count += 1

    _upsert(
        Article,
        REFERENCE["slug"],
        {
            "title": REFERENCE["title"],
            "lead": REFERENCE["lead"],
            "body": sanitize_html(REFERENCE["body"]),
            "byline": REFERENCE["byline"],
            "source": "",
            "category_id": categories[REFERENCE["category"]].pk,
            "status": Article.Status.PUBLISHED,
            "published_at": REFERENCE_AT,
            "featured": False,
            "image": "",
            "image_alt": "",
        },
    )
    _last_edited_when_published(Article.objects.filter(slug__in=slugs))
    stdout.write(f"Nội dung mẫu: {len(categories)} chuyên mục, {count + 1} bài viết.")


def _last_edited_when_published(articles) -> None:
    """Date the demo articles' last edit at their publication, not at the load.

    Saving stamps updated_at with the moment of the load, so every demo article
    would tell search engines (sitemap lastmod, JSON-LD dateModified) that it
    changed that day. update() leaves auto_now alone; a real edit stamps it again.
    """
    articles.update(updated_at=Least(F("published_at"), Value(timezone.now())))


def build_generated_article(
    rng: random.Random, *, category: Category, key: str, published_at: dt.datetime, suffix: str
) -> Article:
    """Return an unsaved published article of generated text, ready for bulk_create.

    bulk_create skips save(): whatever save() would derive (slug, sanitised
    body, and any column computed from the text) is filled here.
    """
    text = compose(rng, key, published_at.astimezone(LOCAL))
    article = Article(
        **text,
        slug=f"{vietnamese_slugify(text['title'], max_length=160)}-{suffix}",
        category=category,
        status=Article.Status.PUBLISHED,
        published_at=published_at,
    )
    article.search_text = article_document(article)
    return article


def generate_articles(count: int, *, stdout, batch_size: int = 5000, years: int = 10) -> None:
    """Add count generated published articles over the last years, in bulk, with a progress bar."""
    categories = {
        spec["key"]: Category.objects.get(site_id=FIRST_SITE_ID, slug=category_slug(spec["key"]))
        for spec in CATEGORIES
    }
    keys = list(categories)
    run = secrets.token_hex(3)  # a fresh slug suffix per run: runs never clash
    rng = random.Random(run)
    end = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=1)
    span = int(dt.timedelta(days=365 * years).total_seconds() // 60)
    # Oldest first, as years of publishing leave a portal's table: the newest
    # articles, which lists and searches read most, lie together at its end.
    ages = sorted((rng.randint(0, span) for _ in range(count)), reverse=True)
    started = time.monotonic()
    done = 0
    while done < count:
        batch = []
        for number in range(done, min(count, done + batch_size)):
            key = keys[number % len(keys)]
            batch.append(
                build_generated_article(
                    rng,
                    category=categories[key],
                    key=key,
                    published_at=end - dt.timedelta(minutes=ages[number]),
                    suffix=f"{run}-{number}",
                )
            )
        Article.objects.bulk_create(batch)
        done += len(batch)
        _progress(stdout, done, count)
    _last_edited_when_published(Article.objects.filter(slug__contains=f"-{run}-"))
    bump_content_version()
    stdout.write(f"\nĐã thêm {count} bài viết trong {time.monotonic() - started:.1f} giây.")


def _progress(stdout, done: int, total: int, width: int = 30) -> None:
    filled = width * done // total
    stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} bài", ending="")
    stdout.flush()
