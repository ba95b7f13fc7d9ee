"""The admin of two portals: each role sees and changes only the portal of the host it opens."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from counters.models import ArticleDay
from news.models import Album, Article, Category, Link
from news.portals import add_portal
from news.services import Action
from portals.models import Portal
from tests.news.conftest import APPROVERS, EDITORS, ensure_roles

pytestmark = pytest.mark.django_db

B_HOST = "phuong-1.localhost"
MODELS = {"article": Article, "category": Category, "album": Album, "link": Link}


@pytest.fixture(autouse=True)
def b_host_allowed(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, B_HOST]


@pytest.fixture
def portals(db):
    """Return portal A (the first one) and B, each with a marked row of every kind."""
    a = Portal.objects.get(pk=1)
    b = add_portal(domain=B_HOST, name="Cổng Phường 1")
    for portal, mark in ((a, "AAA"), (b, "BBB")):
        category = Category.objects.create(
            site_id=portal.pk, name=f"Chuyên mục {mark}", slug=f"chuyen-muc-{mark.lower()}"
        )
        Article.objects.create(
            site_id=portal.pk,
            category=category,
            title=f"Bài viết {mark}",
            slug=f"bai-viet-{mark.lower()}",
            lead="Tóm tắt.",
            body="<p>Nội dung.</p>",
            byline="Kim Ngân",
            status=Article.Status.PENDING,
            published_at=timezone.now() - dt.timedelta(hours=1),
        )
        Album.objects.create(site_id=portal.pk, title=f"Album {mark}", slug=f"album-{mark.lower()}")
        Link.objects.create(site_id=portal.pk, title=f"Liên kết {mark}", url="https://x.vn/")
    return a, b


def member(username, *groups, portals=(), superuser=False):
    ensure_roles()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username, password=None, is_staff=True, is_superuser=superuser
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    # Set explicitly: the tests' own fixture makes every new staff account one of portal 1's.
    user.portals.set(portals)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_a(portals):
    return member("bientap_a", EDITORS, portals=[portals[0]])


@pytest.fixture
def approver_b(portals):
    return member("duyet_b", APPROVERS, portals=[portals[1]])


@pytest.fixture
def superuser(portals):
    return member("quantri", superuser=True)


def host(portal) -> dict:
    return {} if portal.pk == 1 else {"HTTP_HOST": B_HOST}


def row(model, mark):
    title = "name" if model is Category else "title"
    return model.objects.get(**{f"{title}__endswith": mark})


# Editors and approvers see articles and categories (their groups' permissions); superusers all.
EDITORIAL = ["article", "category"]
CASES = [
    *[("editor_a", 0, name) for name in EDITORIAL],
    *[("approver_b", 1, name) for name in EDITORIAL],
    *[("superuser", index, name) for index in (0, 1) for name in MODELS],
]


def roles():
    # (client fixture, the portal index it works on)
    return [("editor_a", 0), ("approver_b", 1), ("superuser", 0), ("superuser", 1)]


@pytest.mark.parametrize(("role", "index", "name"), CASES)
def test_lists_show_only_the_host_portals_rows(request, portals, role, index, name):
    client, portal = request.getfixturevalue(role), portals[index]
    mine, theirs = ("AAA", "BBB") if index == 0 else ("BBB", "AAA")
    response = client.get(reverse(f"admin:news_{name}_changelist"), **host(portal))
    assert response.status_code == 200
    html = response.content.decode()
    assert mine in html
    # Not in the rows, the filters (categories, creators) nor anywhere else.
    assert theirs not in html


@pytest.mark.parametrize(("role", "index", "name"), CASES)
def test_another_portals_rows_are_not_found(request, portals, role, index, name):
    client, portal = request.getfixturevalue(role), portals[index]
    theirs = row(MODELS[name], "BBB" if index == 0 else "AAA")
    for view in ("change", "history", "delete"):
        response = client.get(
            reverse(f"admin:news_{name}_{view}", args=[theirs.pk]), **host(portal)
        )
        # Django's answer to an id it does not know (back to the index), or no permission.
        assert response.status_code in (302, 403, 404), view
        if response.status_code == 302:
            assert response["Location"] == reverse("admin:index")
        assert str(theirs).encode() not in response.content


@pytest.mark.parametrize(("role", "index"), roles())
def test_another_portals_article_history_and_versions_answer_404(request, portals, role, index):
    client, portal = request.getfixturevalue(role), portals[index]
    theirs = row(Article, "BBB" if index == 0 else "AAA")
    record = theirs.history.first()
    # simple_history's own history page would show a row it cannot find through its records.
    assert (
        client.get(reverse("admin:news_article_history", args=[theirs.pk]), **host(portal))
    ).status_code == 404
    version = reverse("admin:news_article_simple_history", args=[theirs.pk, record.history_id])
    assert client.get(version, **host(portal)).status_code == 404
    assert client.post(version, {"title": "x"}, **host(portal)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.title.startswith("Bài viết")


def article_form(category_pk, **fields):
    data = {
        "title": "Bài viết mới",
        "slug": "",
        "category": category_pk,
        "lead": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "byline": "Kim Ngân",
        "source": "",
        "image_alt": "",
        # Read by approvers only: an editor's article gets its date when published.
        "published_at_0": f"{timezone.localdate():%d/%m/%Y}",
        "published_at_1": "08:00:00",
        "expires_at_0": "",
        "expires_at_1": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "_action": Action.SAVE_DRAFT,
    }
    data.update(fields)
    return data


def test_a_crafted_post_naming_another_portals_category_is_refused(portals, editor_a):
    b_category = row(Category, "BBB")
    before = Article.objects.count()
    response = editor_a.post(
        reverse("admin:news_article_add"),
        article_form(b_category.pk, title="Bài viết lén CCC"),
    )
    assert response.status_code == 200
    assert "category" in response.context["adminform"].form.errors
    assert Article.objects.count() == before
    listing = editor_a.get(reverse("admin:news_article_changelist")).content.decode()
    assert "CCC" not in listing


def test_a_crafted_change_of_another_portals_article_changes_nothing(portals, editor_a):
    theirs = row(Article, "BBB")
    response = editor_a.post(
        reverse("admin:news_article_change", args=[theirs.pk]),
        article_form(row(Category, "AAA").pk, title="Đổi tên"),
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title == "Bài viết BBB"
    assert theirs.site_id == portals[1].pk


def test_bulk_actions_touch_only_the_host_portals_articles(portals, approver_b):
    theirs, mine = row(Article, "AAA"), row(Article, "BBB")
    approver_b.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_selected", "_selected_action": [theirs.pk, mine.pk], "index": 0},
        HTTP_HOST=B_HOST,
    )
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.status == Article.Status.PENDING
    assert mine.status == Article.Status.PUBLISHED


def test_staff_of_one_portal_is_refused_on_anothers_host(portals, editor_a):
    for url in (
        reverse("admin:index"),
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_change", args=[row(Article, "BBB").pk]),
        reverse("admin:counters_statistics_changelist"),
    ):
        response = editor_a.get(url, HTTP_HOST=B_HOST)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    # The log-in page says who they are, and shows nothing of the portal's content.
    login = editor_a.get(reverse("admin:login"), HTTP_HOST=B_HOST)
    assert login.status_code == 200
    assert "bientap_a" in login.content.decode()
    assert "BBB" not in login.content.decode()
    # Nor may they post a new article or upload the editor's images there.
    before = Article.objects.count()
    response = editor_a.post(
        reverse("admin:news_article_add"),
        article_form(row(Category, "BBB").pk),
        HTTP_HOST=B_HOST,
    )
    assert response.status_code == 302
    assert Article.objects.count() == before
    upload = editor_a.post(reverse("news:editor_image_upload"), {}, HTTP_HOST=B_HOST)
    assert upload.status_code == 403


def test_a_new_article_saved_on_a_host_belongs_to_its_portal(portals, approver_b):
    response = approver_b.post(
        reverse("admin:news_article_add"),
        article_form(row(Category, "BBB").pk, title="Tin phường mới"),
        HTTP_HOST=B_HOST,
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="Tin phường mới")
    assert article.site_id == portals[1].pk


def add_form(name, slug):
    if name == "article":
        return article_form(row(Category, "AAA").pk, slug=slug)
    if name == "category":
        return {"name": "Chuyên mục mới", "slug": slug, "order": 0, "description": ""}
    return {
        "title": "Album mới",
        "slug": slug,
        "date": "2026-01-02",
        "description": "",
        "order": 0,
        "published": "on",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize("name", ["article", "category", "album"])
def test_a_slug_taken_in_the_portal_is_a_form_error_and_free_on_another(portals, superuser, name):
    model = MODELS[name]
    taken = row(model, "AAA").slug
    before = model.objects.count()
    response = superuser.post(reverse(f"admin:news_{name}_add"), add_form(name, taken))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "đã được dùng" in str(errors["slug"])
    assert model.objects.count() == before

    # The same slug on portal B, whose rows have other slugs, is fine.
    if name == "article":
        data = article_form(row(Category, "BBB").pk, slug=taken)
    else:
        data = add_form(name, taken)
    response = superuser.post(reverse(f"admin:news_{name}_add"), data, HTTP_HOST=B_HOST)
    assert response.status_code == 302
    made = model.objects.get(site_id=portals[1].pk, slug=taken)
    assert made.site_id == portals[1].pk


def test_changing_a_slug_to_one_taken_in_the_portal_is_a_form_error(portals, superuser):
    category = Category.objects.create(site_id=1, name="Khác", slug="khac")
    response = superuser.post(
        reverse("admin:news_category_change", args=[category.pk]),
        {"name": "Khác", "slug": "chuyen-muc-aaa", "order": 0, "description": ""},
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_the_index_names_the_portal_and_the_users_other_portals(portals, superuser, editor_a):
    html = superuser.get(reverse("admin:index")).content.decode()
    assert "Bạn đang quản trị" in html
    assert "Cổng khác" in html
    assert f"http://{B_HOST}{reverse('admin:index')}" in html
    html = superuser.get(reverse("admin:index"), HTTP_HOST=B_HOST).content.decode()
    assert "Cổng Phường 1" in html
    # An editor of one portal has no other to switch to.
    html = editor_a.get(reverse("admin:index")).content.decode()
    assert "Cổng khác" not in html
    assert B_HOST not in html


def test_staff_of_two_portals_see_the_other_in_the_list(portals):
    client = member("hai_cong", EDITORS, portals=list(portals))
    html = client.get(reverse("admin:index"), HTTP_HOST=B_HOST).content.decode()
    assert "Cổng khác" in html
    assert reverse("admin:index") in html


def test_only_superusers_manage_portals(portals, editor_a, superuser):
    changelist = reverse("admin:portals_portal_changelist")
    assert editor_a.get(changelist).status_code == 403
    change = reverse("admin:portals_portal_change", args=[portals[1].pk])
    assert editor_a.get(change).status_code == 403
    assert changelist not in editor_a.get(reverse("admin:index")).content.decode()
    assert superuser.get(changelist).status_code == 200
    assert superuser.get(change).status_code == 200


def test_statistics_show_the_host_portals_most_read(portals, approver_b):
    today = timezone.localdate()
    for mark in ("AAA", "BBB"):
        ArticleDay.objects.create(article=row(Article, mark), day=today, views=5)
        Article.objects.filter(pk=row(Article, mark).pk).update(status=Article.Status.PUBLISHED)
    response = approver_b.get(reverse("admin:counters_statistics_changelist"), HTTP_HOST=B_HOST)
    assert response.status_code == 200
    titles = [article.title for article in response.context["most_read"]]
    assert titles == ["Bài viết BBB"]


def test_existing_staff_become_staff_of_the_first_portal(db, django_user_model):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("portals.migrations.0003_staff_of_the_first_portal")
    staff = django_user_model.objects.create_user("cu", password=None, is_staff=True)
    reader = django_user_model.objects.create_user("docgia", password=None)
    Portal.objects.get(pk=1).staff.clear()
    migration.staff_to_first_portal(apps, None)
    assert list(Portal.objects.get(pk=1).staff.all()) == [staff]
    assert not reader.portals.exists()


def test_view_on_site_redirects_for_the_host_portals_rows_only(portals, superuser):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Article)
    mine, theirs = row(Article, "AAA"), row(Article, "BBB")
    url = "admin:view_on_site"
    response = superuser.get(reverse(url, args=[content_type.pk, mine.pk]))
    assert response.status_code == 302
    assert mine.slug in response["Location"]
    response = superuser.get(reverse(url, args=[content_type.pk, theirs.pk]))
    assert response.status_code == 404
    assert superuser.get(reverse(url, args=[content_type.pk, "khong-phai-so"])).status_code == 404


def portal_form(portal, names, **fields):
    hosts = list(portal.host_names.order_by("pk"))
    data = {
        "name": portal.name,
        "agency": portal.agency,
        "address": "",
        "hotline": "",
        "email": "",
        "logo": portal.logo,
        "colour": "",
        "host_names-TOTAL_FORMS": str(len(names)),
        "host_names-INITIAL_FORMS": str(len(hosts)),
        "host_names-MIN_NUM_FORMS": "0",
        "host_names-MAX_NUM_FORMS": "1000",
    }
    for number, name in enumerate(names):
        data[f"host_names-{number}-name"] = name
        data[f"host_names-{number}-portal"] = portal.pk
        if number < len(hosts):
            data[f"host_names-{number}-id"] = hosts[number].pk
    data.update(fields)
    return data


def test_a_superuser_gives_a_portal_its_staff_and_host_names(portals, superuser, django_user_model):
    b = portals[1]
    user = django_user_model.objects.create_user("moi", password=None, is_staff=True)
    change = reverse("admin:portals_portal_change", args=[b.pk])
    response = superuser.post(
        change, portal_form(b, [B_HOST, "p1.localhost"], staff=[user.pk], hotline="0291")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    b.refresh_from_db()
    assert b.hotline == "0291"
    assert list(b.staff.all()) == [user]
    assert sorted(b.host_names.values_list("name", flat=True)) == ["p1.localhost", B_HOST]
    # The name links use stays.
    response = superuser.post(change, portal_form(b, ["khac.localhost", "p1.localhost"]))
    assert response.status_code == 200
    assert B_HOST in b.host_names.values_list("name", flat=True)


def test_a_crafted_inline_naming_another_portals_attachment_changes_nothing(portals, superuser):
    from tests.news.test_attachments import attach, pdf_bytes

    mine, theirs = row(Article, "AAA"), row(Article, "BBB")
    Article.objects.filter(pk=mine.pk).update(status=Article.Status.DRAFT)
    theirs_file = attach(theirs, "Của phường.pdf", pdf_bytes())
    data = article_form(row(Category, "AAA").pk, title=mine.title, slug=mine.slug)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": theirs_file.pk,
            "attachments-0-article": mine.pk,
            "attachments-0-file": "",
            "attachments-0-title": "Đổi tên lén",
            "attachments-0-order": "0",
        }
    )
    response = superuser.post(reverse("admin:news_article_change", args=[mine.pk]), data)
    assert response.status_code == 200
    theirs_file.refresh_from_db()
    assert theirs_file.article_id == theirs.pk
    assert theirs_file.title != "Đổi tên lén"


def test_the_pending_count_on_the_admin_index_counts_the_host_portals_articles(
    settings, django_user_model, make_article
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "phuong-3.localhost"]
    ward = add_portal(domain="phuong-3.localhost", name="Cổng Phường 3")
    ensure_roles()
    approver = django_user_model.objects.create_user("duyet-p3", password="x", is_staff=True)
    approver.groups.add(Group.objects.get(name="Người duyệt"))
    approver.portals.set([ward])
    make_article(status=Article.Status.PENDING)
    make_article(status=Article.Status.PENDING)
    make_article(
        site_id=ward.pk,
        category=Category.objects.get(site_id=ward.pk, order=1),
        status=Article.Status.PENDING,
    )
    client = Client(HTTP_HOST="phuong-3.localhost")
    client.force_login(approver)
    index = client.get(f"/{settings.ADMIN_URL_PATH}").content.decode()
    assert "Chờ duyệt: 1</a>" in index
