"""Shared news: a ward's approver shows a city article on the ward portal, by choice only."""

import pytest
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from news.models import Article, Category
from news.portals import add_portal
from news.services import republish_article, unpublish_article
from tests.news.conftest import make_staff

pytestmark = pytest.mark.django_db

WARD = "phuong-1.localhost"


@pytest.fixture
def ward(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, WARD]
    return add_portal(domain=WARD, name="Cổng thông tin điện tử Phường 1")


@pytest.fixture
def ward_approver(ward, django_user_model):
    user = make_staff(django_user_model, "duyet-phuong", "Người duyệt")
    user.portals.set([ward])
    return user


@pytest.fixture
def ward_category(ward):
    return Category.objects.get(site_id=ward.pk, order=1)


def test_a_city_article_is_on_the_ward_portal_only_once_its_approver_shares_it(
    article, ward, ward_approver, ward_category
):
    ward_client = Client(HTTP_HOST=WARD)
    assert article.title not in ward_client.get("/").content.decode()
    copy = republish_article(
        article=article, site_id=ward.pk, category=ward_category, user=ward_approver
    )
    home = ward_client.get("/").content.decode()
    assert article.title in home
    page = ward_client.get(copy.get_absolute_url()).content.decode()
    original = f"http://{Site.objects.get(pk=article.site_id).domain}{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{original}">' in page
    assert f'Nguồn: <a href="{original}">' in page
    assert "Bạc Liêu" in page
    # The city's own page is unchanged, and its canonical is itself.
    city = Client().get(article.get_absolute_url()).content.decode()
    assert f'href="http://testserver{article.get_absolute_url()}"' in city


def test_the_copy_follows_the_originals_edits_and_its_takedown(
    article, ward, ward_approver, ward_category, approver
):
    copy = republish_article(
        article=article, site_id=ward.pk, category=ward_category, user=ward_approver
    )
    ward_client = Client(HTTP_HOST=WARD)
    article.title = "Tiêu đề đã sửa ở cổng thành phố"
    article.save()
    assert "Tiêu đề đã sửa ở cổng thành phố" in ward_client.get("/").content.decode()
    unpublish_article(article=article, user=approver)
    copy.refresh_from_db()
    assert copy.status == Article.Status.UNPUBLISHED
    assert ward_client.get(copy.get_absolute_url()).status_code == 404
    assert "Tiêu đề đã sửa" not in ward_client.get("/").content.decode()


def test_only_an_approver_of_the_ward_may_share_and_only_once(
    article, ward, ward_approver, ward_category, approver, editor
):
    with pytest.raises(PermissionDenied):
        # An approver of the city is no approver of the ward.
        republish_article(article=article, site_id=ward.pk, category=ward_category, user=approver)
    editor.portals.add(ward)
    with pytest.raises(PermissionDenied):
        republish_article(article=article, site_id=ward.pk, category=ward_category, user=editor)
    republish_article(article=article, site_id=ward.pk, category=ward_category, user=ward_approver)
    with pytest.raises(ValidationError):
        republish_article(
            article=article, site_id=ward.pk, category=ward_category, user=ward_approver
        )
    assert Article.objects.filter(site_id=ward.pk).count() == 1


def test_a_draft_or_a_category_of_another_portal_cannot_be_shared(
    make_article, ward, ward_approver, ward_category, category
):
    draft = make_article(status=Article.Status.DRAFT)
    with pytest.raises(ValidationError):
        republish_article(
            article=draft, site_id=ward.pk, category=ward_category, user=ward_approver
        )
    public = make_article()
    with pytest.raises(ValidationError):
        republish_article(article=public, site_id=ward.pk, category=category, user=ward_approver)
    assert not Article.objects.filter(site_id=ward.pk).exists()


def test_the_ward_sitemap_leaves_shared_articles_to_their_portal(
    article, ward, ward_approver, ward_category
):
    copy = republish_article(
        article=article, site_id=ward.pk, category=ward_category, user=ward_approver
    )
    sitemap = Client(HTTP_HOST=WARD).get("/sitemap-articles.xml").content.decode()
    assert copy.get_absolute_url() not in sitemap


def test_a_ward_approver_shares_a_city_article_from_the_admin_and_sees_it_on_the_ward(
    article, ward, ward_approver, ward_category, settings
):
    admin = Client(HTTP_HOST=WARD)
    admin.force_login(ward_approver)
    changelist = admin.get(f"/{settings.ADMIN_URL_PATH}news/article/").content.decode()
    assert "Đăng lại bài của cổng khác" in changelist
    url = f"/{settings.ADMIN_URL_PATH}news/article/dang-lai/"
    page = admin.get(url).content.decode()
    assert article.title in page
    response = admin.post(url, {"article": article.pk, "category": ward_category.pk})
    assert response.status_code == 302
    after = admin.get(url).content.decode()
    assert "Đã đăng lại" in after
    assert f'value="{article.pk}"' not in after
    assert article.title in Client(HTTP_HOST=WARD).get("/").content.decode()


def test_a_crafted_share_with_another_portals_category_is_refused_with_a_message(
    article, ward, ward_approver, category, settings
):
    admin = Client(HTTP_HOST=WARD)
    admin.force_login(ward_approver)
    url = f"/{settings.ADMIN_URL_PATH}news/article/dang-lai/"
    admin.post(url, {"article": article.pk, "category": category.pk})
    assert "Hãy chọn một bài và một chuyên mục của cổng này." in admin.get(url).content.decode()
    assert not Article.objects.filter(site_id=ward.pk).exists()


def test_an_editor_cannot_open_the_sharing_page(ward, editor, settings):
    editor.portals.add(ward)
    admin = Client(HTTP_HOST=WARD)
    admin.force_login(editor)
    url = f"/{settings.ADMIN_URL_PATH}news/article/dang-lai/"
    assert admin.get(url).status_code == 403
    assert (
        "Đăng lại bài" not in admin.get(f"/{settings.ADMIN_URL_PATH}news/article/").content.decode()
    )


def test_the_copy_lists_the_originals_files_downloaded_from_the_original_portal(
    article, ward, ward_approver, ward_category
):
    from urllib.parse import urlsplit

    from news.models import Attachment
    from tests.news.documents import pdf_bytes, upload

    stored = Attachment(article=article, title="Kế hoạch", file=upload("ke-hoach.pdf", pdf_bytes()))
    stored.save()
    copy = republish_article(
        article=article, site_id=ward.pk, category=ward_category, user=ward_approver
    )
    ward_client = Client(HTTP_HOST=WARD)
    city = Site.objects.get(pk=article.site_id).domain
    link = f"http://{city}{stored.get_absolute_url()}"
    for url in (copy.get_absolute_url(), copy.get_print_url()):
        page = ward_client.get(url).content.decode()
        assert f'<a href="{link}" download>' in page, url
    # The link leads to the file on its own portal; the ward has no such file.
    downloaded = Client(HTTP_HOST=urlsplit(link).netloc).get(urlsplit(link).path)
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content).startswith(b"%PDF")
    assert ward_client.get(stored.get_absolute_url()).status_code == 404
