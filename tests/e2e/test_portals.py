"""Two portals in one browser: a citizen goes from the city's portal to a ward's and back."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import Article, Category
from news.portals import add_portal

WARD = "phuong-1.localhost"
BLUE = "getComputedStyle(document.documentElement).getPropertyValue('--blue')"


@pytest.fixture
def ward_url(site, settings):
    """Return the ward portal's address on the live server (*.localhost is this machine)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, WARD]
    ward = add_portal(domain=WARD, name="Cổng thông tin điện tử Phường 1", colour="#1b5e20")
    category = Category.objects.get(site_id=ward.pk, order=1)
    Article(
        site_id=ward.pk,
        category=category,
        title="Phường 1 ra quân làm sạch kênh",
        lead="Hơn một trăm người dân cùng vớt lục bình.",
        body="<p>Buổi ra quân kéo dài đến trưa.</p>",
        byline="Văn phòng UBND Phường 1",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=1),
    ).save()
    city = Category.objects.create(name="Tin tức", order=1)
    Article(
        category=city,
        title="Thành phố khánh thành cầu mới",
        lead="Cây cầu nối hai bờ sông.",
        body="<p>Lễ khánh thành diễn ra sáng nay.</p>",
        byline="Kim Ngân",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=2),
    ).save()
    port = urlsplit(site).port
    return f"http://{WARD}:{port}"


def test_each_portal_shows_its_own_name_colour_and_news_in_the_browser(page, site, ward_url):
    page.goto(ward_url + "/")
    expect(page).to_have_title("Cổng thông tin điện tử Phường 1")
    expect(page.get_by_role("link", name="Phường 1 ra quân làm sạch kênh").first).to_be_visible()
    expect(page.get_by_text("Thành phố khánh thành cầu mới")).to_have_count(0)
    header = page.locator("header").first
    colour = header.evaluate(
        "e => getComputedStyle(document.documentElement).getPropertyValue('--blue')"
    )
    assert colour.strip() == "#1b5e20"
    page.get_by_role("link", name="Phường 1 ra quân làm sạch kênh").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường 1 ra quân làm sạch kênh")
    page.goto(site + "/")
    expect(page.get_by_text("Phường 1 ra quân làm sạch kênh")).to_have_count(0)
    expect(page.get_by_role("link", name="Thành phố khánh thành cầu mới").first).to_be_visible()
    assert page.evaluate(BLUE).strip() == "#0a4a85"
