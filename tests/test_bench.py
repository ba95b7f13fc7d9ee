"""The benchmark's floors are served under bench.settings only, never by the portal's own."""

import pytest
from django.urls import Resolver404, resolve

from bench import settings as bench_settings


@pytest.mark.parametrize("path", ["/__bench__/floor/", "/bench/floor/"])
def test_production_urls_have_no_floor(path):
    with pytest.raises(Resolver404):
        resolve(path, "portal.urls")


def test_bench_urls_serve_both_floors_beside_the_portal(client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.TEMPLATES = bench_settings.TEMPLATES
    listing = client.get("/__bench__/floor/")
    assert listing.status_code == 200
    assert "Trang đo chuẩn" in listing.content.decode()
    assert client.get("/bench/floor/").status_code == 200
    assert resolve("/robots.txt", "bench.urls").url_name == "robots"
