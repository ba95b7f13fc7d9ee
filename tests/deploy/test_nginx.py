"""deploy/nginx.conf in front of gunicorn: what readers get through the proxy.

A change made in the admin must reach readers within s-maxage plus a few
seconds, uploads under /media/ are never rendered as pages, and staff always
reach Django.
"""

from __future__ import annotations

import gzip
import io
import re
import time

from PIL import Image

from tests.deploy.conftest import GRACE, SHARED_MAX_AGE, get

APPROVER = "from django.contrib.auth import get_user_model\n" + (
    "approver = get_user_model().objects.get(username='duyet')\n"
)


def first_time(check, *, within: float, every: float = 0.2) -> float | None:
    """Return the seconds until check() first holds, or None if it did not within that long."""
    started = time.monotonic()
    while True:
        elapsed = time.monotonic() - started
        if check():
            return elapsed
        if elapsed > within:
            return None
        time.sleep(every)


def warm(url: str) -> None:
    """Ask until the proxy answers from its cache, so a later change must displace a copy."""
    answers = [get(url) for _ in range(3)]
    assert [a.status for a in answers] == [200, 200, 200], url
    assert answers[-1].cache_status == "HIT", [a.cache_status for a in answers]


def test_a_published_article_is_served_then_kept(deployed):
    url = deployed.proxy + deployed.article("takedown")
    first, second = get(url), get(url)

    assert first.status == 200
    assert first.cache_status in ("MISS", "EXPIRED")
    assert second.status == 200
    assert second.cache_status == "HIT"
    assert f"s-maxage={SHARED_MAX_AGE}" in first.headers["cache-control"]


def test_a_reader_cookie_does_not_split_the_cache(deployed):
    """Only the display cookies are part of the key: the visitor's own cookie is not."""
    url = deployed.proxy + deployed.article("takedown")
    warm(url)

    assert get(url, cookie="visitor=abc123; other=1").cache_status == "HIT"


def test_a_takedown_shows_through_the_proxy_within_s_maxage(deployed):
    page = deployed.proxy + deployed.article("takedown")
    download = deployed.proxy + deployed.attachment
    warm(page)
    warm(download)

    deployed.shell(
        APPROVER
        + "from news.models import Article\n"
        + "from news.services import unpublish_article\n"
        + f"article = Article.objects.get(slug={deployed.slugs['takedown']!r})\n"
        + "unpublish_article(article=article, user=approver)\n"
    )
    limit = SHARED_MAX_AGE + GRACE
    page_gone = first_time(lambda: get(page).status == 404, within=limit)
    download_gone = first_time(lambda: get(download).status == 404, within=limit)

    assert page_gone is not None, f"the page still answers {get(page).cache_status} after {limit} s"
    assert download_gone is not None, f"the file still answers after {limit} s"
    # Once gone it stays gone: the proxy keeps no old copy to fall back on.
    assert {get(page).status for _ in range(5)} == {404}


def test_an_edit_shows_through_the_proxy_within_s_maxage(deployed):
    url = deployed.proxy + deployed.article("edit")
    warm(url)
    assert "Tiêu đề cũ" in get(url).body.decode()

    deployed.shell(
        APPROVER
        + "from news.models import Article\n"
        + "from news.services import save_article\n"
        + f"article = Article.objects.get(slug={deployed.slugs['edit']!r})\n"
        + "article.title = 'Tiêu đề mới sau khi sửa'\n"
        + "save_article(article=article, user=approver)\n"
    )
    limit = SHARED_MAX_AGE + GRACE

    assert first_time(lambda: "Tiêu đề mới sau khi sửa" in get(url).body.decode(), within=limit)


def test_an_expiry_shows_through_the_proxy_at_once(deployed):
    """Django shortens s-maxage to the expiry, so the proxy keeps no copy past it."""
    url = deployed.proxy + deployed.article("expiry")
    warm(url)

    deployed.shell(
        APPROVER
        + "import datetime as dt\n"
        + "from django.utils import timezone\n"
        + "from news.models import Article\n"
        + "from news.services import save_article\n"
        + f"article = Article.objects.get(slug={deployed.slugs['expiry']!r})\n"
        + "article.expires_at = timezone.now() + dt.timedelta(seconds=2)\n"
        + "save_article(article=article, user=approver)\n"
    )

    assert first_time(lambda: get(url).status == 404, within=2 + GRACE)


def test_media_are_never_rendered_as_pages(deployed):
    (deployed.media_root / "trang.html").write_text("<script>alert(document.cookie)</script>")
    (deployed.media_root / "hinh.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    picture = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(picture, "PNG")
    (deployed.media_root / "anh.png").write_bytes(picture.getvalue())

    html = get(deployed.proxy + "/media/trang.html")
    svg = get(deployed.proxy + "/media/hinh.svg")
    png = get(deployed.proxy + "/media/anh.png")

    for answer in (html, svg, png):
        assert answer.status == 200
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in answer.headers["content-security-policy"]
    assert html.headers["content-type"] == "application/octet-stream"
    assert svg.headers["content-type"] == "application/octet-stream"
    assert png.headers["content-type"] == "image/png"


def test_staff_reach_django_and_never_fill_the_cache(deployed):
    staff = f"sessionid={deployed.session}"
    public = deployed.proxy + deployed.article("edit")
    draft = deployed.proxy + deployed.article("draft")
    warm(public)

    as_staff = get(public, cookie=staff)
    preview = get(draft, cookie=staff)

    assert as_staff.status == 200
    assert as_staff.cache_status == "BYPASS"
    assert preview.status == 200
    assert preview.cache_status == "BYPASS"
    assert "private" in preview.headers["cache-control"]
    # The preview the staff member saw was not kept for anyone else.
    assert get(draft).status == 404


def test_an_outage_serves_the_last_good_page_but_never_a_taken_down_one(deployed):
    kept = deployed.proxy + deployed.article("outage_kept")
    gone = deployed.proxy + deployed.article("outage_gone")
    warm(kept)
    warm(gone)
    deployed.shell(
        APPROVER
        + "from news.models import Article\n"
        + "from news.services import unpublish_article\n"
        + f"article = Article.objects.get(slug={deployed.slugs['outage_gone']!r})\n"
        + "unpublish_article(article=article, user=approver)\n"
    )
    assert first_time(lambda: get(gone).status == 404, within=SHARED_MAX_AGE + GRACE)
    # Past s-maxage the proxy's copy of the kept page is out of date too.
    time.sleep(SHARED_MAX_AGE + 0.5)

    with deployed.database_down():
        outage = get(deployed.app + deployed.article("outage_kept")).status
        during_kept, during_gone = get(kept), get(gone)

    assert outage == 503
    assert (during_kept.status, during_kept.cache_status) == (200, "STALE")
    assert during_gone.status == 404


def test_public_pages_are_compressed_once_cached_and_served_either_way(deployed):
    url = deployed.proxy + deployed.article("edit")
    warm(url)

    plain = get(url)
    packed = get(url, accept_encoding="gzip")

    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["vary"]
    # One plain copy in the cache answers both readers.
    assert (plain.cache_status, packed.cache_status) == ("HIT", "HIT")
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 2


def test_answers_to_staff_and_the_admin_are_never_compressed(deployed):
    """A secret on the page beside echoed input must not be guessable from lengths (BREACH)."""
    staff = f"sessionid={deployed.session}"
    public = get(deployed.proxy + deployed.article("edit"), cookie=staff, accept_encoding="gzip")
    admin_login = get(deployed.proxy + "/quan-tri/login/?next=/quan-tri/", accept_encoding="gzip")
    admin_index = get(deployed.proxy + "/quan-tri/", cookie=staff, accept_encoding="gzip")

    for answer in (public, admin_login, admin_index):
        assert answer.status == 200
        assert "content-encoding" not in answer.headers
    assert public.cache_status == "BYPASS"
    assert b"csrfmiddlewaretoken" in admin_login.body


def test_every_copy_a_list_picture_offers_is_served_as_an_image(deployed):
    slug = deployed.shell(
        "import io\n"
        "from PIL import Image\n"
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from news.models import Article, Category\n"
        "buffer = io.BytesIO()\n"
        "Image.new('RGB', (702, 450), (30, 90, 160)).save(buffer, 'JPEG')\n"
        "article = Article.objects.create(\n"
        "    title='Bài có ảnh', lead='Tóm tắt.', body='<p>Nội dung.</p>', byline='Kim Ngân',\n"
        "    category=Category.objects.get(), status='published',\n"
        "    image=SimpleUploadedFile('anh.jpg', buffer.getvalue()), image_alt='Hội nghị',\n"
        ")\n"
        "print(article.category.slug)\n"
    ).split()[-1]
    # Straight from Django: the proxy may still hold the list from before the article.
    html = get(f"{deployed.app}/chuyen-muc/{slug}/").body.decode()
    srcsets = re.findall(r'srcset="([^"]+)"', html)
    urls = [part.strip().rsplit(" ", 1)[0] for srcset in srcsets for part in srcset.split(",")]

    assert len(srcsets) == 2  # the WebP source and the img
    assert len(urls) == 6  # 160, 320 and 640 px, JPEG and WebP
    for url in urls:
        answer = get(deployed.proxy + url)
        assert answer.status == 200, url
        assert answer.headers["content-type"] in ("image/jpeg", "image/webp"), url
        Image.open(io.BytesIO(answer.body)).verify()
