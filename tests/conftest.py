"""Fixtures shared by the whole suite."""

import datetime as dt

import pytest
from django.utils import timezone

from news.models import Article, Category

VN = dt.timezone(dt.timedelta(hours=7))


def pytest_collection_modifyitems(config, items):
    """Leave out the PostgreSQL-only tests when the suite runs on another database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if not item.get_closest_marker("postgresql")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploaded files of a test in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NEWS_ATTACHMENT_ROOT = tmp_path / "attachments"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache so that no page is served from an earlier test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def change_portal(site_id: int = 1, **fields):
    """Change a portal's identity as its admin does: save its row (pages follow at once)."""
    from portals.models import Portal

    portal = Portal.objects.get(pk=site_id)
    for name, value in fields.items():
        setattr(portal, name, value)
    portal.save()
    return portal


@pytest.fixture(autouse=True)
def forget_known_portals():
    """Read the portals afresh in every test: the map kept by the process must not
    outlive the rollback of the test that filled it."""
    from portals.selectors import forget_portals

    forget_portals()
    yield
    forget_portals()


@pytest.fixture(autouse=True)
def staff_of_the_first_portal():
    """Make every staff account a test creates one of the first portal's staff, as the
    migration made those of a single-portal installation: the admin lets staff in on
    their own portals only. Tests of other portals set a user's portals themselves."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    def join_first_portal(sender, instance, created, raw=False, **kwargs):
        if created and instance.is_staff and not raw:
            from portals.models import Portal

            portal = Portal.objects.filter(pk=1).first()
            if portal is not None:
                portal.staff.add(instance)

    user_model = get_user_model()
    post_save.connect(join_first_portal, sender=user_model, dispatch_uid="staff-first-portal")
    yield
    post_save.disconnect(sender=user_model, dispatch_uid="staff-first-portal")


@pytest.fixture
def known_portals(db, monkeypatch):
    """Have the portals read as a serving process keeps them between requests.

    A process reads its host names and profiles once per HOSTS_SECONDS, not
    per request: a test counting a request's queries counts them with the
    portals known, and however long it lasts the map is not read again
    (a change to a portal still makes it read afresh).
    """
    from portals import selectors

    monkeypatch.setattr(selectors, "HOSTS_SECONDS", 3600)
    selectors.forget_portals()
    assert selectors.all_profiles()


@pytest.fixture
def category(db):
    return Category.objects.create(name="Tin tức về cải cách Thủ tục hành chính", order=1)


@pytest.fixture
def make_article(db, category):
    """Return a factory of articles; published an hour ago unless told otherwise."""

    def make(**fields):
        fields.setdefault("title", f"Bài viết {Article.objects.count() + 1}")
        fields.setdefault("lead", "Tóm tắt bài viết.")
        fields.setdefault("body", "<p>Nội dung bài viết.</p>")
        fields.setdefault("byline", "Kim Ngân")
        fields.setdefault("category", category)
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - dt.timedelta(hours=1))
        article = Article(**fields)
        article.save()
        return article

    return make


@pytest.fixture
def article(make_article):
    return make_article(
        title="Triển khai Kế hoạch tuyên truyền công tác cải cách hành chính (CCHC) năm 2018",
        lead="Ngày 16/4, UBND thành phố ban hành kế hoạch tuyên truyền.",
        published_at=dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN),
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Close PostgreSQL connection pools before the test database is dropped."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            connection.close()
            if getattr(connection, "pool", None) is not None:
                connection.close_pool()
