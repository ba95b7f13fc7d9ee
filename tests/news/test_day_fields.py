"""Day fields typed day first, whatever the language of the browser."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from news.archive.forms import DAY_PATTERN, DayForm
from news.search.forms import SearchForm

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(response, name: str) -> list[dict]:
    parser = Tags()
    parser.feed(response.content.decode())
    return [attrs for tag, attrs in parser.tags if tag == name]


def day_inputs(response) -> dict[str, dict]:
    return {
        attrs["id"]: attrs
        for attrs in tags(response, "input")
        if attrs.get("id") in {"sidebar-date", "id_start", "id_end"}
    }


def test_day_fields_are_text_typed_day_first_in_any_browser_language(client, article):
    response = client.get(reverse("news:search"), {"q": "kế hoạch"})
    fields = day_inputs(response)
    assert set(fields) == {"sidebar-date", "id_start", "id_end"}
    for attrs in fields.values():
        assert attrs["type"] == "text"
        assert attrs["inputmode"] == "numeric"
        assert attrs["placeholder"] == "dd/mm/yyyy"
        assert attrs["pattern"] == DAY_PATTERN
    buttons = [b for b in tags(response, "button") if "data-day-picker" in b]
    assert {b["data-day-picker"] for b in buttons} == set(fields)
    # Shown by dates.js only where the browser can open its picker.
    assert all("hidden" in b for b in buttons)


@pytest.mark.parametrize(
    "typed", ["18/04/2018", "8/4/2018", "18-04-2018", "18.04.2018", "2018-04-18"]
)
def test_the_field_pattern_lets_through_what_the_server_reads(typed):
    assert re.fullmatch(DAY_PATTERN, typed)
    assert DayForm({"ngay": typed}).is_valid()
    assert SearchForm.of_portal(1)({"q": "a", "start": typed}).is_valid()


@pytest.mark.parametrize("typed", ["04/18/2018 10:00", "hôm qua", "18/04/18"])
def test_the_field_pattern_stops_what_the_server_cannot_read(typed):
    assert not re.fullmatch(DAY_PATTERN, typed)
    assert not DayForm({"ngay": typed}).is_valid()


def test_search_shows_a_day_back_day_first_however_it_came(client, article):
    response = client.get(reverse("news:search"), {"q": "kế hoạch", "start": "2018-04-18"})
    assert day_inputs(response)["id_start"]["value"] == "18/04/2018"
    response = client.get(reverse("news:search"), {"q": "kế hoạch", "end": "18/04/2018"})
    assert day_inputs(response)["id_end"]["value"] == "18/04/2018"


def test_an_impossible_search_day_is_a_clear_400(client, article):
    response = client.get(reverse("news:search"), {"q": "kế hoạch", "start": "31/02/2018"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "hãy nhập theo dạng ngày/tháng/năm, ví dụ 18/04/2018" in html
    field = day_inputs(response)["id_start"]
    assert field["value"] == "31/02/2018"
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "id_start_error"
    assert 'id="id_start_error"' in html
