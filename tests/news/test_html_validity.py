"""Markup that the Nu HTML Checker refuses, found by parsing the pages ourselves."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# HTML's "valid date string", "valid global date and time string" (at most
# three digits of fraction, an offset) and "valid local date and time string".
DATE = r"\d{4}-\d{2}-\d{2}"
TIME = r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"
VALID_DATETIME = re.compile(rf"{DATE}|{DATE}[T ]{TIME}(Z|[+-]\d{{2}}:?\d{{2}})?")


class Elements(HTMLParser):
    """Collect the attributes of every start tag of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(response) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(response.content.decode())
    return parser.tags


@pytest.fixture
def pages(make_article):
    """Return the URLs of the page types that carry the sidebar or dates, for a fresh article.

    Published "an hour ago", so its time has microseconds, as every article
    published through the admin has.
    """
    article = make_article()
    assert article.published_at.microsecond
    day = article.published_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    return [
        "/",
        article.get_absolute_url(),
        reverse("news:article_print", kwargs={"slug": article.slug}),
        reverse("news:category", kwargs={"slug": article.category.slug}),
        reverse("news:archive_day", kwargs={"year": day.year, "month": day.month, "day": day.day}),
        reverse("news:search") + "?q=bài",
        reverse("news:archive"),
        reverse("news:archive_calendar", kwargs={"year": day.year, "month": day.month}),
        f"{article.category.get_absolute_url()}?truoc={article.pk}",
    ]


def test_no_date_field_carries_a_placeholder(client, pages):
    for url in pages:
        for tag, attrs in elements(client.get(url)):
            if tag == "input" and attrs.get("type") == "date":
                assert "placeholder" not in attrs, url


def test_every_time_element_has_a_valid_machine_readable_datetime(client, pages):
    for url in pages:
        times = [attrs for tag, attrs in elements(client.get(url)) if tag == "time"]
        for attrs in times:
            if "datetime" in attrs:
                assert VALID_DATETIME.fullmatch(attrs["datetime"]), (url, attrs["datetime"])


def test_print_view_dates_its_article_and_the_printing_moment_to_the_second(client, pages):
    response = client.get(pages[2])
    stamps = [attrs["datetime"] for tag, attrs in elements(response) if tag == "time"]
    assert len(stamps) == 2
    assert all(
        re.fullmatch(rf"{DATE}T\d{{2}}:\d{{2}}:\d{{2}}[+-]\d{{2}}:?\d{{2}}", s) for s in stamps
    )


def test_no_id_is_given_twice_on_a_page(client, pages):
    for url in pages:
        ids = [attrs["id"] for _, attrs in elements(client.get(url)) if "id" in attrs]
        assert len(ids) == len(set(ids)), (url, sorted(i for i in ids if ids.count(i) > 1))
