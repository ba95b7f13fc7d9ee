"""What one address can add (new visitors per minute), and no counting from other sites."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from counters import selectors, services, visitors
from counters.conf import COOKIE_NAME, COOKIE_SALT
from counters.models import NewVisitors

from .conftest import BROWSER_UA, pixel_url

# Every test here runs on each counting path (see conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counting_path")]


@pytest.fixture(autouse=True)
def allowance(settings):
    settings.COUNTERS_NEW_VISITORS_PER_MINUTE = 5
    return 5


@pytest.fixture(autouse=True)
def within_one_minute():
    """Start each test at the beginning of a minute, so that its requests draw on one allowance.

    Otherwise a test that crossed into the next minute would find the allowance back.
    """
    with time_machine.travel(timezone.now().replace(second=1, microsecond=0), tick=True):
        yield


def numbers(article=None) -> tuple[int, int]:
    live = selectors.live_numbers(article_id=article.pk if article else None)
    return live.get("views", 0), live["visits"]


def signed(value: str, salt: str = COOKIE_SALT) -> str:
    response = HttpResponse()
    response.set_signed_cookie(COOKIE_NAME, value, salt=salt)
    return response.cookies[COOKIE_NAME].value


def test_cookieless_posts_from_one_address_add_no_more_than_the_allowance(browser_hit, article):
    responses = [browser_hit(Client(), article) for _ in range(20)]
    assert [response.status_code for response in responses] == [200] * 20
    assert numbers(article) == (5, 5)
    assert [COOKIE_NAME in response.cookies for response in responses] == [True] * 5 + [False] * 15
    # Past the allowance a request still gets the live numbers to show.
    assert responses[-1].json() == {"views": 5, "visits": 5, "today": 5, "online": 5}


@pytest.mark.parametrize(
    "cookie",
    [
        uuid.uuid4().hex,  # an id without a signature
        "forged-signature",
        "wrong-salt",
    ],
)
def test_forged_cookies_are_new_visitors_and_draw_on_the_allowance(browser_hit, article, cookie):
    if cookie == "forged-signature":
        cookie = signed(uuid.uuid4().hex)[:-4] + "AAAA"
    elif cookie == "wrong-salt":
        cookie = signed(uuid.uuid4().hex, salt="another.salt")
    for _ in range(12):
        client = Client()
        client.cookies[COOKIE_NAME] = cookie
        assert browser_hit(client, article).status_code == 200
    assert numbers(article) == (5, 5)


def test_a_browser_that_keeps_its_cookie_is_counted_when_its_address_has_spent_the_allowance(
    browser_hit, article, make_article
):
    # Many people behind one carrier NAT address: one kept the cookie it was given.
    reader = Client()
    browser_hit(reader, article)
    for _ in range(10):
        browser_hit(Client(), article)
    assert numbers(article) == (5, 5)
    other = make_article()
    assert browser_hit(reader, other).json()["views"] == 1
    later = timezone.now() + dt.timedelta(minutes=31)
    with time_machine.travel(later, tick=False):
        assert browser_hit(reader, article).json()["views"] == 6
    assert numbers() == (0, 6)


def test_a_new_browser_turned_away_is_counted_in_a_later_minute(browser_hit, article):
    start = timezone.now().replace(second=5)
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            browser_hit(Client(), article)
        newcomer = Client()
        assert COOKIE_NAME not in browser_hit(newcomer, article).cookies
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        response = browser_hit(newcomer, article)
    assert COOKIE_NAME in response.cookies
    assert numbers(article) == (6, 6)


def test_a_spent_allowance_is_not_written_to_again(browser_hit, article):
    for _ in range(12):
        browser_hit(Client(), article)
    assert list(NewVisitors.objects.values_list("visitors", flat=True)) == [5]


def test_the_pixel_honours_the_allowance_too(article):
    for _ in range(8):
        response = Client().get(pixel_url(article), headers={"User-Agent": BROWSER_UA})
        assert response.status_code == 200
        assert response["Content-Type"] == "image/gif"
    assert numbers(article) == (5, 5)


def test_no_limit_when_the_allowance_is_zero(browser_hit, article, settings):
    settings.COUNTERS_NEW_VISITORS_PER_MINUTE = 0
    for _ in range(40):
        browser_hit(Client(), article)
    assert numbers(article) == (40, 40)
    assert not NewVisitors.objects.exists()


def test_each_address_has_its_own_allowance(browser_hit, article):
    for address in ("198.51.100.7", "198.51.100.8"):
        for _ in range(7):
            browser_hit(Client(REMOTE_ADDR=address), article)
    assert numbers(article) == (10, 10)


def test_behind_trusted_proxies_the_allowance_is_the_forwarded_address(
    browser_hit, article, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(7):
        # What the client wrote left of the proxy's entry is not trusted.
        forwarded = f"10.9.9.{n}, 198.51.100.7"
        browser_hit(Client(), article, **{"X-Forwarded-For": forwarded})
    assert numbers(article) == (5, 5)
    for n in range(3):
        browser_hit(Client(), article, **{"X-Forwarded-For": f"198.51.100.{20 + n}"})
    assert numbers(article) == (8, 8)


def test_an_ipv6_slash_64_shares_one_allowance(browser_hit, article):
    for n in range(7):
        browser_hit(Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}"), article)
    assert numbers(article) == (5, 5)
    browser_hit(Client(REMOTE_ADDR="2001:db8:1:3::1"), article)
    assert numbers(article) == (6, 6)


def test_pruning_forgets_the_allowances_of_past_minutes(browser_hit, article):
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(minutes=5), tick=False):
        browser_hit(Client(REMOTE_ADDR="198.51.100.1"), article)
    browser_hit(Client(REMOTE_ADDR="198.51.100.2"), article)
    services.prune_stale_marks(now=start)
    assert list(NewVisitors.objects.values_list("address", flat=True)) == ["198.51.100.2"]


def test_the_service_takes_exactly_the_allowance_of_each_minute(allowance):
    now = timezone.now()
    taken = [services.admit_new_visitor(address="192.0.2.1", now=now) for _ in range(8)]
    assert taken == [True] * allowance + [False] * 3
    assert services.admit_new_visitor(address="192.0.2.1", now=now + dt.timedelta(minutes=1))


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        (None, 200),
        ("http://testserver", 200),
        ("https://testserver", 200),
        ("https://tin-gia.example", 403),
        ("http://testserver.evil.example", 403),
        ("null", 403),
        ("http://[testserver", 403),
        ("testserver", 403),
        ("", 403),
        ("http://127.0.0.1", 403),
    ],
)
def test_a_counting_request_from_another_site_is_refused(browser_hit, article, origin, status):
    headers = {} if origin is None else {"Origin": origin}
    response = browser_hit(Client(), article, **headers)
    assert response.status_code == status
    assert numbers(article) == ((1, 1) if status == 200 else (0, 0))
    if status == 403:
        assert "error" in response.json()
        assert COOKIE_NAME not in response.cookies
        assert "no-store" in response["Cache-Control"]


def test_origins_trusted_for_forms_may_count(browser_hit, article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://cong.example", "https://*.tinh.example"]
    for origin in ("https://cong.example", "https://quan1.tinh.example", "https://tinh.example"):
        assert browser_hit(Client(), article, Origin=origin).status_code == 200
    assert browser_hit(Client(), article, Origin="http://quan1.tinh.example").status_code == 403
    assert numbers(article) == (3, 3)


def test_the_pixel_refuses_another_site_as_well(article):
    headers = {"User-Agent": BROWSER_UA, "Origin": "https://tin-gia.example"}
    response = Client().get(pixel_url(article), headers=headers)
    assert response.status_code == 403
    assert numbers(article) == (0, 0)


def test_a_proxy_that_is_not_trusted_is_logged_once(browser_hit, article, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 0
    visitors._warn_of_an_untrusted_proxy.cache_clear()
    for _ in range(3):
        browser_hit(Client(), article, **{"X-Forwarded-For": "198.51.100.7"})
    warnings = [r for r in caplog.records if "DJANGO_TRUSTED_PROXY_COUNT" in r.getMessage()]
    assert len(warnings) == 1
    # Every request counts as coming from the proxy itself.
    assert numbers(article) == (3, 3)


def test_the_allowance_is_30_new_visitors_a_minute_unless_set(browser_hit, article, settings):
    del settings.COUNTERS_NEW_VISITORS_PER_MINUTE
    for _ in range(35):
        browser_hit(Client(), article)
    assert numbers(article) == (30, 30)
