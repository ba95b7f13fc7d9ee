"""Demo readers: views on the last days, so that "Tin đọc nhiều" is not empty on a fresh start.

load_demo runs it after the articles of every portal (demo.loaders): each portal's
newest articles get their readers, as each portal has its own list. The days are
counted back from today, so the list holds on any date; running it again the same day
changes nothing, and it never lowers a count that real visits have made.
"""

import datetime as dt
import zlib

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from counters import conf
from counters.models import ArticleDay, ArticleTotal
from news.models import Article

# The newest public articles are the ones readers read most.
READ_ARTICLES = 8


def views_on(slug: str, rank: int, age: int) -> int:
    """Return an article's demo views on the day `age` days ago; today is only partly over."""
    whole_day = 180 // (rank + 2) + zlib.crc32(f"{slug}:{age}".encode()) % 15
    return whole_day // 3 if age == 0 else whole_day


@transaction.atomic
def load(*, stdout, today: dt.date | None = None) -> None:
    """Give each portal's newest public articles views on each of the last days that have none."""
    today = today or timezone.localdate()
    public = Article.objects.published()
    sites = public.order_by("site_id").values_list("site_id", flat=True).distinct()
    # (rank within its portal, article): the first of each portal is read most.
    articles = [
        (rank, article)
        for site_id in sites
        for rank, article in enumerate(
            public.filter(site_id=site_id).order_by("-published_at", "-id")[:READ_ARTICLES]
        )
    ]
    added = 0
    for rank, article in articles:
        for age in range(conf.MOST_READ_DAYS):
            _, created = ArticleDay.objects.get_or_create(
                article=article,
                day=today - dt.timedelta(days=age),
                shard=0,
                defaults={"views": views_on(article.slug, rank, age)},
            )
            added += created
        # The article's total ("Số lượt người xem") is never below the days it was read.
        daily = ArticleDay.objects.filter(article=article).aggregate(views=Sum("views"))["views"]
        total = ArticleTotal.objects.filter(article=article).aggregate(views=Sum("views"))["views"]
        if (total or 0) < daily:
            row, _ = ArticleTotal.objects.get_or_create(article=article, shard=0)
            row.views += daily - (total or 0)
            row.save(update_fields=["views"])
    stdout.write(
        f"Tin đọc nhiều: {len(articles)} bài có lượt xem trong {conf.MOST_READ_DAYS} ngày qua "
        f"({added} số liệu ngày mới thêm)."
    )
