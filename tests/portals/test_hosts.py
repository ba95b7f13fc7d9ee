"""Which portal a Host header reaches, and making portals with add_site."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from news.models import Category
from portals.models import HostName, Portal, normalise_host

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost", "phuong-1.localhost."]
    call_command("add_site", "phuong-1.localhost", "Cổng thông tin điện tử Phường 1")
    return Portal.objects.get(site__domain="phuong-1.localhost")


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Phuong-1.LOCALHOST", "phuong-1.localhost"),
        ("phuong-1.localhost:8000", "phuong-1.localhost"),
        ("phuong-1.localhost.", "phuong-1.localhost"),
        ("PHUONG-1.localhost.:8000", "phuong-1.localhost"),
        ("[::1]:8000", "[::1]"),
    ],
)
def test_a_host_header_is_read_without_case_port_or_trailing_dot(header, name):
    assert normalise_host(header) == name


@pytest.mark.parametrize("header", ["PHUONG-1.localhost", "phuong-1.localhost:8000"])
def test_the_ward_portal_answers_on_its_name_written_any_way(ward, header):
    response = Client(HTTP_HOST=header).get("/")
    assert response.status_code == 200
    assert "Cổng thông tin điện tử Phường 1" in response.content.decode()


def test_an_allowed_host_of_no_portal_gets_a_vietnamese_404_and_no_content(ward, make_article):
    make_article(title="Bài của thành phố")
    response = Client(HTTP_HOST="phuong-9.localhost").get("/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không có cổng thông tin tại địa chỉ này" in page
    assert "phuong-9.localhost" in page
    assert "Bài của thành phố" not in page
    assert "Phường 1" not in page


def test_a_host_that_is_not_allowed_is_refused_before_any_portal_is_looked_up():
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400


def test_add_site_makes_a_portal_with_the_default_categories(ward):
    assert HostName.objects.filter(portal=ward, name="phuong-1.localhost").exists()
    categories = Category.objects.filter(site_id=ward.pk)
    assert categories.count() == 5
    page = Client(HTTP_HOST="phuong-1.localhost").get("/").content.decode()
    assert categories.first().name in page


def test_add_site_refuses_a_taken_domain_and_creates_nothing(ward):
    portals, categories = Portal.objects.count(), Category.objects.count()
    with pytest.raises(CommandError, match="đã thuộc về một cổng khác"):
        call_command("add_site", "PHUONG-1.localhost", "Cổng trùng")
    assert (Portal.objects.count(), Category.objects.count()) == (portals, categories)


@pytest.mark.parametrize("domain", ["http://phuong-2.localhost", "phuong 2", "-x.localhost", ""])
def test_add_site_refuses_a_malformed_domain_and_creates_nothing(domain):
    portals, categories = Portal.objects.count(), Category.objects.count()
    with pytest.raises(CommandError):
        call_command("add_site", domain, "Cổng lỗi")
    assert (Portal.objects.count(), Category.objects.count()) == (portals, categories)


def test_the_first_portal_keeps_the_settings_identity_and_answers_on_the_allowed_names():
    first = Portal.objects.get(pk=1)
    names = set(first.host_names.values_list("name", flat=True))
    assert "testserver" in names or {"127.0.0.1", "localhost"} <= names
    assert "Bạc Liêu" in first.name
