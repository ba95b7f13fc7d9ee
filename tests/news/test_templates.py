"""How the templates fit together: what a page can override, what two pages share."""

import pytest
from django.template import engines
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    return engines["django"].from_string(source).render(context, request)


def test_a_page_adds_blocks_of_its_own_to_the_sidebar(article):
    html = render(
        '{% extends "base.html" %}'
        '{% block sidebar_blocks %}<section class="own-block">Riêng</section>{% endblock %}'
    )
    aside = html[html.index('<aside class="sidebar"') : html.index("</aside>")]
    assert '<section class="own-block">Riêng</section>' in aside
    # After the blocks every page shows.
    assert aside.index("own-block") > aside.index('id="sidebar-date"')


def test_the_article_page_and_the_print_view_show_the_same_text(client, article):
    def body(url):
        html = client.get(url).content.decode()
        start = html.index('<div class="article-body">')
        return html[start : html.index("</div>", start)]

    assert body(article.get_absolute_url()) == body(article.get_print_url())
