import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.utils import timezone

from news.models import Article, Category
from news.search.document import plain_text, query_terms, search_document
from news.search.highlight import highlight, snippet
from news.search.query import search_articles, search_queryset
from tests.conftest import VN

pytestmark = pytest.mark.django_db

SEARCH = "/tim-kiem/"
# PostgreSQL's full-text and trigram features.
on_postgresql = pytest.mark.postgresql


def vocabulary_queries() -> int:
    """Return how many queries a search makes first on a cold cache to read the vocabulary.

    PostgreSQL counts the articles of the query's words and of every month: 2.
    """
    return 2 if connection.vendor == "postgresql" else 0


def titles(response):
    return [article.title for article in response.context["article_list"]]


@pytest.fixture
def corpus(make_article, category):
    """Return a small corpus whose words the queries below pick apart."""
    other = Category.objects.create(name="Kinh tế", order=2)
    now = timezone.now()
    make_article(
        title="Đường dây nóng tiếp nhận phản ánh",
        lead="Số điện thoại đường dây nóng của UBND thành phố.",
        published_at=now - dt.timedelta(days=5),
    )
    make_article(
        title="Triển khai cải cách hành chính năm 2018",
        lead="Kế hoạch tuyên truyền.",
        body="<p>Nội dung về <strong>CCHC</strong>.</p>",
        published_at=now - dt.timedelta(days=4),
    )
    make_article(
        title="Hội nghị sơ kết",
        lead="Tóm tắt.",
        body="<p>Đẩy mạnh cải</p><p>cách hành chính trong quý I.</p>",
        published_at=now - dt.timedelta(days=3),
    )
    make_article(
        title="Anh hùng lao động",
        lead="Gặp gỡ người anh hùng.",
        category=other,
        published_at=now - dt.timedelta(days=2),
    )
    make_article(
        title="An toàn giao thông dịp lễ",
        lead="Đảm bảo an toàn.",
        body="<p>Đường phố đông đúc; gọi 1900-1234 khi cần.</p>",
        category=other,
        published_at=now - dt.timedelta(days=1),
    )
    make_article(
        title="Cải cách hành chính: bản nháp",
        status=Article.Status.DRAFT,
    )
    make_article(
        title="Cải cách hành chính: hẹn giờ",
        published_at=now + dt.timedelta(days=1),
    )


@pytest.mark.parametrize(
    "query", ["cai cach hanh chinh", "CẢI CÁCH HÀNH CHÍNH", "Cải cách hành chính", "cẢi CÁch"]
)
def test_diacritics_and_case_do_not_matter(client, corpus, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert set(titles(response)) == {"Triển khai cải cách hành chính năm 2018", "Hội nghị sơ kết"}


@pytest.mark.parametrize("query", ["duong day nong", "Đường dây nóng", "ĐƯỜNG DÂY NÓNG", "dUONG"])
def test_d_matches_đ(client, corpus, query):
    found = set(titles(client.get(SEARCH, {"q": query})))
    assert "Đường dây nóng tiếp nhận phản ánh" in found


# One table for both databases: the same corpus must give the same sets.
SAME_SETS = [
    ("an", {"An toàn giao thông dịp lễ"}),  # whole words: "an" is not "anh"
    ("anh", {"Anh hùng lao động", "Đường dây nóng tiếp nhận phản ánh"}),  # ánh too
    ("anh hung", {"Anh hùng lao động"}),
    ("duong", {"Đường dây nóng tiếp nhận phản ánh", "An toàn giao thông dịp lễ"}),
    ("cchc", {"Triển khai cải cách hành chính năm 2018"}),
    ("2018", {"Triển khai cải cách hành chính năm 2018"}),
    ("1900", {"An toàn giao thông dịp lễ"}),
    ("1900-1234", {"An toàn giao thông dịp lễ"}),
    ("ubnd thanh pho", {"Đường dây nóng tiếp nhận phản ánh"}),
    ("cai cach quy", {"Hội nghị sơ kết"}),  # words from two paragraphs of the body
    ("cach hanh", {"Triển khai cải cách hành chính năm 2018", "Hội nghị sơ kết"}),
    ("hanh chinh xyz", set()),  # every word must match
    ("strong", set()),  # tags are not text
    ("ca", set()),  # nor are prefixes words
    ("ban nhap", set()),  # drafts never show
    ("hen gio", set()),  # nor scheduled articles
]


@pytest.mark.parametrize(("query", "expected"), SAME_SETS)
def test_the_same_corpus_gives_the_same_sets_on_both_databases(client, corpus, query, expected):
    assert {article.title for article in search_articles(query_terms(query), site_id=1)} == expected
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    if not response.context["typo_fallback"]:
        assert set(titles(response)) == expected


def test_a_title_match_ranks_above_a_lead_match_above_a_body_match(client, make_article):
    now = timezone.now()
    make_article(title="Tin cũ", lead="Chợ nổi", published_at=now - dt.timedelta(days=3))
    make_article(title="Tin mới", body="<p>Chợ nổi Ngã Năm.</p>", published_at=now)
    make_article(title="Chợ nổi Cái Răng", published_at=now - dt.timedelta(days=9))
    response = client.get(SEARCH, {"q": "cho noi"})
    assert titles(response) == ["Chợ nổi Cái Răng", "Tin cũ", "Tin mới"]


def test_sort_by_date_puts_the_newest_first(client, make_article):
    now = timezone.now()
    make_article(title="Chợ nổi Cái Răng", published_at=now - dt.timedelta(days=9))
    make_article(title="Tin mới", body="<p>Chợ nổi Ngã Năm.</p>", published_at=now)
    response = client.get(SEARCH, {"q": "cho noi", "sort": "date"})
    assert titles(response) == ["Tin mới", "Chợ nổi Cái Răng"]


def test_category_filter_keeps_only_that_category(client, corpus):
    response = client.get(SEARCH, {"q": "an", "category": "kinh-te"})
    assert titles(response) == ["An toàn giao thông dịp lễ"]
    response = client.get(SEARCH, {"q": "an", "category": "tin-tuc-ve-cai-cach-thu-tuc-hanh-chinh"})
    assert "An toàn giao thông dịp lễ" not in titles(response)


@pytest.mark.parametrize(
    ("start", "end"), [("18/04/2018", "18/04/2018"), ("2018-04-18", "2018-04-18")]
)
def test_date_range_counts_local_days(client, make_article, start, end):
    make_article(title="Sau nửa đêm", published_at=dt.datetime(2018, 4, 18, 0, 30, tzinfo=VN))
    make_article(title="Trước nửa đêm", published_at=dt.datetime(2018, 4, 17, 23, 30, tzinfo=VN))
    make_article(title="Cuối ngày", published_at=dt.datetime(2018, 4, 18, 23, 59, tzinfo=VN))
    make_article(title="Hôm sau", published_at=dt.datetime(2018, 4, 19, 0, 0, tzinfo=VN))
    response = client.get(SEARCH, {"q": "bai viet", "start": start, "end": end})
    assert set(titles(response)) == {"Sau nửa đêm", "Cuối ngày"}


def test_open_ended_date_range(client, make_article):
    make_article(title="Năm 2017", published_at=dt.datetime(2017, 6, 1, tzinfo=VN))
    make_article(title="Năm 2019", published_at=dt.datetime(2019, 6, 1, tzinfo=VN))
    assert titles(client.get(SEARCH, {"q": "bai viet", "start": "01/01/2018"})) == ["Năm 2019"]
    assert titles(client.get(SEARCH, {"q": "bai viet", "end": "01/01/2018"})) == ["Năm 2017"]


def test_pagination_keeps_the_query_and_filters(client, make_article, category):
    now = timezone.now()
    for i in range(45):
        make_article(title=f"Cải cách số {i:02d}", published_at=now - dt.timedelta(hours=i + 1))
    params = {"q": "cải cách", "category": category.slug, "sort": "date"}
    page1 = client.get(SEARCH, params)
    assert titles(page1)[:2] == ["Cải cách số 00", "Cải cách số 01"]
    html = page1.content.decode()
    assert "?page=2&amp;q=c%E1%BA%A3i+c%C3%A1ch&amp;category=" in html
    assert "&amp;sort=date" in html
    page3 = client.get(SEARCH, {**params, "page": 3})
    assert titles(page3) == [f"Cải cách số {i}" for i in range(40, 45)]
    assert client.get(SEARCH, {**params, "page": 4}).status_code == 404
    assert client.get(SEARCH, {**params, "page": "abc"}).status_code == 404


def test_a_broad_search_counts_and_lists_no_further_than_the_cap(client, make_article, settings):
    settings.NEWS_SEARCH_MAX_RESULTS = 25
    now = timezone.now()
    for i in range(30):
        make_article(title=f"Cải cách số {i:02d}", published_at=now - dt.timedelta(hours=i + 1))
    for sort in ["date", ""]:
        params = {"q": "cải cách", "sort": sort}
        page1 = client.get(SEARCH, params)
        assert page1.context["paginator"].count == 25
        html = page1.content.decode()
        assert "Tìm thấy hơn 25 bài viết chứa “cải cách”." in html
        assert "Chỉ xét 25 bài mới nhất trong số đó." in html
        assert titles(client.get(SEARCH, {**params, "page": 2})) == [
            f"Cải cách số {i}" for i in range(20, 25)
        ]
        assert client.get(SEARCH, {**params, "page": 3}).status_code == 404


def test_a_search_at_the_cap_says_the_exact_count(client, make_article, settings):
    settings.NEWS_SEARCH_MAX_RESULTS = 3
    for i in range(3):
        make_article(title=f"Cải cách {i}")
    html = client.get(SEARCH, {"q": "cai cach"}).content.decode()
    assert "Tìm thấy 3 bài viết chứa “cai cach”." in html
    assert "Chỉ xét" not in html


def test_the_capped_count_is_written_the_vietnamese_way(client, category, settings):
    settings.NEWS_SEARCH_MAX_RESULTS = 1000
    now = timezone.now()
    fields = {"title": "Chợ nổi", "lead": "", "body": ""}
    Article.objects.bulk_create(
        Article(
            slug=f"cho-noi-{i}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(minutes=i + 1),
            search_text=search_document(**fields),
            **fields,
        )
        for i in range(1001)
    )
    html = client.get(SEARCH, {"q": "chợ nổi"}).content.decode()
    assert "Tìm thấy hơn 1.000 bài viết chứa “chợ nổi”." in html


def test_a_broad_search_ranks_its_newest_matches(client, make_article, settings):
    settings.NEWS_SEARCH_MAX_RESULTS = 3
    now = timezone.now()
    make_article(title="Chợ nổi Cái Răng", published_at=now - dt.timedelta(days=9))
    make_article(title="Tin một", body="<p>Chợ nổi.</p>", published_at=now - dt.timedelta(days=3))
    make_article(title="Tin hai", body="<p>Chợ nổi.</p>", published_at=now - dt.timedelta(days=2))
    make_article(title="Tin ba", lead="Chợ nổi", published_at=now - dt.timedelta(days=4))
    make_article(title="Tin bốn", body="<p>Chợ nổi.</p>", published_at=now - dt.timedelta(days=5))
    # The newest three matches, best first; the older title match is past the cap.
    assert titles(client.get(SEARCH, {"q": "cho noi"})) == ["Tin ba", "Tin hai", "Tin một"]


def test_snippet_and_title_are_highlighted_and_escaped(client, make_article):
    make_article(
        title="Cải cách <script>alert(1)</script> thủ tục",
        lead="",
        body="<p>Trước đó. Tiếp tục &lt;b&gt;cải cách&lt;/b&gt; thủ tục hành chính.</p>",
    )
    html = client.get(SEARCH, {"q": "cai cach"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<mark>Cải</mark> <mark>cách</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;<mark>cải</mark> <mark>cách</mark>&lt;/b&gt;" in html


def test_html_in_the_query_is_shown_escaped(client, corpus):
    response = client.get(SEARCH, {"q": '<img src=x onerror="alert(1)"> cải cách'})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_the_kept_search_form_shows_each_search_its_own_words_and_filters(client, corpus):
    economy = Category.objects.get(name="Kinh tế").slug

    def form_of(params):
        response = client.get(SEARCH, params)
        html = response.content.decode()
        start = html.index('<form class="search-form"')
        return html[start : html.index("</form>", start)]

    form_of({"q": "cải cách", "category": economy, "sort": "date"})
    form = form_of({"q": '"><b>x</b> đường', "category": economy, "sort": "date"})
    assert 'value="&quot;&gt;&lt;b&gt;x&lt;/b&gt; đường"' in form
    assert f'<option value="{economy}" selected>' in form
    assert '<option value="date" selected>' in form
    # Another order and no category: not the form kept for the first search.
    form = form_of({"q": "UBND"})
    assert 'value="UBND"' in form
    assert '<option value="" selected>Tất cả chuyên mục</option>' in form
    assert f'<option value="{economy}" selected>' not in form
    assert '<option value="" selected>Phù hợp nhất</option>' in form
    # A date is shown as typed, an error with its message.
    form = form_of({"q": "UBND", "start": "1/5/2018", "category": economy})
    assert 'value="1/5/2018"' in form
    form = form_of({"q": "UBND", "start": "31/2/2018"})
    assert 'value="31/2/2018"' in form
    assert "Ngày không hợp lệ" in form
    assert 'value="UBND"' in form


def test_sql_in_the_query_is_only_words(client, corpus):
    response = client.get(SEARCH, {"q": "'; DROP TABLE news_article; -- cải cách"})
    assert response.status_code == 200
    assert titles(response) == []
    assert Article.objects.count() == 7
    response = client.get(SEARCH, {"q": "cach' OR '1'='1"})
    assert response.status_code == 200
    assert titles(response) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Vui lòng nhập từ khóa cần tìm."),
        ({"q": "   "}, "Vui lòng nhập từ khóa cần tìm."),
        ({"page": "2"}, "Vui lòng nhập từ khóa cần tìm."),
        ({"q": "!!! ... ---"}, "Từ khóa cần có ít nhất một chữ cái hoặc chữ số."),
        ({"q": "a" * 201}, "Từ khóa quá dài: tối đa 200 ký tự (bạn nhập 201)."),
        ({"q": "cải cách " * 1112}, "Từ khóa quá dài: tối đa 200 ký tự"),
        ({"q": "\x00"}, "Từ khóa chứa ký tự không hợp lệ."),
        ({"q": "cải\x00cách"}, "Từ khóa chứa ký tự không hợp lệ."),
        ({"q": "cải", "category": "khong-co"}, "Chuyên mục này không tồn tại."),
        ({"q": "cải", "category": "\x00"}, "Chuyên mục này không tồn tại."),
        ({"q": "cải", "start": "31/02/2024"}, "Ngày không hợp lệ"),
        ({"q": "cải", "start": "\x00"}, "Ngày không hợp lệ"),
        ({"q": "cải", "start": "01/01/0001"}, "Hãy chọn ngày trong các năm 1900–2100."),
        ({"q": "cải", "end": "9999-12-31"}, "Hãy chọn ngày trong các năm 1900–2100."),
        ({"q": "cải", "start": "02/01/2020", "end": "01/01/2020"}, "“Đến ngày” phải sau"),
        ({"q": "cải", "sort": "'; --"}, "Cách sắp xếp không hợp lệ."),
    ],
)
def test_bad_queries_get_a_clear_message_not_a_500(client, corpus, params, message):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html
    assert list(response.context["article_list"]) == []


def test_ten_thousand_characters_get_a_message(client, corpus):
    response = client.get(SEARCH, {"q": "x" * 10_000})
    assert response.status_code == 400
    assert "Từ khóa quá dài: tối đa 200 ký tự (bạn nhập 10000)." in response.content.decode()


def test_the_bare_search_page_explains_itself(client, db):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "có dấu hoặc không dấu" in response.content.decode()


def test_every_page_has_a_labelled_search_box_in_the_header(client, article):
    for url in ["/", article.category.get_absolute_url(), article.get_absolute_url(), SEARCH]:
        html = client.get(url).content.decode()
        header = html[html.index('<header class="site-header"') : html.index("</header>")]
        assert 'role="search"' in header, url
        assert 'action="/tim-kiem/"' in header, url
        assert '<label class="visually-hidden" for="header-search-q">' in header, url
        assert 'id="header-search-q" name="q"' in header, url


@pytest.mark.parametrize("count", [3, 25])
def test_search_page_query_count_does_not_grow_with_results(
    known_portals, client, make_article, django_assert_num_queries, count
):
    for i in range(count):
        make_article(title=f"Cải cách {i}")
    # The matches, the page of results, the next scheduled change (three, for
    # the cache lifetime: articles two, documents one), the categories (menu
    # and filter), the documents' group (their kinds, kept, and the matches);
    # the sidebar's blocks on a cold cache (visit numbers, most read, links,
    # photos, archive blocks): 9. On PostgreSQL, the vocabulary's counts first.
    with django_assert_num_queries(17 + vocabulary_queries()):
        response = client.get(SEARCH, {"q": "cai cach"})
    assert response.context["paginator"].count == count


def test_query_count_with_every_filter_is_fixed(
    known_portals, client, make_article, category, django_assert_num_queries
):
    for i in range(25):
        make_article(title=f"Cải cách {i}")
    # The chosen category, the matches, the page, the next scheduled change
    # (three), the categories, the documents' group (kinds and matches); the
    # sidebar's blocks on a cold cache: 9. On PostgreSQL, the vocabulary's
    # counts first.
    with django_assert_num_queries(18 + vocabulary_queries()):
        response = client.get(
            SEARCH,
            {"q": "cai cach", "category": category.slug, "start": "01/01/2000", "sort": "date"},
        )
    assert len(titles(response)) == 20


def test_save_and_bulk_insert_fill_the_same_search_text(category):
    fields = {
        "title": "Đường dây nóng",
        "lead": "Gọi ngay!",
        "body": "<p>Phản&nbsp;ánh</p><ul><li>một</li><li>hai</li></ul>",
    }
    saved = Article(slug="luu", category=category, **fields)
    saved.save()
    bulk = Article.objects.bulk_create(
        [
            Article(
                slug="hang-loat", category=category, search_text=search_document(**fields), **fields
            )
        ]
    )[0]
    bulk.refresh_from_db()
    assert (
        saved.search_text
        == bulk.search_text
        == " duong day nong \n goi ngay \n phan anh mot hai \n  "
    )


def test_saving_only_the_title_refreshes_the_search_text(make_article):
    article = make_article(title="Tiêu đề cũ")
    article.title = "Tiêu đề mới"
    article.save(update_fields=["title"])
    article.refresh_from_db()
    assert " tieu de moi " in article.search_text
    assert list(search_articles(["moi"], site_id=1)) == [article]


def test_a_byline_finds_the_articles_it_signs(client, make_article):
    signed = make_article(title="Hội nghị giao ban", byline="Kim Ngân")
    make_article(title="Tiếp công dân", byline="Minh Thư")
    response = client.get(SEARCH, {"q": "Kim Ngân"})
    assert titles(response) == [signed.title]
    assert titles(client.get(SEARCH, {"q": "kim ngan"})) == [signed.title]


def test_the_source_finds_the_articles_taken_from_it(client, make_article):
    taken = make_article(title="Mùa lúa mới", source="Báo Bạc Liêu")
    make_article(title="Tin trong nước", source="Cổng thông tin Chính phủ")
    assert titles(client.get(SEARCH, {"q": "báo bạc liêu"})) == [taken.title]


def test_a_byline_or_source_match_ranks_below_title_and_lead_matches(client, make_article):
    now = timezone.now()
    make_article(title="Tin ký tên", byline="Trần Phương", published_at=now)
    make_article(
        title="Tin trích nguồn",
        byline="Kim Ngân",
        source="Đài Phương Nam",
        published_at=now - dt.timedelta(days=1),
    )
    make_article(
        title="Tin có sapo", lead="Vùng đất phương Nam.", published_at=now - dt.timedelta(days=2)
    )
    make_article(title="Phương án giao thông", published_at=now - dt.timedelta(days=3))
    assert titles(client.get(SEARCH, {"q": "phuong"})) == [
        "Phương án giao thông",
        "Tin có sapo",
        "Tin ký tên",
        "Tin trích nguồn",
    ]


def test_saving_only_the_byline_refreshes_the_search_text(make_article):
    article = make_article(byline="Kim Ngân")
    article.byline = "Hoàng Yến"
    article.save(update_fields=["byline"])
    article.refresh_from_db()
    assert list(search_articles(["hoang", "yen"], site_id=1)) == [article]
    assert list(search_articles(["kim", "ngan"], site_id=1)) == []


def test_the_byline_migration_goes_back_to_three_lines_and_forth_again(make_article):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("news.migrations.0009_search_byline_and_source")
    article = make_article(title="Đường dây nóng", lead="Gọi ngay", body="", byline="Kim Ngân")
    migration.without_byline_and_source(apps, None)
    article.refresh_from_db()
    assert article.search_text == " duong day nong \n goi ngay \n  "
    assert list(search_articles(["kim"], site_id=1)) == []
    migration.with_byline_and_source(apps, None)
    article.refresh_from_db()
    assert article.search_text == " duong day nong \n goi ngay \n  \n kim ngan "
    assert list(search_articles(["kim"], site_id=1)) == [article]


def test_plain_text_separates_blocks_and_decodes_entities():
    html = "<p>Một&amp;hai</p><p>ba<br>bốn</p><table><tr><td>năm</td><td>sáu</td></tr></table>"
    assert plain_text(html) == "Một&hai ba bốn năm sáu"


def test_query_terms_fold_and_deduplicate():
    assert query_terms("Đường ĐƯỜNG duong, dây-nóng!") == ["duong", "day", "nong"]


def test_highlight_marks_whole_words_only():
    assert str(highlight("Anh an <an>", ["an"])) == "Anh <mark>an</mark> &lt;<mark>an</mark>&gt;"


def test_highlight_matches_any_case_and_diacritics_of_a_folded_term():
    marked = str(highlight("ĐƯỜNG dây nóng, đường_phố, Đuong", ["duong"]))
    assert marked == "<mark>ĐƯỜNG</mark> dây nóng, <mark>đường</mark>_phố, <mark>Đuong</mark>"


def test_highlight_marks_a_letter_with_a_combining_mark_of_its_own():
    # Q with an acute accent has no precomposed form: NFC leaves the mark apart.
    assert str(highlight("q\u0301ua", ["qua"])) == "<mark>q\u0301ua</mark>"


def test_a_snippet_is_cut_around_the_first_match_with_ellipses():
    words = " ".join(f"từ{i}" for i in range(100))
    text = snippet(lead="", body=f"<p>{words} Cải cách {words}</p>", terms=["cai"], size=12)
    assert str(text).startswith("… từ97 từ98 từ99 <mark>Cải</mark> cách từ0")
    assert str(text).endswith(" …")
    assert len(str(text).split()) == 12 + 2


def test_a_snippet_near_the_end_shows_the_words_before_it():
    words = " ".join(f"từ{i}" for i in range(100))
    text = snippet(lead="", body=f"<p>{words} cuối</p>", terms=["cuoi"], size=10)
    assert str(text) == "… từ91 từ92 từ93 từ94 từ95 từ96 từ97 từ98 từ99 <mark>cuối</mark>"


def test_a_snippet_without_a_match_starts_at_the_lead():
    text = snippet(lead="Tóm <tắt>", body="<p>Nội dung.</p>", terms=["xyz"], size=10)
    assert str(text) == "Tóm &lt;tắt&gt; Nội dung"


@on_postgresql
def test_a_typo_is_corrected_to_the_nearest_word_on_postgresql(client, corpus):
    response = client.get(SEARCH, {"q": "cai cach hanh chnh"})
    assert response.status_code == 200
    assert response.context["typo_fallback"]
    assert set(titles(response)) == {"Triển khai cải cách hành chính năm 2018", "Hội nghị sơ kết"}
    html = response.content.decode()
    assert "Có phải bạn muốn tìm “cai cach hanh chinh”?" in html
    assert "<mark>chính</mark>" in html


@on_postgresql
def test_a_typo_corrected_once_is_corrected_again_without_the_vocabulary_until_content_changes(
    client, corpus, make_article
):
    from django.test.utils import CaptureQueriesContext

    def corrections(query):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(SEARCH, {"q": query})
        asked = sum("<->" in q["sql"] for q in captured.captured_queries)
        return asked, response.context["corrected_query"]

    assert corrections("cai cach hanh chnh") == (1, "cai cach hanh chinh")
    assert corrections("cai cach hanh chnh") == (0, "cai cach hanh chinh")
    # Terms asked before in another query are not looked up again.
    assert corrections("chnh hanh cach") == (0, "chinh hanh cach")
    assert corrections("duong day nongg") == (1, "duong day nong")
    # An article holding the typed word: the word is no typo any more.
    make_article(title="Chnh sửa")
    assert corrections("cai cach hanh chnh") == (1, "")


@on_postgresql
def test_a_correction_found_only_in_drafts_is_never_shown(client, make_article):
    make_article(title="Kế hoạch bí mật", status=Article.Status.DRAFT)
    response = client.get(SEARCH, {"q": "bi matt"})
    assert not response.context["typo_fallback"]
    assert titles(response) == []
    assert "mật" not in response.content.decode()


@on_postgresql
def test_a_query_of_known_words_that_match_nothing_together_is_not_corrected(client, corpus):
    response = client.get(SEARCH, {"q": "anh hung duong"})
    assert not response.context["typo_fallback"]
    assert titles(response) == []


def vocabulary(*, months: bool = False) -> dict[str, int]:
    """Return the words (or the months) the vocabulary holds, with their articles."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, articles FROM news_searchword WHERE articles > 0")
        rows = cursor.fetchall()
    return {word: n for word, n in rows if word.startswith("_m") == months}


@on_postgresql
def test_the_vocabulary_counts_the_articles_of_each_month(make_article):
    make_article(published_at=dt.datetime(2024, 1, 31, 23, 30, tzinfo=dt.UTC))
    moved = make_article(published_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    # Midnight of 1 February in Vietnam is still January in UTC.
    make_article(published_at=dt.datetime(2024, 2, 1, 0, 0, tzinfo=VN))
    assert vocabulary(months=True) == {"_m202401": 3}
    moved.published_at = dt.datetime(2024, 3, 5, tzinfo=dt.UTC)
    moved.save()
    assert vocabulary(months=True) == {"_m202401": 2, "_m202403": 1}


@on_postgresql
def test_the_vocabulary_follows_inserts_edits_and_deletes(make_article, category):
    before = vocabulary()

    def added() -> dict[str, int]:
        now = vocabulary()
        changed = {word: now.get(word, 0) - before.get(word, 0) for word in {*now, *before}}
        return {word: change for word, change in changed.items() if change}

    article = make_article(title="Chợ nổi", lead="", body="", byline="")
    assert added() == {"cho": 1, "noi": 1}
    fields = {"title": "Chợ đêm", "lead": "", "body": ""}
    Article.objects.bulk_create(
        [
            Article(
                slug="cho-dem", category=category, search_text=search_document(**fields), **fields
            )
        ]
    )
    assert added() == {"cho": 2, "noi": 1, "dem": 1}
    article.title = "Phố đêm"
    article.save()
    assert added() == {"cho": 1, "dem": 2, "pho": 1}
    Article.objects.filter(slug="cho-dem").delete()
    assert added() == {"dem": 1, "pho": 1}


@on_postgresql
def test_emptying_the_articles_table_empties_the_vocabulary(make_article):
    make_article(title="Chợ nổi", lead="", body="")
    with connection.cursor() as cursor:
        # The test's transaction still holds the deferred checks of the insert.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE news_article CASCADE")
    assert vocabulary() == {}


@pytest.fixture
def filler(category):
    """Add enough articles for the planner to prefer an index, then refresh its statistics."""
    now = timezone.now()
    articles = []
    for i in range(3000):
        fields = {"title": f"Tin tức số {i}", "lead": "Tóm tắt.", "body": "<p>Nội dung.</p>"}
        articles.append(
            Article(
                slug=f"tin-{i}",
                category=category,
                status=Article.Status.PUBLISHED,
                published_at=now - dt.timedelta(minutes=i + 1),
                search_text=search_document(**fields),
                **fields,
            )
        )
    Article.objects.bulk_create(articles, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")


def plan_of(queryset, *, seqscan: bool = True) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if not seqscan:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


# A table of a few rows is read whole whatever the indexes; with the vector
# stored, even 3,000 short rows are cheaper to read than the index. What must
# hold is that the match is the GIN index's condition (on 100,000 articles it
# is a narrow query's plan) and that no article's text is parsed again.
@on_postgresql
def test_the_match_is_served_by_the_gin_index_on_postgresql(corpus, filler):
    from news.search.schema import document_matches

    plan = plan_of(Article.objects.filter(document_matches("cai cach")), seqscan=False)
    assert "Bitmap Index Scan on article_search_vector_idx" in plan, plan


@on_postgresql
@pytest.mark.parametrize("by_date", [False, True])
def test_search_reads_the_stored_vector_on_postgresql(corpus, filler, by_date):
    plan = plan_of(search_queryset(query_terms("cải cách"), site_id=1, by_date=by_date))
    assert "search_vector @@" in plan, plan
    assert "to_tsvector" not in plan, plan


def test_a_search_is_compiled_once_for_its_number_of_terms_and_filters(corpus, category):
    from news.search.query import _matches_query, find

    find(["cai", "cach"], site_id=1)
    compiled = _matches_query.cache_info().misses
    assert search_articles(["hanh", "chinh"], site_id=1) == search_articles(
        ["cai", "cach"], site_id=1
    )
    assert _matches_query.cache_info().misses == compiled
    find(["cai", "cach"], site_id=1, category=category)
    assert _matches_query.cache_info().misses == compiled + 1


@on_postgresql
def test_typo_correction_is_served_by_the_vocabulary_trigram_index_on_postgresql(corpus):
    from news.search.vocabulary import _CORRECTION_SQL, MAX_TYPO_DISTANCE

    with connection.cursor() as cursor:
        # A test's handful of words is read faster whole; what matters is that the
        # index can hand over one portal's words nearest first, as at full size.
        for switch in ("seqscan", "bitmapscan", "sort"):
            cursor.execute(f"SET LOCAL enable_{switch} = off")
        cursor.execute(f"EXPLAIN {_CORRECTION_SQL}", [1, MAX_TYPO_DISTANCE, ["chnh"]])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "news_searchword_trgm_idx" in plan, plan


def test_rebuild_command_repairs_search_text_written_around_save(make_article):
    from django.core.management import call_command

    article = make_article(title="Đường dây nóng")
    Article.objects.filter(pk=article.pk).update(title="Cải cách hành chính", search_text="")
    assert list(search_articles(["cai"], site_id=1)) == []
    call_command("rebuild_search_text", stdout=io.StringIO())
    assert list(search_articles(["cai", "cach"], site_id=1)) == [article]


def test_a_repeated_search_is_served_from_the_page_cache_until_an_article_changes(
    client, make_article, django_assert_num_queries, settings
):
    settings.PAGE_CACHE = True
    make_article(title="Cải cách một")
    assert titles(client.get(SEARCH, {"q": "cai cach"})) == ["Cải cách một"]
    with django_assert_num_queries(0):
        cached = client.get(SEARCH, {"q": "cai cach"})
    assert "<mark>Cải</mark> <mark>cách</mark> một" in cached.content.decode()
    make_article(title="Cải cách hai")
    assert set(titles(client.get(SEARCH, {"q": "cai cach"}))) == {"Cải cách một", "Cải cách hai"}


def test_bad_queries_are_not_cached(client, db):
    assert client.get(SEARCH, {"q": ""}).status_code == 400
    response = client.get(SEARCH, {"q": ""})
    assert response.status_code == 400
    assert response.context is not None


def test_the_months_of_a_window_run_over_the_new_year():
    from news.search.schema import month_lexeme, months_since

    now = dt.datetime(2025, 1, 31, 20, 0, tzinfo=VN)
    assert month_lexeme(now) == "_m202501"
    assert months_since("_m202411", now) == ["_m202501", "_m202412", "_m202411"]
    assert months_since("_m202501", now) == ["_m202501"]


@pytest.fixture
def weekly_news(category):
    """Add 96 weekly articles: lúa in every 5th, gạo in every 3rd, sen in every 8th."""
    now = timezone.now()
    articles = []
    for i in range(96):
        words = " ".join(w for w, every in [("lúa", 5), ("gạo", 3), ("sen", 8)] if i % every == 0)
        fields = {"title": f"Tin {i} {words}", "lead": "Tóm tắt.", "body": f"<p>Số {i}.</p>"}
        articles.append(
            Article(
                slug=f"tin-{i}",
                category=category,
                status=Article.Status.PUBLISHED,
                published_at=now - dt.timedelta(days=7 * i, hours=1),
                search_text=search_document(**fields),
                **fields,
            )
        )
    Article.objects.bulk_create(articles)


@on_postgresql
@pytest.mark.parametrize("by_date", [False, True])
@pytest.mark.parametrize(
    ("query", "windows"),
    [
        # sen is in 12 of 96 articles: the last months that should hold 3 × 1.25 do.
        ("sen", ["months"]),
        # lúa and gạo go together less often than lúa alone: the window widens
        # once, to older months only.
        ("lúa gạo", ["months", "months"]),
        # Together in two articles only: then every older month is read.
        ("lúa gạo sen", ["months", "before"]),
    ],
)
def test_a_rare_query_reads_the_last_months_and_finds_the_newest_matches(
    weekly_news, settings, monkeypatch, query, windows, by_date
):
    from django.test.utils import CaptureQueriesContext

    from news.search import query as search

    settings.NEWS_SEARCH_MAX_RESULTS = 2
    terms = query_terms(query)
    with CaptureQueriesContext(connection) as captured:
        found = search.find(terms, site_id=1, by_date=by_date)
    searches = [q["sql"] for q in captured.captured_queries if '"search_vector" @@' in q["sql"]]
    months = [set(re.findall(r"_m\d{6}", sql)) for sql in searches]
    read = [
        "months" if held else "before" if '"published_at" <' in sql else "all"
        for sql, held in zip(searches, months, strict=True)
    ]
    assert read == windows
    # No month is read twice: a wider window reads the months older than the last.
    assert sum(len(held) for held in months) == len(set().union(*months))
    # The same answer as reading every month.
    monkeypatch.setattr(search, "WINDOW_BELOW_SHARE", 0)
    assert found == search.find(terms, site_id=1, by_date=by_date)
    assert found.ids


@on_postgresql
def test_a_word_no_article_holds_is_answered_by_the_vocabulary_alone(weekly_news):
    from django.test.utils import CaptureQueriesContext

    from news.search.query import Matches, find

    with CaptureQueriesContext(connection) as captured:
        assert find(["lua", "khongco"], site_id=1) == Matches(ids=[], capped=False)
    sql = [query["sql"] for query in captured.captured_queries]
    assert any("news_searchword" in query for query in sql)
    assert not any('"search_vector" @@' in query for query in sql)


@on_postgresql
def test_the_vocabulary_counts_are_read_once_per_content_version(
    weekly_news, make_article, django_assert_num_queries
):
    from django.test.utils import CaptureQueriesContext

    from news.search.query import find

    find(["lua", "gao"], site_id=1)
    # Only the matches are read again.
    with django_assert_num_queries(1):
        find(["lua", "gao"], site_id=1, by_date=True)
    # A new article changes the content version: the counts are read anew.
    article = make_article(title="Lúa gạo mới")
    with CaptureQueriesContext(connection) as captured:
        found = find(["lua", "gao"], site_id=1, by_date=True)
    assert found.ids[0] == article.pk
    assert any("news_searchword" in query["sql"] for query in captured.captured_queries)


def test_a_snippet_follows_an_edit_of_the_article(client, make_article):
    article = make_article(title="Tin", lead="", body="<p>Cải cách lần đầu.</p>")
    assert "lần đầu" in client.get(SEARCH, {"q": "cai cach"}).content.decode()
    article.body = "<p>Cải cách lần hai.</p>"
    article.save()
    html = client.get(SEARCH, {"q": "cai cach"}).content.decode()
    assert "lần hai" in html
    assert "lần đầu" not in html


def test_the_articles_of_results_are_loaded_once_per_content_version(
    make_article, django_assert_num_queries
):
    from news.search.query import articles_in_order

    first = make_article(title="Cải cách một")
    second = make_article(title="Cải cách hai")
    ids = [second.pk, first.pk]
    assert [article.title for article in articles_in_order(ids, site_id=1)] == [
        "Cải cách hai",
        "Cải cách một",
    ]
    with django_assert_num_queries(0):
        again = articles_in_order(ids[:1], site_id=1)
    again[0].snippet = "chỉ của trang này"
    assert not hasattr(articles_in_order(ids[:1], site_id=1)[0], "snippet")
    first.title = "Cải cách mới"
    first.save()
    assert [article.title for article in articles_in_order(ids, site_id=1)] == [
        "Cải cách hai",
        "Cải cách mới",
    ]


def test_search_schema_check_finds_the_configuration_and_columns(monkeypatch):
    from news.search import schema

    if connection.vendor != "postgresql":
        assert schema.missing_search_schema(connection) == []
        return
    assert schema.check_search_schema(databases=["default"]) == []
    monkeypatch.setattr(schema, "HEAD_COLUMN", "search_missing")
    monkeypatch.setattr(schema, "CONFIG", "no_such_configuration")
    [error] = schema.check_search_schema(databases=["default"])
    assert error.id == "news.E001"
    assert "no_such_configuration" in error.msg
    assert "news_article.search_missing" in error.msg
