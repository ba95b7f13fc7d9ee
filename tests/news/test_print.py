import datetime as dt
import re

import pytest
import time_machine

from news.models import Article, Attachment
from tests.news.documents import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_print_view_has_every_part_of_the_printed_page(client, article):
    html = client.get(article.get_print_url()).content.decode()
    assert "Cổng thông tin điện tử thành phố Bạc Liêu" in html
    assert "Ủy ban nhân dân thành phố Bạc Liêu" in html
    assert article.category.name in html
    assert "Thứ Tư, 18/04/2018, 09:30" in html
    assert f'<h1 id="article-title" class="article-title">{article.title}</h1>' in html
    assert article.lead in html
    assert "Kim Ngân" in html
    assert 'Số lượt người xem: <span class="view-count" data-counter="views"' in html
    assert f"http://testserver{article.get_absolute_url()}" in html
    # Shown by the print view's script: without JavaScript it could not print.
    assert (
        '<button type="button" class="print-button" data-print hidden>In bài viết</button>' in html
    )
    assert 'name="robots" content="noindex"' in html


def test_print_view_has_no_menu_sidebar_visit_block_or_footer(client, article):
    html = client.get(article.get_print_url()).content.decode()
    for chrome in ("SỐ LƯỢT TRUY CẬP", "main-nav", "sidebar", "site-footer", "Trang chủ"):
        assert chrome not in html


@time_machine.travel(dt.datetime(2026, 3, 5, 2, 7, tzinfo=dt.UTC), tick=False)
def test_print_view_says_when_it_was_printed_in_local_time(client, article):
    html = client.get(article.get_print_url()).content.decode()
    assert re.search(r"In lúc <time [^>]*>05/03/2026 09:07</time>", html)


def test_print_view_of_a_draft_is_not_found(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    assert client.get(draft.get_print_url()).status_code == 404


def test_print_view_makes_at_most_two_queries_however_many_attachments(
    client, article, django_assert_num_queries
):
    # Once the categories are kept (read once per content version): the article
    # with its view count and whether it has attachments; the attachments
    # themselves when there are some.
    client.get(article.get_print_url())
    with django_assert_num_queries(1):
        assert client.get(article.get_print_url()).status_code == 200
    for number in range(3):
        Attachment(article=article, file=upload(f"Kế hoạch {number}.pdf", pdf_bytes())).save()
    client.get(article.get_print_url())
    with django_assert_num_queries(2):
        assert client.get(article.get_print_url()).status_code == 200


def test_article_page_links_print_css_for_paper_only_and_the_font_for_all(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "/static/css/fonts.css" not in html  # its faces are in site.css


def test_print_view_counts_through_the_same_hook_as_the_article_page(client, article):
    hook = re.compile(r'data-hit-url="([^"]+)"')
    article_page = client.get(article.get_absolute_url()).content.decode()
    print_page = client.get(article.get_print_url()).content.decode()
    assert (
        hook.findall(print_page) == hook.findall(article_page) == [f"/dem/bai-viet/{article.pk}/"]
    )
    assert "js/counters.js" in print_page
    assert "<noscript><img" in print_page
