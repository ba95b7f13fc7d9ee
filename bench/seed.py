"""Add generated articles fast, for the benchmark: `python bench/seed.py --articles N`.

It stands in for `manage.py load_demo --articles N` (same interface: add N
articles) where that command is not installed; the benchmark prefers it.
"""

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = [
    "Tin tức về cải cách Thủ tục hành chính",
    "Tin tức – Sự kiện",
    "Kinh tế – Xã hội",
    "Văn hóa – Thể thao",
    "Giáo dục – Đào tạo",
    "Y tế – Sức khỏe",
    "Quy hoạch – Xây dựng",
    "Thông báo",
]
WORDS = str.split(
    "thành phố ủy ban nhân dân triển khai kế hoạch tuyên truyền cải cách hành chính năm người "
    "dân doanh nghiệp phường xã hội nghị tổng kết công tác đầu tư xây dựng đường giao thông "
    "nông thôn mới giáo dục y tế văn hóa thể thao du lịch Bạc Liêu điện gió muối tôm lúa"
)


def sentence(rng: random.Random, words: int) -> str:
    """Return a capitalised Vietnamese-looking sentence of about that many words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.utils import timezone

    from news.caching import bump_content_version
    from news.models import Article, Category

    categories = list(Category.objects.all())
    if not categories:
        for order, name in enumerate(CATEGORIES, start=1):
            Category(name=name, order=order).save()
        categories = list(Category.objects.all())
    # Uneven categories, as on a real portal: the first one gets the most.
    weights = [len(categories) - i for i in range(len(categories))]
    rng = random.Random(8)
    start = Article.objects.count()
    now = timezone.now()
    span = dt.timedelta(days=10 * 365).total_seconds()
    paragraph = "".join(f"<p>{sentence(rng, 60)}.</p>" for _ in range(6))
    done = 0
    while done < args.articles:
        batch = []
        for n in range(start + done, start + done + min(args.batch, args.articles - done)):
            published = now - dt.timedelta(seconds=rng.random() * span)
            batch.append(
                Article(
                    title=f"{sentence(rng, 12)} ({n})",
                    slug=f"bai-viet-so-{n}",
                    lead=sentence(rng, 35) + ".",
                    body=paragraph,
                    byline="Kim Ngân",
                    category=rng.choices(categories, weights)[0],
                    status=Article.Status.PUBLISHED,
                    published_at=published,
                    featured=rng.random() < 0.01,
                )
            )
        Article.objects.bulk_create(batch)
        done += len(batch)
        print(f"\r{done}/{args.articles} articles", end="", flush=True)
    print()
    bump_content_version()


if __name__ == "__main__":
    main()
