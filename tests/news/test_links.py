"""URLs filled into patterns reversed once are the URLs reverse() gives."""

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from news import links


def test_day_and_month_urls_are_those_of_reverse_for_every_day_of_a_year():
    day = dt.date(2018, 1, 1)
    while day.year == 2018:
        assert links.day_url(day) == reverse(
            "news:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day}
        )
        assert links.month_url(day) == reverse(
            "news:archive_month", kwargs={"year": day.year, "month": day.month}
        )
        day += dt.timedelta(days=1)


def test_slug_urls_are_those_of_reverse():
    for slug in ("trien-khai-ke-hoach-2018", "a", "so_97-ngay-96"):
        assert links.slug_url("news:article", slug) == reverse(
            "news:article", kwargs={"slug": slug}
        )


def test_a_slug_the_url_cannot_hold_fails_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        links.slug_url("news:article", "có dấu")


def test_urls_follow_the_script_prefix():
    set_script_prefix("/cong-thong-tin/")
    try:
        assert links.day_url(dt.date(2018, 4, 18)) == "/cong-thong-tin/luu-tru/2018/04/18/"
        assert links.slug_url("news:category", "thong-bao") == reverse(
            "news:category", kwargs={"slug": "thong-bao"}
        )
    finally:
        set_script_prefix("/")
