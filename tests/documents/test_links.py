import datetime as dt
import re

from django.utils import timezone

from documents import services
from documents.links import link_documents
from documents.models import Document

LIST_URL = "/van-ban/"


def article_html(client, article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


def links_to(html: str, document) -> list[str]:
    return re.findall(
        rf'<a class="document-link" href="{document.get_absolute_url()}"[^>]*>(.*?)</a>', html
    )


def test_an_articles_text_links_the_number_of_a_public_document(client, plan_50, make_article):
    article = make_article(
        lead="Ngày 16/4, UBND thành phố ban hành Kế hoạch số 50/KH-UBND.",
        body="<p>Thực hiện Kế hoạch số 50/KH-UBND ngày 16/4/2018, các phòng triển khai.</p>",
    )
    html = article_html(client, article)
    assert links_to(html, plan_50) == ["Kế hoạch số 50/KH-UBND", "Kế hoạch số 50/KH-UBND"]
    assert "16/4" in html and "16/4/2018</a>" not in html


def test_the_document_page_lists_the_articles_that_cite_it(client, plan_50, make_article):
    citing = make_article(title="Triển khai tuyên truyền", body="<p>Theo 50/KH-UBND.</p>")
    make_article(title="Bài khác", body="<p>Theo 51/KH-UBND và 50 kế hoạch.</p>")
    page = client.get(plan_50.get_absolute_url()).content.decode()
    assert "Bài viết nhắc đến văn bản này" in page
    assert citing.get_absolute_url() in page
    assert "Bài khác" not in page


def test_a_document_published_after_the_article_is_linked_without_saving_the_article(
    client, make_document, make_article, approver
):
    article = make_article(body="<p>Theo Quyết định số 9/QĐ-UBND của thành phố.</p>")
    assert "document-link" not in article_html(client, article)
    document = make_document(number="9/QĐ-UBND", status=Document.Status.DRAFT)
    assert "document-link" not in article_html(client, article)
    services.publish_document(document=document, user=approver)
    assert len(links_to(article_html(client, article), document)) == 1
    services.unpublish_document(document=document, user=approver)
    assert "document-link" not in article_html(client, article)


def test_a_scheduled_document_is_neither_linked_nor_lists_before_its_time(
    client, make_document, make_article
):
    make_document(number="3/CT-UBND", published_at=timezone.now() + dt.timedelta(hours=1))
    article = make_article(body="<p>Chỉ thị 3/CT-UBND.</p>")
    assert "document-link" not in article_html(client, article)


def test_numbers_inside_links_and_attributes_are_left_alone(plan_50):
    html = (
        '<p><a href="/x?so=50/KH-UBND" title="50/KH-UBND">Kế hoạch số 50/KH-UBND</a></p>'
        '<figure><img alt="50/KH-UBND" src="/a.png"></figure>'
        "<h2>Về 50/KH-UBND</h2>"
    )
    linked = link_documents(html, list_url=LIST_URL)
    assert linked.count("document-link") == 1
    assert '<h2>Về <a class="document-link"' in linked
    assert 'title="50/KH-UBND">Kế hoạch số 50/KH-UBND</a>' in linked
    assert 'alt="50/KH-UBND"' in linked


def test_a_number_two_issuers_share_links_to_the_search_for_it(make_document):
    make_document(number="4/TB-VP", issuer="Văn phòng UBND thành phố")
    make_document(number="4/TB-VP", issuer="Văn phòng HĐND thành phố")
    linked = link_documents("<p>Thông báo 4/TB-VP.</p>", list_url=LIST_URL)
    assert 'href="/van-ban/?q=4/TB-VP"' in linked


def test_the_print_view_links_too(client, plan_50, make_article):
    article = make_article(body="<p>Kế hoạch số 50/KH-UBND.</p>")
    html = client.get(article.get_print_url()).content.decode()
    assert len(links_to(html, plan_50)) == 1
