import datetime as dt

import pytest
from django.utils import timezone

from news.models import Article, Category
from news.templatetags.news_tags import vn_date, vn_datetime
from news.text import fold, vietnamese_slugify

VN = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đường dây nóng", "duong-day-nong"),
        ("đường ĐI đến Đảo", "duong-di-den-dao"),
        ("Cải cách Thủ tục hành chính năm 2018", "cai-cach-thu-tuc-hanh-chinh-nam-2018"),
        ("Kế hoạch số 50/KH-UBND", "ke-hoach-so-50kh-ubnd"),
    ],
)
def test_slugs_drop_diacritics_and_turn_d_bar_into_d(text, slug):
    assert vietnamese_slugify(text) == slug


def test_fold_keeps_words_and_drops_marks():
    assert fold("  CẢI   CÁCH  Hành chính đ ") == "cai cach hanh chinh d"


@pytest.mark.django_db
def test_article_slug_is_filled_from_the_title(make_article):
    assert make_article(title="Đường dây nóng").slug == "duong-day-nong"


@pytest.mark.django_db
def test_clashing_slugs_get_a_suffix(make_article):
    slugs = [make_article(title="Đường dây nóng").slug for _ in range(3)]
    assert slugs == ["duong-day-nong", "duong-day-nong-2", "duong-day-nong-3"]


@pytest.mark.django_db
def test_a_title_of_punctuation_only_still_gets_a_slug(make_article):
    first = make_article(title="!!! ??? …")
    second = make_article(title="—")
    assert first.slug == "bai-viet"
    assert second.slug == "bai-viet-2"


@pytest.mark.django_db
def test_a_given_slug_is_kept(make_article):
    assert make_article(title="Tiêu đề", slug="duong-dan-rieng").slug == "duong-dan-rieng"


@pytest.mark.django_db
def test_category_slug_is_vietnamese_aware():
    assert Category.objects.create(name="Đô thị - Đất đai").slug == "do-thi-dat-dai"


@pytest.mark.django_db
def test_an_article_can_be_created_in_code_with_the_documented_fields(category):
    article = Article(
        title="Tin mới",
        lead="Tóm tắt",
        body="<p>Nội dung</p><script>x()</script>",
        byline="Kim Ngân",
        category=category,
        published_at=timezone.now(),
        status="published",
    )
    article.save()
    assert article.slug == "tin-moi"
    assert "<script>" not in article.body
    assert Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.django_db
class TestVisibilityRule:
    def test_published_in_the_past_is_public(self, make_article):
        article = make_article()
        assert list(Article.objects.published()) == [article]
        assert article.is_public()

    @pytest.mark.parametrize("status", ["draft", "pending", "unpublished"])
    def test_unpublished_statuses_are_not_public(self, make_article, status):
        article = make_article(status=status)
        assert not Article.objects.published().exists()
        assert not article.is_public()

    def test_scheduled_article_is_not_public_until_its_time(self, make_article):
        article = make_article(published_at=timezone.now() + dt.timedelta(minutes=1))
        assert not Article.objects.published().exists()
        assert not article.is_public()

    def test_expired_article_is_not_public(self, make_article):
        article = make_article(expires_at=timezone.now() - dt.timedelta(seconds=1))
        assert not Article.objects.published().exists()
        assert not article.is_public()

    def test_article_with_a_future_expiry_is_public(self, make_article):
        make_article(expires_at=timezone.now() + dt.timedelta(days=1))
        assert Article.objects.published().count() == 1


def test_date_line_reads_like_the_source_page():
    assert vn_datetime(dt.datetime(2018, 4, 18, 9, 30, tzinfo=VN)) == "Thứ Tư, 18/04/2018, 09:30"


def test_date_line_is_in_vietnam_time_for_an_article_at_half_past_midnight():
    # 00:30 on 18/04 in Vietnam is 17:30 on 17/04 in UTC.
    moment = dt.datetime(2018, 4, 17, 17, 30, tzinfo=dt.UTC)
    assert vn_datetime(moment) == "Thứ Tư, 18/04/2018, 00:30"
    assert vn_date(moment) == "18/04/2018"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (16, "Thứ Hai"),
        (17, "Thứ Ba"),
        (19, "Thứ Năm"),
        (20, "Thứ Sáu"),
        (21, "Thứ Bảy"),
        (22, "Chủ Nhật"),
    ],
)
def test_every_weekday_is_written_in_words(day, name):
    assert vn_datetime(dt.datetime(2018, 4, day, 8, 0, tzinfo=VN)).startswith(name + ", ")
