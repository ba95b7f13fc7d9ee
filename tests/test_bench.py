"""The benchmark's floors are served under bench.settings only, never by the portal's own."""

import pytest
from django.urls import Resolver404, resolve

from bench import settings as bench_settings


@pytest.mark.parametrize("path", ["/__bench__/floor/", "/bench/floor/"])
def test_production_urls_have_no_floor(path):
    with pytest.raises(Resolver404):
        resolve(path, "portal.urls")


def test_bench_urls_serve_both_floors_beside_the_portal(
    client, settings, known_portals, django_assert_num_queries
):
    settings.ROOT_URLCONF = "bench.urls"
    settings.TEMPLATES = bench_settings.TEMPLATES
    # The floor goes through the portal's middleware like any page; with the
    # portals known (as a serving process keeps them), it reads no table.
    with django_assert_num_queries(0):
        listing = client.get("/__bench__/floor/")
    assert listing.status_code == 200
    assert "Trang đo chuẩn" in listing.content.decode()
    assert client.get("/bench/floor/").status_code == 200
    assert resolve("/robots.txt", "bench.urls").url_name == "robots"


@pytest.mark.django_db
def test_multi_site_seeding_makes_the_portals_and_the_split_asked_for():
    """`bench/run.py --sites` seeds through bench.sites.seed: at a tiny scale, so it cannot rot."""
    import io

    from bench import sites
    from core.sites import FIRST_SITE_ID
    from news.models import Article, Category
    from portals.models import Portal

    counts = sites.seed(3, 60, 30, stdout=io.StringIO())

    assert len(counts) == 3 and Portal.objects.count() == 3
    assert counts[FIRST_SITE_ID] == 30
    assert sorted(n for pk, n in counts.items() if pk != FIRST_SITE_ID) == [15, 15]
    for pk in counts:
        if pk == FIRST_SITE_ID:
            continue
        portal = Portal.objects.get(pk=pk)
        assert portal.host_names.get().name.endswith(".bench.localhost")
        # Each small portal files its articles in its own categories, oldest first.
        assert Category.objects.filter(site_id=pk).count() == 5
        rows = list(Article.objects.filter(site_id=pk).order_by("pk"))
        assert {row.category.site_id for row in rows} == {pk}
        assert [r.published_at for r in rows] == sorted(r.published_at for r in rows)
        assert all(r.updated_at == r.published_at for r in rows)
    # Again: nothing is missing, nothing is added.
    assert sites.seed(3, 60, 30, stdout=io.StringIO()) == counts
    assert sites.shares(200, 500_000, 100_000)[:2] == [100_000, 2011]
    assert sum(sites.shares(200, 500_000, 100_000)) == 500_000
