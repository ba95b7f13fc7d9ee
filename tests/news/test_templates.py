"""How the templates fit together: what a page can override, what two pages share."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils.safestring import SafeString

from news.templatetags.news_tags import article_item

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


def test_a_list_item_is_rendered_from_its_template_and_escaped(make_article):
    article = make_article(title="Giá <b>xăng</b> & dầu", lead="Tăng 5% <i>từ</i> hôm nay.")
    html = article_item(article, with_lead=True)
    assert html.startswith('<li class="article-item">') and html.endswith("</li>")
    assert "Giá &lt;b&gt;xăng&lt;/b&gt; &amp; dầu</a>" in html
    assert '<p class="article-lead">Tăng 5% &lt;i&gt;từ&lt;/i&gt; hôm nay.</p>' in html


def test_a_search_result_fills_its_kept_frame_with_its_own_title_and_snippet(make_article):
    article = make_article(title="Cải cách hành chính", lead="Tóm tắt & thêm.")
    for word in ["Cải cách", "hành chính"]:
        article.highlighted_title = SafeString(article.title.replace(word, f"<mark>{word}</mark>"))
        article.snippet = f"… {word} <script> …"
        html = article_item(article, with_lead=True)
        assert f"<mark>{word}</mark>" in html
        assert f'<p class="article-lead search-snippet">… {word} &lt;script&gt; …</p>' in html
        assert "Tóm tắt" not in html and "\ue000" not in html
