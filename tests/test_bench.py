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
