import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Value
from django.utils import timezone

from core.prepared import PreparedQuery
from news.models import Article, Category

pytestmark = pytest.mark.django_db


def in_category(*, now, category_id):
    return (
        Article.objects.published(now)
        .as_listed()
        .filter(category_id=category_id)
        .annotate(mark=Value(7))
        .newest_first()
    )


@pytest.fixture
def articles(db):
    """Return two categories and their articles, one published only tomorrow."""
    now = timezone.now()
    first, second = (Category.objects.create(name=f"Chuyên mục {n}") for n in (1, 2))
    for n in range(6):
        Article.objects.create(
            title=f"Bài {n}",
            category=first if n % 2 else second,
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(hours=n) + dt.timedelta(days=1 if n == 1 else 0),
        )
    return first, second


def test_prepared_query_finds_what_its_queryset_finds(articles):
    query = PreparedQuery(in_category, now=dt.datetime, category_id=int)
    now = timezone.now()
    for category in articles:
        expected = list(in_category(now=now, category_id=category.pk))
        found = list(query.run(now=now, category_id=category.pk))
        assert [a.pk for a in found] == [a.pk for a in expected]
        assert [a.published_at for a in found] == [a.published_at for a in expected]
        assert {a.mark for a in found} == {7}


def test_prepared_query_sees_the_time_it_is_given(articles):
    query = PreparedQuery(in_category, now=dt.datetime, category_id=int)
    first = articles[0]
    today = {a.title for a in query.run(now=timezone.now(), category_id=first.pk)}
    tomorrow = {
        a.title for a in query.run(now=timezone.now() + dt.timedelta(days=2), category_id=first.pk)
    }
    assert "Bài 1" not in today
    assert tomorrow == today | {"Bài 1"}


def test_prepared_query_builds_its_queryset_once(articles):
    calls = []

    def build(**values):
        calls.append(values)
        return in_category(**values)

    query = PreparedQuery(build, now=dt.datetime, category_id=int)
    for category in articles:
        list(query.run(now=timezone.now(), category_id=category.pk))
    assert len(calls) == 1


def test_a_query_that_ignores_a_parameter_is_refused(articles):
    query = PreparedQuery(
        lambda *, now, category_id: Article.objects.published(now),
        now=dt.datetime,
        category_id=int,
    )
    with pytest.raises(ImproperlyConfigured, match="category_id"):
        query.run(now=timezone.now(), category_id=articles[0].pk)


def test_a_run_must_give_every_parameter(articles):
    query = PreparedQuery(in_category, now=dt.datetime, category_id=int)
    with pytest.raises(TypeError):
        query.run(now=timezone.now())


def test_compound_query_columns_come_back_as_fields(articles, django_assert_num_queries):
    def both(*, now, category_id):
        listed = in_category(now=now, category_id=category_id).order_by()
        return listed.filter(title="Bài 0").union(listed.filter(title="Bài 4"), all=True)

    query = PreparedQuery(both, now=dt.datetime, category_id=int)
    with django_assert_num_queries(1):
        found = sorted(query.run(now=timezone.now(), category_id=articles[1].pk), key=str)
        assert [(a.title, a.mark) for a in found] == [("Bài 0", 7), ("Bài 4", 7)]
        assert found[0].published_at > found[1].published_at


def test_prepared_rows_are_saved_instances_that_load_deferred_fields(
    articles, django_assert_num_queries
):
    query = PreparedQuery(in_category, now=dt.datetime, category_id=int)
    found = query.run(now=timezone.now(), category_id=articles[0].pk)[0]
    assert found._state.adding is False
    assert found._state.db == "default"
    body = Article.objects.get(pk=found.pk).body
    with django_assert_num_queries(1):
        assert found.body == body


def test_a_query_without_the_primary_key_is_refused(articles):
    query = PreparedQuery(
        lambda *, category_id: Article.objects.filter(category_id=category_id).values("title"),
        category_id=int,
    )
    with pytest.raises(ImproperlyConfigured):
        query.run(category_id=articles[0].pk)
