"""A portal's identity: name, contacts and colour on its own pages only."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from news.portals import add_portal
from portals.models import Portal, contrast_with_white, validate_colour

pytestmark = pytest.mark.django_db

WARD = "phuong-2.localhost"


@pytest.fixture
def ward(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, WARD]
    return add_portal(
        domain=WARD,
        name="Cổng thông tin điện tử Phường 2",
        agency="Ủy ban nhân dân Phường 2",
        hotline="0291 3 000 002",
    )


def test_an_edited_profile_shows_on_the_next_page_of_that_portal_only(ward):
    city, ward_client = Client(), Client(HTTP_HOST=WARD)
    assert "0291 3 000 002" in ward_client.get("/").content.decode()
    ward.hotline = "0291 3 999 999"
    ward.save()
    assert 'href="tel:02913999999"' in ward_client.get("/").content.decode()
    assert "02913999999" not in city.get("/").content.decode()
    assert "Ủy ban nhân dân Phường 2" not in city.get("/").content.decode()


def test_a_portal_with_a_colour_links_its_stylesheet_and_one_without_does_not(ward):
    ward.colour = "#1b5e20"
    ward.full_clean()
    ward.save()
    page = Client(HTTP_HOST=WARD).get("/").content.decode()
    assert '<link rel="stylesheet" href="/mau-sac.css?v=1b5e20">' in page
    css = Client(HTTP_HOST=WARD).get("/mau-sac.css?v=1b5e20")
    assert css["Content-Type"].startswith("text/css")
    assert "--blue: #1b5e20;" in css.content.decode()
    assert "mau-sac.css" not in Client().get("/").content.decode()
    assert Client().get("/mau-sac.css").status_code == 404


@pytest.mark.parametrize("colour", ["#ffff00", "#9ecbff", "green", "#12345"])
def test_a_colour_too_light_for_white_text_or_badly_written_is_refused(colour):
    with pytest.raises(ValidationError):
        validate_colour(colour)


def test_the_default_blue_passes_the_contrast_the_check_asks_for():
    assert contrast_with_white("#0a4a85") >= 4.5
    validate_colour("#0a4a85")


def test_the_first_portal_is_made_from_the_settings():
    first = Portal.objects.get(pk=1)
    assert first.agency == "Ủy ban nhân dân thành phố Bạc Liêu"
    assert first.logo == "img/portal-logo.svg"
