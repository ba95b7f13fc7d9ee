"""The multi-site benchmark's data: many portals on one installation, seeded in bulk.

    python -m bench.sites --portals 200 --articles 500000 --largest 100000

(bench/run.py --sites runs it; DJANGO_SETTINGS_MODULE and DATABASE_URL as the
bench sets them.) The first portal (the city, Site 1) is to hold `largest`
articles, the others share the rest evenly. Portals that are missing are made
in bulk (Site, Portal, host name, the default categories of a new portal, as
news.portals.add_portal makes them one at a time), on host names
pNNN.bench.localhost; then each portal is topped up to its share with
generated articles (demo.articles.build_generated_article), oldest first per
portal as years of publishing leave a table, and the news tables are analysed.
Running it again adds only what is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import secrets
import sys
import time

# The host names of the bench's portals, under one suffix DJANGO_ALLOWED_HOSTS lets through.
DOMAIN_SUFFIX = "bench.localhost"
BATCH = 5000


def portal_domain(number: int) -> str:
    """Return the host name of the bench's portal number (2, 3, …; 1 is the city)."""
    return f"p{number:03d}.{DOMAIN_SUFFIX}"


def shares(portals: int, articles: int, largest: int) -> list[int]:
    """Return each portal's number of articles: the first `largest`, the others the rest evenly."""
    if portals < 1 or not 0 <= largest <= articles:
        raise ValueError("need at least one portal and 0 <= largest <= articles")
    if portals == 1:
        return [articles]
    base, extra = divmod(articles - largest, portals - 1)
    return [largest] + [base + (1 if n < extra else 0) for n in range(portals - 1)]


def portal_ids(portals: int, *, stdout) -> list[int]:
    """Return the ids of `portals` portals, the first portal first, making the missing ones."""
    from django.contrib.sites.models import Site
    from django.db import transaction

    from core.sites import FIRST_SITE_ID
    from news.models import Category
    from portals.models import HostName, Portal
    from portals.selectors import forget_portals
    from portals.services import ensure_first_portal

    ensure_first_portal()
    ids = list(Portal.objects.order_by("pk").values_list("pk", flat=True))
    ids.sort(key=lambda pk: pk != FIRST_SITE_ID)
    missing = portals - len(ids)
    if missing <= 0:
        return ids[:portals]
    taken = set(HostName.objects.values_list("name", flat=True))
    domains, number = [], 2
    while len(domains) < missing:
        if portal_domain(number) not in taken:
            domains.append(portal_domain(number))
        number += 1
    with transaction.atomic():
        sites = Site.objects.bulk_create(
            Site(domain=domain, name=f"Phường {domain.split('.')[0]}") for domain in domains
        )
        made = Portal.objects.bulk_create(
            Portal(
                site=site,
                name=f"Cổng thông tin điện tử {site.name}",
                agency=f"Ủy ban nhân dân {site.name}",
            )
            for site in sites
        )
        HostName.objects.bulk_create(
            HostName(name=site.domain, portal=portal)
            for site, portal in zip(sites, made, strict=True)
        )
        Category.objects.bulk_create(
            category for site in sites for category in default_categories(site.pk)
        )
    forget_portals()
    stdout.write(f"{missing} portals made in bulk ({domains[0]} … {domains[-1]}).\n")
    return ids + [site.pk for site in sites]


def default_categories(site_id: int) -> list:
    """Return a new portal's categories (news.portals.DEFAULT_CATEGORIES), unsaved."""
    from news.models import Category
    from news.portals import DEFAULT_CATEGORIES
    from news.text import vietnamese_slugify

    return [
        Category(
            site_id=site_id,
            name=name,
            slug=vietnamese_slugify(name),
            description=description,
            order=order,
        )
        for order, (name, description) in enumerate(DEFAULT_CATEGORIES, start=1)
    ]


@contextlib.contextmanager
def dated_by_hand(model):
    """Let bulk_create keep the created_at and updated_at given, rather than now."""
    fields = [model._meta.get_field(name) for name in ("created_at", "updated_at")]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def top_up(site_id: int, count: int, *, rng: random.Random, run: str, years: int = 10):
    """Yield `count` unsaved generated articles of the portal, oldest first, for bulk_create."""
    from django.utils import timezone

    from demo.articles import build_generated_article, category_slug
    from demo.texts import CATEGORIES
    from news.models import Category

    categories = list(Category.objects.filter(site_id=site_id).order_by("order", "pk"))
    if not categories:
        # A portal without any (the first one of an empty database): a new portal's.
        categories = Category.objects.bulk_create(default_categories(site_id))
    keys = [spec["key"] for spec in CATEGORIES]
    # The city's demo categories take their own texts, as load_demo --articles files them.
    own = {category_slug(key): key for key in keys}
    end = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=1)
    span = int(dt.timedelta(days=365 * years).total_seconds() // 60)
    ages = sorted((rng.randint(0, span) for _ in range(count)), reverse=True)
    for number, age in enumerate(ages):
        index = number % len(categories)
        article = build_generated_article(
            rng,
            category=categories[index],
            # A small portal's categories take the demo's texts in turn.
            key=own.get(categories[index].slug, keys[index % len(keys)]),
            published_at=end - dt.timedelta(minutes=age),
            suffix=f"{run}-{site_id}-{number}",
        )
        article.site_id = site_id
        article.created_at = article.updated_at = article.published_at
        yield article


def seed(portals: int, articles: int, largest: int, *, stdout=sys.stdout) -> dict[int, int]:
    """Make `portals` portals holding `articles` in all, `largest` of them in the first.

    Adds only what is missing; returns each portal's articles by id.
    """
    from django.db.models import Count

    from core.caching import bump_content_version
    from core.sites import site_activated
    from news.bulk import analyze
    from news.models import Article, Category
    from portals.models import HostName, Portal

    wanted = shares(portals, articles, largest)
    ids = portal_ids(portals, stdout=stdout)
    present = dict(
        Article.objects.filter(site_id__in=ids)
        .values_list("site_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "n")
    )
    run = secrets.token_hex(3)  # a fresh slug suffix per run: runs never clash
    rng = random.Random(run)
    total = sum(max(0, want - present.get(pk, 0)) for pk, want in zip(ids, wanted, strict=True))
    started, done, batch = time.monotonic(), 0, []
    with dated_by_hand(Article):
        for pk, want in zip(ids, wanted, strict=True):
            missing = want - present.get(pk, 0)
            if missing <= 0:
                continue
            for article in top_up(pk, missing, rng=rng, run=run):
                batch.append(article)
                if len(batch) >= BATCH:
                    Article.objects.bulk_create(batch)
                    done += len(batch)
                    batch = []
                    stdout.write(f"\r{done}/{total} articles")
                    stdout.flush()
        if batch:
            Article.objects.bulk_create(batch)
            done += len(batch)
    if total:
        stdout.write(f"\r{done} articles added in {time.monotonic() - started:.0f} s.\n")
        for pk in ids:
            with site_activated(pk):
                bump_content_version()
    analyze(Article, Category, Portal, HostName)
    return dict(
        Article.objects.filter(site_id__in=ids)
        .values_list("site_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "n")
    )


def main() -> None:
    import argparse

    import django

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portals", type=int, required=True)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--largest", type=int, required=True)
    args = parser.parse_args()
    django.setup()
    counts = seed(args.portals, args.articles, args.largest)
    sizes = sorted(counts.values())
    print(
        f"{len(counts)} portals, {sum(sizes)} articles; largest {sizes[-1]}, "
        f"smallest {sizes[0]}, median {sizes[len(sizes) // 2]}"
    )


if __name__ == "__main__":
    main()
