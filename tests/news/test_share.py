import pytest

pytestmark = pytest.mark.django_db


def test_article_page_describes_itself_to_facebook_and_zalo(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert f'<meta property="og:description" content="{article.lead}">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html


def test_article_page_has_share_links_and_a_copy_button(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    encoded = f"http%3A%2F%2Ftestserver{article.get_absolute_url().replace('/', '%2F')}"
    assert f"https://www.facebook.com/sharer/sharer.php?u={encoded}" in html
    assert f"https://sp.zalo.me/share_inline?url={encoded}" in html
    assert "Sao chép liên kết" in html
    assert 'role="status"' in html


def test_share_texts_are_escaped(client, make_article):
    article = make_article(title='Họp "khẩn" <b>về</b> mưa lũ', lead="Sáng nay & chiều nay")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'content="Họp &quot;khẩn&quot; &lt;b&gt;về&lt;/b&gt; mưa lũ"' in html
    assert 'content="Sáng nay &amp; chiều nay"' in html
