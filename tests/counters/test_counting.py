import datetime as dt
import json
import uuid

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from counters import selectors, services
from counters.conf import COOKIE_NAME, COOKIE_SALT
from counters.models import (
    ArticleDay,
    ArticleTotal,
    OnlineMinute,
    SiteDay,
    SiteTotal,
    VisitorPresence,
)
from news.models import Article

from .conftest import (
    BROWSER_UA,
    hit_url,
    in_the_database_function,
    pixel_url,
    read_portals_now,
)

# Every test here runs on each counting path (see conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counting_path")]


def views_of(article) -> int:
    return selectors.article_views(article.pk)


def site_visits() -> int:
    return selectors.live_numbers()["visits"]


def test_first_post_counts_a_visit_and_a_view_and_answers_the_live_numbers(
    visitor, browser_hit, article
):
    response = browser_hit(visitor, article)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"views": 1, "visits": 1, "today": 1, "online": 1}
    assert views_of(article) == 1 and site_visits() == 1


def test_the_numbers_a_count_answers_are_the_live_numbers(browser_hit, article, make_article):
    other = make_article()
    for target in (article, other, article, None):
        browser_hit(Client(), target)
    answer = json.loads(browser_hit(Client(), article).content)
    assert answer == selectors.live_numbers(article_id=article.pk)
    assert answer == {"views": 3, "visits": 5, "today": 5, "online": 5}


def test_the_service_counts_nothing_for_an_article_that_is_not_public(make_article):
    draft = make_article(status=Article.Status.DRAFT)
    hit = services.record_view(article=draft, visitor=uuid.uuid4())
    assert (hit.public, hit.new_view, hit.new_visit) == (False, False, False)
    assert views_of(draft) == 0 and site_visits() == 0


def test_json_numbers_are_integers_and_views_only_on_an_article(visitor, browser_hit, article):
    site = json.loads(browser_hit(visitor).content)
    assert set(site) == {"visits", "today", "online"}
    on_article = json.loads(browser_hit(visitor, article).content)
    assert set(on_article) == {"views", "visits", "today", "online"}
    assert all(type(value) is int for value in [*site.values(), *on_article.values()])


def test_empty_body_counts_like_an_empty_object(visitor, browser_hit, article):
    assert browser_hit(visitor, article, body="").status_code == 200
    assert views_of(article) == 1


@pytest.mark.parametrize("body", ["[]", "not json", '"{}"', "{" * 2000])
def test_a_body_other_than_empty_or_an_object_is_a_400(visitor, browser_hit, article, body):
    response = browser_hit(visitor, article, body=body)
    assert response.status_code == 400
    assert "error" in json.loads(response.content)
    assert views_of(article) == 0


def test_the_visitor_cookie_is_a_signed_random_id_for_a_year_and_httponly(
    visitor, browser_hit, article
):
    response = browser_hit(visitor, article)
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 3600
    value, _timestamp, signature = cookie.value.split(":")
    assert len(value) == 32 and int(value, 16) and len(signature) > 40
    assert VisitorPresence.objects.filter(visitor=value).exists()


def test_counting_creates_no_session_row(visitor, browser_hit, article):
    from django.contrib.sessions.models import Session

    browser_hit(visitor, article)
    visitor.get(article.get_absolute_url())
    assert Session.objects.count() == 0
    assert "sessionid" not in visitor.cookies


def test_public_pages_set_no_cookie_so_they_stay_cacheable(visitor, article):
    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        response = visitor.get(url, headers={"User-Agent": BROWSER_UA})
        assert not response.cookies, url


def test_a_reload_within_the_window_is_not_counted_again(visitor, browser_hit, article):
    browser_hit(visitor, article)
    response = browser_hit(visitor, article)
    assert json.loads(response.content)["views"] == 1
    assert COOKIE_NAME not in response.cookies
    assert site_visits() == 1


def test_a_view_counts_again_once_the_window_has_passed(visitor, browser_hit, article):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser_hit(visitor, article)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        browser_hit(visitor, article)
        assert views_of(article) == 1
    with time_machine.travel(start + dt.timedelta(minutes=60), tick=False):
        browser_hit(visitor, article)
        assert views_of(article) == 2


def test_a_visit_counts_only_after_the_window_away_from_the_site(
    visitor, browser_hit, make_article
):
    articles = [make_article(), make_article(), make_article()]
    start = timezone.now()
    # Reading a new article every 20 minutes is one long visit, three views.
    for step, article in enumerate(articles):
        with time_machine.travel(start + dt.timedelta(minutes=20 * step), tick=False):
            browser_hit(visitor, article)
    assert site_visits() == 1
    assert sum(views_of(article) for article in articles) == 3
    with time_machine.travel(start + dt.timedelta(minutes=40 + 31), tick=False):
        browser_hit(visitor)
    assert site_visits() == 2


def test_the_window_is_a_setting(visitor, browser_hit, article, settings):
    settings.COUNTERS_VIEW_WINDOW = 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser_hit(visitor, article)
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        browser_hit(visitor, article)
    assert views_of(article) == 2


def test_different_visitors_each_count(browser_hit, article):
    for _ in range(3):
        browser_hit(Client(), article)
    assert views_of(article) == 3 and site_visits() == 3


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "   ",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
    ],
)
def test_crawlers_and_empty_user_agents_are_not_counted(visitor, article, user_agent):
    response = visitor.post(
        hit_url(article), "{}", content_type="application/json", headers={"User-Agent": user_agent}
    )
    assert response.status_code == 200
    assert json.loads(response.content)["views"] == 0
    assert COOKIE_NAME not in response.cookies
    assert views_of(article) == 0 and site_visits() == 0


def test_a_request_without_a_user_agent_header_is_a_bot(visitor, article):
    visitor.post(hit_url(article), "{}", content_type="application/json")
    assert views_of(article) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Purpose": "prefetch"},
        {"Sec-Purpose": "prefetch;prerender"},
        {"Purpose": "prefetch"},
        {"X-Moz": "prefetch"},
    ],
)
def test_prefetch_requests_are_not_counted(visitor, browser_hit, article, headers):
    assert browser_hit(visitor, article, **headers).status_code == 200
    assert views_of(article) == 0 and site_visits() == 0


def test_requests_from_another_site_are_not_counted(visitor, browser_hit, article):
    browser_hit(visitor, article, **{"Sec-Fetch-Site": "cross-site"})
    assert views_of(article) == 0
    browser_hit(visitor, article, **{"Sec-Fetch-Site": "same-origin"})
    assert views_of(article) == 1


def test_anonymous_counting_skips_sessions_but_keeps_the_headers_of_every_answer(
    visitor, browser_hit, article
):
    responses = [
        browser_hit(visitor, article),
        visitor.get(pixel_url(article), headers={"User-Agent": BROWSER_UA}),
    ]
    for response in responses:
        assert response.status_code == 200
        assert not hasattr(response.wsgi_request, "session")
        # Data, not a document: the strictest policy, not the pages'.
        assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["Content-Length"] == str(len(response.content))
    assert views_of(article) == 1


def test_logged_in_staff_are_not_counted_but_see_the_numbers(browser_hit, article):
    staff = get_user_model().objects.create_user("bientap", password="x", is_staff=True)
    client = Client()
    client.force_login(staff)
    response = browser_hit(client, article)
    assert response.status_code == 200
    assert json.loads(response.content)["views"] == 0
    assert views_of(article) == 0 and site_visits() == 0


def test_head_requests_are_not_counted(visitor, article):
    headers = {"User-Agent": BROWSER_UA}
    assert visitor.head(hit_url(article), headers=headers).status_code == 405
    assert visitor.head(pixel_url(article), headers=headers).status_code == 200
    assert views_of(article) == 0 and site_visits() == 0


def test_the_admin_pages_do_not_count(admin_client, article):
    html = admin_client.get("/" + settings.ADMIN_URL_PATH).content.decode()
    assert "data-hit-url" not in html
    assert "counters.js" not in html


@pytest.mark.parametrize(
    "cookie",
    [
        "garbage",
        "",
        "0" * 32,  # a well-formed id without a signature
        "forged",
        "ü" * 50,
    ],
)
def test_a_malformed_or_forged_cookie_gets_a_new_id(visitor, browser_hit, article, cookie):
    if cookie == "forged":
        good = browser_hit(Client(), article).cookies[COOKIE_NAME].value
        cookie = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    visitor.cookies[COOKIE_NAME] = cookie
    response = browser_hit(visitor, article)
    assert response.status_code == 200
    new = response.cookies[COOKIE_NAME].value
    assert new.split(":")[0] != cookie.split(":")[0]
    assert views_of(article) == (2 if ":" in cookie else 1)


def test_a_validly_signed_cookie_that_is_not_an_id_gets_a_new_id(visitor, browser_hit, article):
    signed = HttpResponse()
    signed.set_signed_cookie(COOKIE_NAME, "z" * 32, salt=COOKIE_SALT)
    visitor.cookies[COOKIE_NAME] = signed.cookies[COOKIE_NAME].value
    response = browser_hit(visitor, article)
    assert response.status_code == 200
    assert COOKIE_NAME in response.cookies


def test_unknown_and_unpublished_articles_give_404(visitor, browser_hit, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + dt.timedelta(hours=1))
    expired = make_article(expires_at=timezone.now() - dt.timedelta(minutes=1))
    for article in (draft, scheduled, expired):
        response = browser_hit(visitor, article)
        assert response.status_code == 404
        assert "error" in json.loads(response.content)
        pixel = visitor.get(pixel_url(article), headers={"User-Agent": BROWSER_UA})
        assert pixel.status_code == 404
    for url in ["/dem/bai-viet/999999/", "/dem/bai-viet/99999999999999999999999/"]:
        response = visitor.post(url, "{}", content_type="application/json")
        assert response.status_code == 404
    assert ArticleTotal.objects.count() == 0 and site_visits() == 0


def test_a_wrong_method_on_the_json_endpoint_is_a_405(visitor, article):
    for method in ("get", "put", "delete", "patch"):
        response = getattr(visitor, method)(hit_url(article))
        assert response.status_code == 405
        assert response["Allow"] == "POST"
        assert response.json() == {"error": "Phương thức không được hỗ trợ."}


def test_counting_responses_are_never_cached(visitor, browser_hit, article):
    responses = [
        browser_hit(visitor, article),
        visitor.get(pixel_url(article), headers={"User-Agent": BROWSER_UA}),
        visitor.get(hit_url(article)),
        browser_hit(visitor, body="[]"),
    ]
    for response in responses:
        assert "no-store" in response["Cache-Control"]


def test_the_endpoint_needs_no_csrf_token(browser_hit, article):
    client = Client(enforce_csrf_checks=True)
    assert browser_hit(client, article).status_code == 200


def test_a_flood_from_one_visitor_is_limited(visitor, browser_hit, make_article, settings):
    settings.COUNTERS_FLOOD_LIMIT = 5
    articles = [make_article() for _ in range(7)]
    statuses = [browser_hit(visitor, article).status_code for article in articles]
    assert statuses == [200] * 5 + [429] * 2
    assert sum(views_of(article) for article in articles) == 5
    # Other visitors behind the same address are not limited.
    assert browser_hit(Client(), articles[-1]).status_code == 200


def test_the_flood_limit_resets_after_its_period(visitor, browser_hit, article, settings):
    settings.COUNTERS_FLOOD_LIMIT = 2
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert [browser_hit(visitor, article).status_code for _ in range(3)] == [200, 200, 429]
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        response = browser_hit(visitor, article)
        assert response.status_code == 200
        assert response.get("Retry-After") is None


def test_the_noscript_image_counts_and_sets_the_cookie(visitor, article):
    headers = {"User-Agent": BROWSER_UA}
    response = visitor.get(pixel_url(article), headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a")
    assert COOKIE_NAME in response.cookies
    visitor.get(pixel_url(article), headers=headers)
    visitor.get(pixel_url(), headers=headers)
    assert views_of(article) == 1 and site_visits() == 1


def test_the_noscript_image_does_not_count_crawlers(visitor, article):
    visitor.get(pixel_url(article), headers={"User-Agent": "Googlebot/2.1"})
    assert views_of(article) == 0


def test_daily_totals_use_the_local_date(visitor, browser_hit, article):
    # 23:30 UTC on 1 March is 06:30 on 2 March in Vietnam.
    moment = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        browser_hit(visitor, article)
    assert list(SiteDay.objects.values_list("day", "visits")) == [(dt.date(2026, 3, 2), 1)]
    assert list(ArticleDay.objects.values_list("day", "views")) == [(dt.date(2026, 3, 2), 1)]


def test_today_and_online_follow_the_clock(browser_hit, article):
    start = timezone.localtime().replace(hour=12, minute=0)
    with time_machine.travel(start, tick=False):
        browser_hit(Client(), article)
    with time_machine.travel(start + dt.timedelta(minutes=3), tick=False):
        numbers = json.loads(browser_hit(Client(), article).content)
        assert (numbers["today"], numbers["online"]) == (2, 2)
    with time_machine.travel(start + dt.timedelta(minutes=7), tick=False):
        assert selectors.live_numbers()["online"] == 1
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        assert selectors.live_numbers() == {"visits": 2, "today": 0, "online": 0}


def test_a_visitor_seen_in_several_minutes_is_online_once_until_the_window_after_the_last(
    browser_hit, article
):
    start = timezone.localtime().replace(hour=12, minute=0, second=30)
    reader = Client()
    for minutes in (0, 2, 4):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert json.loads(browser_hit(reader, article).content)["online"] == 1
    # Counted by the minute: online from 12:04 until 12:09 ends, not only until 12:09:30.
    with time_machine.travel(start + dt.timedelta(minutes=9, seconds=29), tick=False):
        assert selectors.live_numbers()["online"] == 1
    with time_machine.travel(start + dt.timedelta(minutes=9, seconds=30), tick=False):
        assert selectors.live_numbers()["online"] == 0
    assert sum(OnlineMinute.objects.values_list("visitors", flat=True)) == 1


def test_record_view_through_the_service_counts_once_per_window(article):
    visitor = uuid.uuid4()
    first = services.record_view(article=article, visitor=visitor)
    second = services.record_view(article=article, visitor=visitor)
    assert (first.new_view, first.new_visit) == (True, True)
    assert (second.new_view, second.new_visit) == (False, False)
    assert SiteTotal.objects.get().visits == 1


def test_stale_marks_are_pruned_and_fresh_ones_kept(browser_hit, article):
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(hours=2), tick=False):
        browser_hit(Client(), article)
    browser_hit(Client(), article)
    # One presence, one view mark, one minute of visitors online, one allowance.
    assert services.prune_stale_marks(now=start) == 4
    assert VisitorPresence.objects.count() == 1
    assert views_of(article) == 2


def statements(capture) -> list[str]:
    """Return the captured SQL without transaction control (SQLite shows BEGIN and COMMIT)."""
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
    return [q["sql"] for q in capture.captured_queries if not q["sql"].startswith(control)]


def python_on_postgresql() -> int:
    """Return 1 for the statement that lets a Python-path transaction skip waiting for the disk."""
    return int(connection.vendor == "postgresql")


@pytest.mark.django_db(transaction=True)
def test_a_first_view_costs_one_statement_in_the_database_function_and_ten_from_python(
    known_portals, visitor, browser_hit, article
):
    # The database function: one call of counters_record_hit. Python: article
    # lookup, the address's allowance of new visitors, presence, view mark,
    # four counter upserts, the minute online, one read (and on PostgreSQL
    # the statement that turns synchronous_commit off). A visitor known by
    # the cookie takes no allowance.
    read_portals_now()
    with CaptureQueriesContext(connection) as first:
        browser_hit(visitor, article)
    with CaptureQueriesContext(connection) as repeat:
        browser_hit(visitor, article)
    extra = python_on_postgresql()
    expected = (1, 1) if in_the_database_function() else (10 + extra, 4 + extra)
    assert (len(statements(first)), len(statements(repeat))) == expected
    assert not any(sql.startswith("UPDATE") for sql in statements(first))


@pytest.mark.django_db(transaction=True)
def test_a_visit_without_an_article_costs_one_statement_in_the_function_and_six_from_python(
    known_portals, visitor, browser_hit
):
    read_portals_now()
    with CaptureQueriesContext(connection) as first:
        browser_hit(visitor)
    with CaptureQueriesContext(connection) as repeat:
        browser_hit(visitor)
    extra = python_on_postgresql()
    expected = (1, 1) if in_the_database_function() else (6 + extra, 2 + extra)
    assert (len(statements(first)), len(statements(repeat))) == expected


@pytest.mark.django_db(transaction=True)
def test_a_crawler_costs_one_statement_in_the_function_and_two_from_python(
    known_portals, visitor, article, django_assert_num_queries
):
    read_portals_now()
    with django_assert_num_queries(1 if in_the_database_function() else 2):
        response = visitor.post(hit_url(article), "{}", content_type="application/json")
    assert json.loads(response.content) == {"views": 0, "visits": 0, "today": 0, "online": 0}


def test_pruning_now_and_then_needs_no_scheduled_job(browser_hit, article, settings):
    settings.COUNTERS_PRUNE_EVERY = 1
    with time_machine.travel(timezone.now() - dt.timedelta(hours=2), tick=False):
        browser_hit(Client(), article)
    browser_hit(Client(), article)
    assert VisitorPresence.objects.count() == 1
    assert views_of(article) == 2


def test_a_database_failure_while_counting_is_a_503_not_a_500(visitor, browser_hit, article):
    def database_down(execute, sql, params, many, context):
        if "counters_" in sql:
            raise OperationalError("the database is unreachable")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database_down):
        response = browser_hit(visitor, article)
        pixel = visitor.get(pixel_url(article), headers={"User-Agent": BROWSER_UA})
    assert response.status_code == 503
    assert "error" in json.loads(response.content)
    assert "no-store" in response["Cache-Control"]
    assert pixel.status_code == 503


def test_counts_are_spread_over_shards_and_summed_exactly(browser_hit, article, settings):
    settings.COUNTERS_SHARDS = 4
    for n in range(40):
        browser_hit(Client(REMOTE_ADDR=f"10.0.0.{n}"), article)
    shards = set(ArticleTotal.objects.values_list("shard", flat=True))
    assert len(shards) > 1 and shards <= {0, 1, 2, 3}
    assert SiteTotal.objects.count() > 1
    assert views_of(article) == 40
    assert selectors.live_numbers() == {"visits": 40, "today": 40, "online": 40}
