"""A database of the single-portal days migrates into the first portal with nothing lost."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)

# The last migrations before portals existed.
BEFORE = [("news", "0011_article_image_renditions"), ("portals", None), ("sites", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(nodes).apps


@pytest.fixture
def back_to_the_latest():
    """Leave the database fully migrated whatever happens, for the tests that follow."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_single_portal_database_moves_into_the_first_portal(settings, back_to_the_latest):
    old = migrate(BEFORE)
    category = old.get_model("news", "Category").objects.create(
        name="Thông báo", slug="thong-bao", order=1
    )
    article = old.get_model("news", "Article").objects.create(
        title="Bài từ trước khi có nhiều cổng",
        slug="bai-tu-truoc",
        lead="Sapo",
        body="<p>Nội dung</p>",
        byline="Kim Ngân",
        category_id=category.pk,
        status="published",
        published_at=dt.datetime(2018, 4, 18, 2, 30, tzinfo=dt.UTC),
    )
    old.get_model("news", "Link").objects.create(title="Chính phủ", url="https://chinhphu.vn/")
    old.get_model("news", "Album").objects.create(title="Lễ hội", slug="le-hoi")
    user = old.get_model("auth", "User").objects.create(username="bientap", is_staff=True)
    old.get_model("auth", "User").objects.create(username="docgia", is_staff=False)

    executor = MigrationExecutor(connection)
    new = migrate(executor.loader.graph.leaf_nodes())

    Portal = new.get_model("portals", "Portal")
    first = Portal.objects.get()
    assert first.pk == 1
    assert first.name == settings.PORTAL_NAME
    for model in ("Category", "Article", "Link", "Album"):
        rows = new.get_model("news", model).objects.all()
        assert rows.count() == 1
        assert rows.get().site_id == 1, model
    assert list(first.staff.values_list("username", flat=True)) == [user.username]
    # And the site answers as before, on the names it was allowed to answer on.
    from portals.selectors import forget_portals

    forget_portals()
    page = Client().get(f"/tin-tuc/{article.slug}/")
    assert page.status_code == 200
    assert "Bài từ trước khi có nhiều cổng" in page.content.decode()
    # A new portal's Site gets an id of its own (the first one's was given, not drawn).
    Site = new.get_model("sites", "Site")
    assert Site.objects.create(domain="phuong-1.localhost", name="P1").pk != 1
