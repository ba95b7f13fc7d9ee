import io
import re

from django.core.management import call_command

from documents.models import Document
from news.models import Article


def load_demo(*args):
    call_command("load_demo", *args, stdout=io.StringIO())


def test_the_demo_has_about_thirty_documents_each_with_a_real_file(db):
    load_demo()
    documents = Document.objects.published()
    assert 25 <= documents.count() <= 35
    for document in documents:
        stored = document.files.get()
        assert stored.kind == "docx" and stored.text_state == "extracted"
        assert document.number in stored.text


def test_the_reference_article_links_to_plan_50_which_lists_it(client, db):
    load_demo()
    plan = Document.objects.get(number="50/KH-UBND", issuer="UBND thành phố Bạc Liêu")
    assert plan.issued_on.isoformat() == "2018-04-16"
    article = Article.objects.get(published_at__date="2018-04-18", title__contains="cải cách")
    page = client.get(article.get_absolute_url()).content.decode()
    assert re.search(rf'<a class="document-link" href="{plan.get_absolute_url()}"', page)
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert article.get_absolute_url() in plan_page
    assert "Được hướng dẫn bởi" in plan_page


def test_loading_the_demo_twice_changes_no_document(db):
    load_demo()
    before = list(Document.objects.values_list("pk", "updated_at"))
    load_demo()
    assert list(Document.objects.values_list("pk", "updated_at")) == before


def test_the_benchmark_adds_many_documents_in_bulk(db):
    load_demo("--documents", "300")
    assert Document.objects.filter(number_key__contains="-sinh-").count() == 300
    load_demo("--documents", "10")
    assert Document.objects.filter(number_key__contains="-sinh-").count() == 310
