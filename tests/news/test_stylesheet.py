"""The one stylesheet of the public pages, its font faces and their fallbacks."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
CSS = Path(settings.BASE_DIR) / "static" / "css"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(response, name: str) -> list[dict]:
    parser = Tags()
    parser.feed(response.content.decode())
    return [attrs for tag, attrs in parser.tags if tag == name]


def test_public_pages_block_on_one_stylesheet_and_preload_both_font_weights(client, article):
    for url in ["/", article.get_absolute_url(), reverse("news:search") + "?q=a"]:
        links = tags(client.get(url), "link")
        blocking = [
            link["href"]
            for link in links
            if link.get("rel") == "stylesheet" and link.get("media", "all") != "print"
        ]
        assert blocking == ["/static/css/site.css"], url
        preloads = [link for link in links if link.get("rel") == "preload"]
        assert {Path(link["href"]).name for link in preloads} == {
            f"be-vietnam-pro-{subset}-{weight}-normal.woff2"
            for subset in ("latin", "vietnamese")
            for weight in (400, 700)
        }
        for link in preloads:
            # Without crossorigin the preload is not used by @font-face and is fetched twice.
            assert link["as"] == "font" and link["type"] == "font/woff2" and "crossorigin" in link


def rules(css: str, start: str) -> list[str]:
    """Return the rules of a stylesheet that begin with `start`, whitespace folded."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = re.findall(rf"{re.escape(start)}[^{{]*\{{[^}}]*\}}", css)
    return [" ".join(rule.split()) for rule in found]


def test_site_css_declares_the_same_font_faces_as_the_print_views_fonts_css():
    site = [r for r in rules((CSS / "site.css").read_text(), "@font-face") if "url(" in r]
    assert len(site) == 8
    assert site == rules((CSS / "fonts.css").read_text(), "@font-face")


def test_site_css_sizes_editor_images_as_the_print_views_content_css():
    site = rules((CSS / "site.css").read_text(), ".article-body figure.w-")
    assert len(site) == 20
    assert site == rules((CSS / "content.css").read_text(), ".article-body figure.w-")


def test_every_fallback_face_is_given_the_web_fonts_metrics():
    faces = [r for r in rules((CSS / "site.css").read_text(), "@font-face") if "local(" in r]
    # Four local fonts, regular and bold for running text, regular for lines in capitals.
    assert len(faces) == 12
    for face in faces:
        for descriptor in (
            "size-adjust",
            "ascent-override",
            "descent-override",
            "line-gap-override",
        ):
            assert f"{descriptor}:" in face, face
