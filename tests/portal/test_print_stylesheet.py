"""The print stylesheet that names the portal and its address on every printed sheet."""

import pytest

from portal.views import _print_css, css_string
from portals.models import HostName
from tests.conftest import change_portal

pytestmark = pytest.mark.django_db


def test_it_names_the_portal_and_the_address_the_reader_reached(client, settings):
    change_portal(name="Cổng thông tin điện tử thành phố Bạc Liêu")
    response = client.get("/in-an.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert (
        '@page { @bottom-left { content: "Cổng thông tin điện tử thành phố Bạc Liêu – '
        'http://testserver"; } }'
    ) in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    again = client.get("/in-an.css", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_it_follows_the_portal_name_and_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["cong.example.gov.vn", "testserver"]
    HostName.objects.create(name="cong.example.gov.vn", portal_id=1)
    change_portal(name="Cổng thử")
    text = client.get("/in-an.css", HTTP_HOST="cong.example.gov.vn").content.decode()
    assert 'content: "Cổng thử – http://cong.example.gov.vn";' in text
    assert "http://cong.example.gov.vn" not in client.get("/in-an.css").content.decode()


def test_a_host_that_allowed_hosts_refuses_gets_no_stylesheet(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/in-an.css", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert b"attacker" not in response.content


def test_it_keeps_a_bounded_number_of_texts_whatever_hosts_arrive(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    # Names of the portal: a host no portal answers on never reaches the stylesheet.
    HostName.objects.bulk_create(
        HostName(name=f"h{number}.example", portal_id=1) for number in range(40)
    )
    _print_css.cache_clear()
    for number in range(40):
        assert client.get("/in-an.css", HTTP_HOST=f"h{number}.example").status_code == 200
    assert _print_css.cache_info().currsize <= 16


@pytest.mark.parametrize(
    ("text", "css"),
    [
        ("Cổng", '"Cổng"'),
        ('Cổng "A"', '"Cổng \\"A\\""'),
        ("A\\B", '"A\\\\B"'),
        ("A\nB", '"A\\a B"'),
        ("A\r\tB\x7f", '"A\\d \\9 B\\7f "'),
        ("A\x00", '"A\\fffd "'),
        ('"; } body { display: none } /*', '"\\"; } body { display: none } /*"'),
    ],
)
def test_css_string_escapes_quotes_backslashes_and_control_characters(text, css):
    assert css_string(text) == css


def test_a_name_with_quotes_and_newlines_stays_one_string(client, settings):
    change_portal(name='Cổng "thử"\n} body { display: none }')
    text = client.get("/in-an.css").content.decode()
    rule = text.splitlines()[-1]
    assert rule == (
        '@page { @bottom-left { content: "Cổng \\"thử\\"\\a } body { display: none } '
        '– http://testserver"; } }'
    )


def test_pages_link_it_for_print_only(client, article):
    for url in ("/", article.get_absolute_url(), article.get_print_url()):
        html = client.get(url).content.decode()
        assert '<link rel="stylesheet" href="/in-an.css" media="print">' in html, url
