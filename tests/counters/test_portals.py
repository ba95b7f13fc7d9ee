"""Counters per portal: each portal's visits, today, online and statistics are its own.

Portal A is the first one (on the test client's host), B a ward added with
news.portals.add_portal on phuong-1.localhost. Every counting test runs on
each counting path the database has (the PL/pgSQL function and Python on
PostgreSQL, Python on SQLite), and the concurrency tests, on PostgreSQL, post
to both portals at once.
"""

import datetime as dt
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.sites import FIRST_SITE_ID
from counters import selectors, services
from counters.conf import COOKIE_NAME
from counters.models import ArticleDay, OnlineMinute, SiteDay, SiteTotal, VisitorPresence
from news.models import Article, Category
from news.portals import add_portal

from .conftest import BROWSER_UA, hit_url, pixel_url

pytestmark = pytest.mark.django_db

B_HOST = "phuong-1.localhost"
A = FIRST_SITE_ID


@pytest.fixture(autouse=True)
def b_host_allowed(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, B_HOST]


@pytest.fixture
def b(db) -> int:
    """Return the site id of portal B, a ward added beside the first portal."""
    return add_portal(domain=B_HOST, name="Cổng Phường 1").pk


@pytest.fixture
def article_b(b):
    """Return a public article of portal B."""
    return Article.objects.create(
        site_id=b,
        category=Category.objects.filter(site_id=b).first(),
        title="Bài viết của Phường 1",
        lead="Tóm tắt.",
        body="<p>Nội dung.</p>",
        byline="Kim Ngân",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=1),
    )


def on_a() -> Client:
    """Return a fresh browser on portal A."""
    return Client()


def on_b() -> Client:
    """Return a fresh browser on portal B."""
    return Client(HTTP_HOST=B_HOST)


def count(client: Client, article=None, **headers) -> dict:
    """POST {} to the counting URL as a browser; return the live numbers it answered."""
    response = client.post(
        hit_url(article),
        "{}",
        content_type="application/json",
        headers={"User-Agent": BROWSER_UA, **headers},
    )
    assert response.status_code == 200, response.content
    return response.json()


def numbers(visits, today, online, **views) -> dict:
    return {"visits": visits, "today": today, "online": online, **views}


@pytest.mark.usefixtures("counting_path")
def test_visits_counted_on_one_portal_are_not_on_the_others(b):
    assert count(on_a()) == numbers(1, 1, 1)
    assert count(on_a()) == numbers(2, 2, 2)
    # B has counted nothing yet: A's visits are not its own.
    assert count(on_b()) == numbers(1, 1, 1)
    assert count(on_a()) == numbers(3, 3, 3)
    assert count(on_b()) == numbers(2, 2, 2)
    assert selectors.live_numbers(site_id=A) == numbers(3, 3, 3)
    assert selectors.live_numbers(site_id=b) == numbers(2, 2, 2)
    # Outside a request the portal is the first one.
    assert selectors.live_numbers() == numbers(3, 3, 3)
    assert dict(SiteTotal.objects.values_list("site").annotate(n=Sum("visits"))) == {A: 3, b: 2}
    assert dict(SiteDay.objects.values_list("site").annotate(n=Sum("visits"))) == {A: 3, b: 2}


@pytest.mark.usefixtures("counting_path")
def test_the_same_visitor_cookie_makes_one_visit_on_each_portal(b):
    browser = on_a()
    assert count(browser) == numbers(1, 1, 1)
    cookie = browser.cookies[COOKIE_NAME].value
    # The same cookie on B (a shared cookie domain, say): a visit of B too.
    ward = on_b()
    ward.cookies[COOKIE_NAME] = cookie
    assert count(ward) == numbers(1, 1, 1)
    # Back and forth within the window: no new visit on either.
    assert count(browser) == numbers(1, 1, 1)
    assert count(ward) == numbers(1, 1, 1)
    assert VisitorPresence.objects.filter(site_id=A).count() == 1
    assert VisitorPresence.objects.filter(site_id=b).count() == 1
    assert VisitorPresence.objects.values("visitor").distinct().count() == 1


@pytest.mark.usefixtures("counting_path")
def test_a_return_after_the_window_is_a_new_visit_of_that_portal_only(b):
    visitor = uuid.uuid4()
    start = timezone.now()
    services.record_visit(visitor=visitor, now=start, site_id=A)
    services.record_visit(visitor=visitor, now=start, site_id=b)
    later = start + dt.timedelta(hours=1)
    hit = services.record_visit(visitor=visitor, now=later, site_id=b)
    assert hit.new_visit
    assert hit.numbers["visits"] == 2
    assert selectors.live_numbers(site_id=A, now=later)["visits"] == 1


@pytest.mark.usefixtures("counting_path")
def test_visitors_online_are_per_portal(b):
    start = timezone.now().replace(second=5, microsecond=0)
    first, second, third = (uuid.uuid4() for _ in range(3))
    services.record_visit(visitor=first, now=start, site_id=A)
    services.record_visit(visitor=second, now=start, site_id=b)
    services.record_visit(visitor=third, now=start, site_id=b)
    assert selectors.live_numbers(site_id=A, now=start)["online"] == 1
    assert selectors.live_numbers(site_id=b, now=start)["online"] == 2
    # The first visitor moves on to B two minutes later: still online on A
    # (seen 2 minutes ago), and now on B as well.
    later = start + dt.timedelta(minutes=2)
    assert services.record_visit(visitor=first, now=later, site_id=b).numbers["online"] == 3
    assert selectors.live_numbers(site_id=A, now=later)["online"] == 1
    # Seen again on A: moved from A's earlier minute to this one, still one.
    assert services.record_visit(visitor=first, now=later, site_id=A).numbers["online"] == 1
    assert dict(
        OnlineMinute.objects.filter(minute=start.replace(second=0))
        .values_list("site")
        .annotate(n=Sum("visitors"))
    ) == {A: 0, b: 2}
    # Past the window, nobody is online on either.
    gone = later + dt.timedelta(minutes=10)
    assert selectors.live_numbers(site_id=A, now=gone)["online"] == 0
    assert selectors.live_numbers(site_id=b, now=gone)["online"] == 0


@pytest.mark.usefixtures("counting_path")
def test_an_articles_views_and_its_portals_visits_are_counted_on_its_portal(b, article, article_b):
    assert count(on_b(), article_b) == numbers(1, 1, 1, views=1)
    assert count(on_a(), article) == numbers(1, 1, 1, views=1)
    assert count(on_b(), article_b) == numbers(2, 2, 2, views=2)
    # An article of the other portal is no article here, and counts nothing.
    for client, other in ((on_a(), article_b), (on_b(), article)):
        response = client.post(
            hit_url(other), "{}", content_type="application/json", HTTP_USER_AGENT=BROWSER_UA
        )
        assert response.status_code == 404
        assert client.get(pixel_url(other), HTTP_USER_AGENT=BROWSER_UA).status_code == 404
    assert selectors.live_numbers(site_id=A) == numbers(1, 1, 1)
    assert selectors.live_numbers(site_id=b) == numbers(2, 2, 2)
    assert selectors.article_views(article_b.pk) == 2


@pytest.mark.usefixtures("counting_path")
def test_each_portals_pages_show_its_own_visit_block(b):
    for _ in range(3):
        count(on_a())
    count(on_b())
    assert 'aria-label="Số lượt truy cập: 3"' in on_a().get("/").content.decode()
    assert 'aria-label="Số lượt truy cập: 1"' in on_b().get("/").content.decode()


@pytest.mark.usefixtures("counting_path")
def test_flood_limits_are_per_portal(b, settings):
    settings.COUNTERS_FLOOD_LIMIT = 2
    visitor = uuid.uuid4()
    now = timezone.now()
    assert not services.record_visit(visitor=visitor, now=now, site_id=A).flooded
    assert not services.record_visit(visitor=visitor, now=now, site_id=A).flooded
    assert services.record_visit(visitor=visitor, now=now, site_id=A).flooded
    # Reading B does not spend the visitor's requests on A, nor the other way.
    assert not services.record_visit(visitor=visitor, now=now, site_id=b).flooded


def superuser_client(django_user_model) -> tuple[Client, Client]:
    user = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x")
    clients = (Client(), Client(HTTP_HOST=B_HOST))
    for client in clients:
        client.force_login(user)
    return clients


def test_the_statistics_page_shows_the_portal_of_its_address(
    b, article, article_b, django_user_model
):
    today = timezone.localdate()
    SiteTotal.objects.create(site_id=A, shard=0, visits=500)
    SiteTotal.objects.create(site_id=b, shard=0, visits=70)
    SiteDay.objects.create(site_id=A, day=today, visits=40)
    SiteDay.objects.create(site_id=b, day=today, visits=4)
    SiteDay.objects.create(site_id=b, day=today - dt.timedelta(days=1), visits=6)
    ArticleDay.objects.create(article=article, day=today, views=11)
    ArticleDay.objects.create(article=article_b, day=today, views=3)
    on_a_admin, on_b_admin = superuser_client(django_user_model)
    url = reverse("admin:counters_statistics_changelist")
    page_a, page_b = on_a_admin.get(url), on_b_admin.get(url)
    assert page_a.status_code == page_b.status_code == 200
    assert page_a.context["numbers"] == numbers(500, 40, 0)
    assert page_b.context["numbers"] == numbers(70, 4, 0)
    assert page_a.context["views_in_period"] == 11
    assert page_b.context["views_in_period"] == 3
    assert [a.pk for a in page_b.context["most_read"]] == [article_b.pk]
    # The charts: A's 40 today, B's 4 today and 6 yesterday, nothing of the other's.
    assert selectors.daily_visits(site_id=b, days=2, today=today) == [
        (today - dt.timedelta(days=1), 6),
        (today, 4),
    ]
    assert selectors.daily_visits(site_id=A, days=2, today=today)[-1] == (today, 40)
    day = f"{today:%d/%m/%Y}"
    html_a, html_b = page_a.content.decode(), page_b.content.decode()
    assert f"{day}: 40 lượt</title>" in html_a
    assert f"{day}: 4 lượt</title>" in html_b
    assert ": 40 lượt</title>" not in html_b


def test_a_correction_sets_the_total_of_the_portal_of_its_address(b, django_user_model):
    SiteTotal.objects.create(site_id=A, shard=3, visits=500)
    SiteTotal.objects.create(site_id=b, shard=3, visits=70)
    _on_a_admin, on_b_admin = superuser_client(django_user_model)
    response = on_b_admin.post(
        reverse("admin:counters_statistics_correct"), {"article": "", "total": "1234"}
    )
    assert response.status_code == 302
    assert selectors.live_numbers(site_id=b)["visits"] == 1234
    assert selectors.live_numbers(site_id=A)["visits"] == 500


def import_counts(tmp_path, text: str, *args) -> str:
    path = tmp_path / "counts.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_counts", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_counts_sets_the_totals_of_the_portal_it_names(tmp_path, b, article, article_b):
    SiteTotal.objects.create(site_id=A, shard=0, visits=500)
    text = f"kind,article,count\nsite,,9000\nslug,{article_b.slug},77\n"
    assert "Imported site visits = 9000" in import_counts(tmp_path, text, "--site", B_HOST)
    assert selectors.live_numbers(site_id=b)["visits"] == 9000
    assert selectors.live_numbers(site_id=A)["visits"] == 500
    assert selectors.article_views(article_b.pk) == 77
    # Without --site, the first portal; B's article is none of its own.
    with pytest.raises(CommandError, match="no article with slug"):
        import_counts(tmp_path, text)
    import_counts(tmp_path, "kind,article,count\nsite,,600\n")
    assert selectors.live_numbers(site_id=A)["visits"] == 600
    assert selectors.live_numbers(site_id=b)["visits"] == 9000
    # An id of another portal is unknown too.
    with pytest.raises(CommandError, match="no article with id"):
        import_counts(tmp_path, f"kind,article,count\nid,{article.pk},5\n", "--site", B_HOST)


def test_import_counts_refuses_an_unknown_portal(tmp_path, b):
    with pytest.raises(CommandError, match=r"No portal has the domain 'phuong-9\.localhost'"):
        import_counts(tmp_path, "kind,article,count\nsite,,9000\n", "--site", "phuong-9.localhost")
    assert not SiteTotal.objects.exists()


def test_a_deleted_portal_takes_its_counts_with_it(b):
    services.record_visit(visitor=uuid.uuid4(), site_id=b)
    services.record_visit(visitor=uuid.uuid4(), site_id=A)
    from django.contrib.sites.models import Site

    Article.objects.filter(site_id=b).delete()
    Category.objects.filter(site_id=b).delete()
    Site.objects.filter(pk=b).delete()
    for model in (SiteTotal, SiteDay, OnlineMinute, VisitorPresence):
        assert set(model.objects.values_list("site", flat=True)) == {A}, model


# Concurrency: on PostgreSQL, threads posting to both portals at once.

CONCURRENT = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def post_from_thread(host: str | None, article=None, *, address: str, cookie=None) -> dict:
    """POST {} through the whole stack (middleware, view, counting) from a thread of its own."""
    client = Client(HTTP_HOST=host) if host else Client()
    if cookie:
        client.cookies[COOKIE_NAME] = cookie
    response = client.post(
        hit_url(article),
        "{}",
        content_type="application/json",
        HTTP_USER_AGENT=BROWSER_UA,
        REMOTE_ADDR=address,
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.usefixtures("counting_path")
@CONCURRENT[0]
@CONCURRENT[1]
def test_80_new_visitors_on_two_portals_at_once_count_exactly_on_each(b, article, article_b):
    from .test_concurrency import run_together

    def work(index):
        # Half on each portal, each reader from an address of their own.
        host, read = (None, article) if index % 2 == 0 else (B_HOST, article_b)
        return post_from_thread(host, read, address=f"10.0.{index // 250}.{index % 250}")

    # Through the whole stack: as many at once as the connection pool's 8
    # connections serve within its 2 seconds on a loaded machine (the 400
    # simultaneous hits below go straight to the counting).
    answers = run_together(80, work)
    assert all(1 <= answer["visits"] <= 40 for answer in answers)
    assert selectors.live_numbers(site_id=A) == numbers(40, 40, 40)
    assert selectors.live_numbers(site_id=b) == numbers(40, 40, 40)
    assert selectors.article_views(article.pk) == 40
    assert selectors.article_views(article_b.pk) == 40


@pytest.mark.usefixtures("counting_path")
@CONCURRENT[0]
@CONCURRENT[1]
def test_one_visitor_on_two_portals_in_60_simultaneous_requests_is_one_visit_on_each(b, settings):
    from .test_concurrency import run_together

    settings.COUNTERS_FLOOD_LIMIT = 1000
    browser = on_a()
    count(browser)
    cookie = browser.cookies[COOKIE_NAME].value
    run_together(
        60,
        lambda index: post_from_thread(
            None if index % 2 == 0 else B_HOST, address="192.0.2.7", cookie=cookie
        ),
    )
    assert selectors.live_numbers(site_id=A) == numbers(1, 1, 1)
    assert selectors.live_numbers(site_id=b) == numbers(1, 1, 1)
    assert VisitorPresence.objects.count() == 2


@pytest.mark.usefixtures("counting_path")
@CONCURRENT[0]
@CONCURRENT[1]
def test_threads_counting_for_two_portals_at_once_add_exactly_on_each(b):
    from .test_concurrency import run_together

    visitors = [uuid.uuid4() for _ in range(200)]
    now = timezone.now()
    # Each visitor reads both portals, half A first and half B first.
    hits = run_together(
        400,
        lambda index: services.record_visit(
            visitor=visitors[index // 2], now=now, site_id=(A, b)[(index + index // 2) % 2]
        ),
    )
    assert all(hit.new_visit for hit in hits)
    assert selectors.live_numbers(site_id=A, now=now) == numbers(200, 200, 200)
    assert selectors.live_numbers(site_id=b, now=now) == numbers(200, 200, 200)
