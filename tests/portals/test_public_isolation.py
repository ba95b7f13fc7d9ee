"""One portal never shows another's content: a crawl of portal A looking for portal B's markers.

Portal A answers on testserver (the first portal), portal B on
phuong-1.localhost. B holds public and hidden articles, an album, a link and
an attachment, all carrying marker words; the crawl of A is seeded with every
URL pattern filled with B's slugs, ids and dates as well as A's own.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, DocumentKind
from news.models import Album, Attachment, Category, Link
from news.portals import add_portal
from news.services import add_photos
from news.text import fold
from tests.documents.conftest import attach
from tests.documents.conftest import ensure_roles as ensure_document_kinds
from tests.documents.files import pdf_bytes as document_pdf_bytes
from tests.news.documents import pdf_bytes, upload
from tests.news.test_gallery import jpeg
from tests.news.test_leaks import crawl, hidden_states, seeds_for

pytestmark = pytest.mark.django_db

WARD = "phuong-1.localhost"


@pytest.fixture
def ward(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, WARD, "phuong-2.localhost"]
    return add_portal(domain=WARD, name="Cổng thông tin điện tử Phường 1", agency="UBND Phường 1")


@pytest.fixture
def two_portals(ward, make_article, category):
    """Public articles on A; on B public and hidden articles, an album, a link, a file."""
    now = timezone.now()
    public = [
        make_article(
            title=f"Tin thành phố số {n}", published_at=now - dt.timedelta(days=n, hours=1)
        )
        for n in range(5)
    ]
    ward_category = Category.objects.get(site_id=ward.pk, order=1)
    ward_articles = {}
    for marker, fields in {"wardpublic": {}, **hidden_states(now)}.items():
        article = make_article(
            site_id=ward.pk,
            title=f"{marker} Tin phường",
            lead=f"Sapo {marker}",
            body=f"<p>Nội dung {marker}</p>",
            byline=f"Tác giả {marker}",
            category=ward_category,
            **{"published_at": now - dt.timedelta(days=1), **fields},
        )
        document = Attachment(
            article=article,
            title=f"Tệp {marker}",
            file=upload(f"Tài liệu {marker}.pdf", pdf_bytes() + f"tep mat {marker}".encode()),
        )
        document.save()
        ward_articles[marker] = (article, document)
    album = Album.objects.create(
        site_id=ward.pk, title="Lễ hội phường", description="motaalbumphuong"
    )
    add_photos(album=album, uploads=[jpeg()], alt_text="anhphuong")
    Link.objects.create(site_id=ward.pk, title="lienketphuong", url="https://phuong1.example/")
    # A flushing (live-server) test before this one emptied the kinds the migration made.
    ensure_document_kinds()
    Document(
        site_id=ward.pk,
        number="7/KH-UBND",
        kind=DocumentKind.objects.get(name="Kế hoạch"),
        issuer="UBND Phường 1",
        issued_on=dt.date(2018, 4, 2),
        effective_on=dt.date(2018, 4, 2),
        summary="trichyeuphuong Kế hoạch vệ sinh kênh",
        status=Document.Status.PUBLISHED,
        published_at=now - dt.timedelta(days=1),
    ).save()
    return public, ward_articles, album


def ward_needles(ward_articles) -> list[str]:
    texts = [
        "motaalbumphuong",
        "lienketphuong",
        "anhphuong",
        fold("Cổng thông tin điện tử Phường 1"),
    ]
    for article, document in ward_articles.values():
        texts += [
            fold(article.title),
            fold(article.lead),
            fold(article.byline),
            fold(document.original_name),
        ]
    return texts


def test_a_crawl_of_the_city_portal_finds_nothing_of_the_ward_portal(two_portals):
    public, ward_articles, album = two_portals
    texts = ward_needles(ward_articles)
    # Every pattern filled with both portals' values: the ward's slugs and ids are tried on A.
    ward_document = Document.objects.get(number="7/KH-UBND")
    seeds = [
        *seeds_for(public, ward_articles),
        album.get_absolute_url(),
        ward_document.get_absolute_url(),
        "/van-ban/?q=7/KH-UBND",
        "/tim-kiem/?q=7/KH-UBND",
    ]
    seen, leaks = set(), []
    for url, response, content in crawl(Client(), seeds):
        seen.add(url)
        assert response.status_code < 500, url
        folded = fold(content.decode("utf-8", "replace"))
        found = [text for text in texts if text in folded]
        if found:
            leaks.append((url, found))
    assert not leaks, leaks
    for article in public:
        assert article.get_absolute_url() in seen
    ward_article, document = ward_articles["wardpublic"]
    assert ward_article.get_absolute_url() in seen
    assert document.get_absolute_url() in seen


def test_the_ward_portal_shows_its_own_articles_and_not_the_citys(two_portals):
    public, ward_articles, album = two_portals
    client = Client(HTTP_HOST=WARD)
    # The city's pages first: what a process keeps of one portal's layout is its own.
    assert "Bạc Liêu" in Client().get("/").content.decode()
    home = client.get("/").content.decode()
    assert "wardpublic Tin phường" in home
    assert "Cổng thông tin điện tử Phường 1" in home
    assert "Tin thành phố số 0" not in home
    assert "Bạc Liêu" not in home
    article, document = ward_articles["wardpublic"]
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.get(album.get_absolute_url()).status_code == 200
    assert client.get(public[0].get_absolute_url()).status_code == 404
    assert client.get(public[0].get_print_url()).status_code == 404
    assert "wardpublic" in client.get("/tim-kiem/?q=wardpublic").content.decode()
    assert "Tin thành phố" not in client.get("/tim-kiem/?q=thanh+pho").content.decode()


def test_the_same_path_on_two_hosts_keeps_two_pages_in_the_page_cache(two_portals, settings):
    settings.PAGE_CACHE = True
    city, ward = Client(), Client(HTTP_HOST=WARD)
    for _ in range(3):
        assert "Tin thành phố số 0" in city.get("/").content.decode()
        ward_home = ward.get("/").content.decode()
        assert "wardpublic Tin phường" in ward_home
        assert "Tin thành phố số 0" not in ward_home


def test_a_change_on_one_portal_leaves_the_others_cached_pages_alone(two_portals):
    from core.caching import content_version
    from core.sites import site_activated

    _public, ward_articles, _album = two_portals
    ward_id = ward_articles["wardpublic"][0].site_id
    city_before = content_version()
    with site_activated(ward_id):
        ward_before = content_version()
    make = ward_articles["wardpublic"][0]
    make.title = "wardpublic Tin phường đã sửa"
    make.save()
    assert content_version() == city_before
    with site_activated(ward_id):
        assert content_version() != ward_before


def test_a_category_slug_of_another_portal_is_not_found(two_portals):
    ward_category = Category.objects.filter(site_id=two_portals[1]["wardpublic"][0].site_id).first()
    assert not Category.objects.filter(site_id=1, slug=ward_category.slug).exists()
    assert Client().get(ward_category.get_absolute_url()).status_code == 404
    assert Client().get(f"/rss/{ward_category.slug}/").status_code == 404
    assert Client().get(f"/tim-kiem/?q=tin&category={ward_category.slug}").status_code == 400


def test_the_counting_endpoint_refuses_an_article_of_another_portal(two_portals):
    article, _ = two_portals[1]["wardpublic"]
    url = f"/dem/bai-viet/{article.pk}/"
    json = {"data": "{}", "content_type": "application/json"}
    assert Client().post(url, **json).status_code == 404
    assert Client(HTTP_HOST=WARD).post(url, **json).status_code == 200


def test_the_same_slug_can_live_on_two_portals(two_portals, make_article):
    article, _ = two_portals[1]["wardpublic"]
    twin = make_article(title=article.title, byline="Tác giả thành phố")
    assert twin.slug == article.slug
    city = Client().get(twin.get_absolute_url()).content.decode()
    ward = Client(HTTP_HOST=WARD).get(article.get_absolute_url()).content.decode()
    assert "Tác giả thành phố" in city and "Tác giả wardpublic" not in city
    assert "Tác giả wardpublic" in ward and "Tác giả thành phố" not in ward


@pytest.mark.postgresql
def test_typo_corrections_come_from_the_portals_own_words(ward, make_article, category):
    make_article(title="Khánh thành cầu Trà Kha")
    ward_category = Category.objects.get(site_id=ward.pk, order=1)
    make_article(site_id=ward.pk, category=ward_category, title="Vệ sinh kênh Cả Vĩnh")
    city, ward_client = Client(), Client(HTTP_HOST=WARD)
    # "thanh" with a typo: the city holds "thanh" (khánh thành), the ward does not.
    assert city.get("/tim-kiem/?q=khanh+thamh").context["typo_fallback"]
    ward_page = ward_client.get("/tim-kiem/?q=khanh+thamh")
    assert not ward_page.context["typo_fallback"]
    assert "Khánh thành" not in ward_page.content.decode()
    assert ward_client.get("/tim-kiem/?q=kenh+ca+vinh").context["page_obj"].paginator.count == 1
    assert city.get("/tim-kiem/?q=kenh+ca+vinh").context["page_obj"].paginator.count == 0


def test_the_documents_admin_lists_and_opens_the_host_portals_documents_only(
    two_portals, django_user_model, settings
):
    ward_document = Document.objects.get(number="7/KH-UBND")
    city_document = Document(
        number="50/KH-UBND",
        kind=DocumentKind.objects.first(),
        issuer="UBND thành phố Bạc Liêu",
        issued_on=dt.date(2018, 4, 16),
        effective_on=dt.date(2018, 4, 16),
        summary="trichyeuthanhpho Kế hoạch tuyên truyền",
        status=Document.Status.PUBLISHED,
    )
    city_document.save()
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    city = Client()
    city.force_login(admin)
    changelist = f"/{settings.ADMIN_URL_PATH}documents/document/"
    page = city.get(changelist).content.decode()
    assert "trichyeuthanhpho" in page or "50/KH-UBND" in page
    assert "7/KH-UBND" not in page
    ward_change = f"{changelist}{ward_document.pk}/change/"
    assert city.get(ward_change).status_code in (302, 404)
    ward = Client(HTTP_HOST=WARD)
    ward.force_login(admin)
    assert "7/KH-UBND" in ward.get(changelist).content.decode()
    assert "50/KH-UBND" not in ward.get(changelist).content.decode()


def test_a_document_file_of_another_portal_is_not_found(two_portals):
    ward_document = Document.objects.get(number="7/KH-UBND")
    stored = attach(ward_document, "Kế hoạch phường.pdf", document_pdf_bytes("tep phuong"))
    urls = [stored.get_absolute_url(), reverse("documents:file_inline", args=[stored.pk])]
    for url in urls:
        assert Client().get(url).status_code == 404, url
        assert Client(HTTP_HOST=WARD).get(url).status_code == 200, url


def test_staff_on_the_city_host_get_no_ward_documents_draft_or_its_file(
    two_portals, django_user_model
):
    draft = Document.objects.get(number="7/KH-UBND")
    draft.status = Document.Status.DRAFT
    draft.save()
    stored = attach(draft, "Dự thảo phường.pdf", document_pdf_bytes("du thao phuong"))
    city = Client()
    city.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    for url in [draft.get_absolute_url(), draft.get_print_url(), stored.get_absolute_url()]:
        assert city.get(url).status_code == 404, url


def test_the_city_documents_pages_offer_nothing_of_the_ward_documents(two_portals):
    ward_document = Document.objects.get(number="7/KH-UBND")
    city, ward = Client(), Client(HTTP_HOST=WARD)
    assert city.get(ward_document.get_absolute_url()).status_code == 404
    assert city.get(ward_document.get_print_url()).status_code == 404
    # The ward's issuer and year are no filter of the city's list, nor its document an item.
    for url in ["/van-ban/", "/van-ban/?q=ve+sinh+kenh", "/van-ban/rss/"]:
        page = city.get(url).content.decode()
        assert "UBND Phường 1" not in page and "vệ sinh kênh" not in page, url
        assert "vệ sinh kênh" in ward.get(url).content.decode(), url
    assert city.get("/van-ban/", {"co_quan": "UBND Phường 1"}).status_code == 400
    assert city.get("/van-ban/", {"nam": "2018"}).status_code == 400
    assert ward.get("/van-ban/", {"co_quan": "UBND Phường 1", "nam": "2018"}).status_code == 200


def test_staff_of_another_portal_preview_none_of_this_portal_s_drafts(two_portals, editor, ward):
    _public, ward_articles, _album = two_portals
    draft, _document = ward_articles["draftleak"]
    attachment = Attachment.objects.get(article=draft)
    on_ward = Client(HTTP_HOST=WARD)
    on_ward.force_login(editor)
    urls = [draft.get_absolute_url(), draft.get_print_url(), attachment.get_absolute_url()]
    for url in urls:
        assert on_ward.get(url).status_code == 404, url
    # Made staff of the ward, the same account previews them there.
    ward.staff.add(editor)
    for url in urls:
        response = on_ward.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
