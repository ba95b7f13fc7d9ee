from news.sanitize import sanitize_html


def test_scripts_are_removed_with_their_content():
    assert sanitize_html("<p>An toàn</p><script>alert(1)</script>") == "<p>An toàn</p>"


def test_event_handler_attributes_are_removed():
    cleaned = sanitize_html(
        '<p onclick="steal()">Xin chào</p><img src="/a.png" onerror="x()" alt="a">'
    )
    assert "onclick" not in cleaned and "onerror" not in cleaned
    assert "Xin chào" in cleaned


def test_javascript_urls_are_removed():
    cleaned = sanitize_html('<a href="javascript:alert(1)">bấm</a><a href="JaVaScRiPt:x">b</a>')
    assert "javascript" not in cleaned.lower()


def test_iframes_styles_and_forms_are_removed():
    cleaned = sanitize_html(
        '<iframe src="https://x"></iframe><style>p{}</style>'
        '<form><input></form><p style="color:red">a</p>'
    )
    for fragment in ("iframe", "<style", "form", "input", "color"):
        assert fragment not in cleaned


def test_tables_links_images_and_vietnamese_text_are_kept():
    html = (
        "<table><tbody><tr><th>Nội dung</th><td>Đường dây nóng</td></tr></tbody></table>"
        '<p><a href="https://baclieu.gov.vn/">Cổng tỉnh</a></p>'
        '<figure class="image"><img src="/media/editor/a.png" alt="Ảnh" width="640" height="480">'
        "<figcaption>Chú thích</figcaption></figure>"
    )
    cleaned = sanitize_html(html)
    for fragment in (
        "<table>",
        "<th>Nội dung</th>",
        "Đường dây nóng",
        'href="https://baclieu.gov.vn/"',
        'src="/media/editor/a.png"',
        'alt="Ảnh"',
        'width="640"',
        '<figure class="image">',
        "<figcaption>Chú thích</figcaption>",
    ):
        assert fragment in cleaned


def test_resized_editor_images_keep_only_their_width():
    cleaned = sanitize_html(
        '<figure class="image image_resized" style="width:50%;position:fixed">x</figure>'
    )
    assert 'style="width:50%"' in cleaned


def test_public_pages_get_resized_widths_as_classes_rounded_to_five():
    from news.sanitize import public_html

    stored = sanitize_html(
        '<figure class="image image_resized" style="width:37.52%;">'
        '<img src="/media/a.png"></figure>'
        '<figure class="image" style="width:1%"><img src="/media/b.png"></figure>'
        '<figure class="image image_resized" style="width:140%"><img src="/media/c.png"></figure>'
    )
    shown = str(public_html(stored))
    assert "style=" not in shown
    assert '<figure class="image image_resized w-40">' in shown
    assert '<figure class="image w-5">' in shown
    assert '<figure class="image image_resized w-100">' in shown


def test_the_article_page_shows_an_editor_resized_image_at_its_width(client, make_article):
    article = make_article(
        body='<figure class="image image_resized" style="width:50%">'
        '<img src="/media/a.png" alt="Ảnh"></figure>'
    )
    assert 'style="width:50%"' in article.body  # kept for the editor
    for url in (article.get_absolute_url(), article.get_print_url()):
        html = client.get(url).content.decode()
        assert '<figure class="image image_resized w-50">' in html, url
        # The widths are in site.css on the article page, in content.css in the print view.
        assert "/static/css/content.css" in html or "/static/css/site.css" in html, url
