from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from counters import selectors
from counters.models import ArticleTotal, SiteTotal
from tests.planner import has_planner_statistics

pytestmark = pytest.mark.django_db

DEMO_CSV = Path(__file__).resolve().parents[2] / "counters" / "fixtures" / "demo_counts.csv"


def write(tmp_path, text: str, encoding="utf-8") -> Path:
    path = tmp_path / "counts.csv"
    path.write_bytes(text.encode(encoding))
    return path


def run(path: Path, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_counts", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_sets_the_site_total_and_article_views_by_slug_and_id(
    tmp_path, make_article, article
):
    other = make_article(title="Bài khác")
    path = write(
        tmp_path,
        f"kind,article,count\nsite,,5135392\nslug,{article.slug},629\nid,{other.pk},12\n",
    )
    out, _err = run(path)
    assert "Imported site visits = 5135392, 2 article total(s)." in out
    assert SiteTotal.objects.get().visits == 5135392
    assert selectors.article_views(article.pk) == 629
    assert selectors.article_views(other.pk) == 12


def test_counting_continues_from_the_imported_totals(tmp_path, client, article):
    run(write(tmp_path, f"kind,article,count\nsite,,5135392\nslug,{article.slug},629\n"))
    from .conftest import BROWSER_UA, hit_url

    response = client.post(
        hit_url(article), "{}", content_type="application/json", headers={"User-Agent": BROWSER_UA}
    )
    assert response.json()["views"] == 630
    assert response.json()["visits"] == 5135393
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'aria-label="Số lượt truy cập: 5135393"' in html
    assert "Số lượt người xem: " in html and ">630</span>" in html


def test_an_import_leaves_the_planner_statistics_of_the_totals(tmp_path, article):
    run(write(tmp_path, f"kind,article,count\nsite,,5135392\nslug,{article.slug},629\n"))
    assert has_planner_statistics(ArticleTotal._meta.db_table)
    assert has_planner_statistics(SiteTotal._meta.db_table)


def test_import_replaces_existing_totals(tmp_path, article):
    ArticleTotal.objects.create(article=article, views=5)
    SiteTotal.objects.create(visits=7)
    run(write(tmp_path, f"kind,article,count\nslug,{article.slug},629\n"))
    assert selectors.article_views(article.pk) == 629
    assert SiteTotal.objects.get().visits == 7  # no site row: the site total is left alone


def test_a_utf8_file_with_a_byte_order_mark_and_blank_lines_imports(tmp_path, article):
    path = write(tmp_path, "\ufeffKind,Article,Count\r\n\r\nsite,,10\r\n")
    run(path)
    assert SiteTotal.objects.get().visits == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("slug,count\n", "line 1: the header must be kind,article,count"),
        ("kind,article,count\nsite,,10\nsite,,x\n", "line 3: count must be a whole number"),
        ("kind,article,count\nsite,,-5\n", "line 2: count must be a whole number"),
        ("kind,article,count\nsite,,1.5\n", "line 2: count must be a whole number"),
        ("kind,article,count\npage,a,1\n", "line 2: kind must be one of site, slug, id"),
        ("kind,article,count\nsite,,1,2\n", "line 2: expected 3 fields"),
        ("kind,article,count\nsite,x,1\n", "line 2: a site row leaves the article field empty"),
        ("kind,article,count\nslug,,1\n", "line 2: the article field is empty"),
        ("kind,article,count\nid,abc,1\n", "line 2: an article id is a whole number"),
        ("kind,article,count\nsite,,1\n\nsite,,2\n", "line 4: duplicate of line 2"),
        ("kind,article,count\nslug,khong-co-bai-nay,1\n", "line 2: no article with slug"),
        ("kind,article,count\nid,999999,1\n", "line 2: no article with id"),
        ("kind,article,count\nsite,,99999999999999999999\n", "line 2: count is too large"),
    ],
)
def test_a_bad_csv_names_the_file_and_line(tmp_path, article, text, message):
    path = write(tmp_path, text)
    with pytest.raises(CommandError) as error:
        run(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert ArticleTotal.objects.count() == 0 and SiteTotal.objects.count() == 0


def test_good_rows_before_a_bad_one_are_not_imported(tmp_path, article):
    path = write(
        tmp_path, f"kind,article,count\nsite,,5135392\nslug,{article.slug},629\nid,1,many\n"
    )
    with pytest.raises(CommandError, match="line 4: count must be a whole number"):
        run(path)
    assert ArticleTotal.objects.count() == 0 and SiteTotal.objects.count() == 0


def test_the_same_article_by_slug_and_by_id_is_refused(tmp_path, article):
    path = write(tmp_path, f"kind,article,count\nslug,{article.slug},1\nid,{article.pk},2\n")
    with pytest.raises(CommandError, match="line 3: the same article as line 2"):
        run(path)
    assert ArticleTotal.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = write(tmp_path, "kind,article,count\nslug,bài,1\n", encoding="utf-16")
    with pytest.raises(CommandError, match="not UTF-8"):
        run(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.csv")


def test_skip_missing_imports_the_rest_and_names_the_skipped_lines(tmp_path, article):
    path = write(tmp_path, f"kind,article,count\nslug,khong-co,5\nslug,{article.slug},629\n")
    _out, err = run(path, "--skip-missing")
    assert "line 2: skipped, no article with slug 'khong-co'" in err
    assert selectors.article_views(article.pk) == 629


def test_the_demo_file_gives_the_source_pages_numbers(article):
    run(DEMO_CSV)
    assert SiteTotal.objects.get().visits == 5135392
    assert selectors.article_views(article.pk) == 629


def test_the_demo_file_imports_the_site_total_without_the_demo_article(db):
    with pytest.raises(CommandError, match="line 3: no article with slug"):
        run(DEMO_CSV)
    _out, err = run(DEMO_CSV, "--skip-missing")
    assert "line 3: skipped" in err
    assert SiteTotal.objects.get().visits == 5135392
