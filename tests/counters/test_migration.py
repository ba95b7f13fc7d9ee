"""Counts of the one-portal days move into the first portal (migrations 0007 to 0009)."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from counters import selectors, services

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("counters", "0006_record_hit_names_from_models")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest():
    """Leave the database fully migrated whatever happens, for the tests that follow."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.usefixtures("counting_path")
def test_the_counts_of_a_single_portal_move_into_the_first_portal(back_to_the_latest):
    old = migrate(BEFORE)
    now = timezone.now()
    today = timezone.localdate(now)
    minute = now.replace(second=0, microsecond=0)
    known = uuid.uuid4()
    old.get_model("counters", "SiteTotal").objects.bulk_create(
        [
            old.get_model("counters", "SiteTotal")(shard=0, visits=5135392),
            old.get_model("counters", "SiteTotal")(shard=3, visits=8),
        ]
    )
    old.get_model("counters", "SiteDay").objects.create(day=today, shard=1, visits=40)
    old.get_model("counters", "OnlineMinute").objects.create(minute=minute, shard=2, visitors=1)
    old.get_model("counters", "VisitorPresence").objects.create(
        visitor=known, visit=uuid.uuid4(), last_seen_at=now, burst_started_at=now, burst_hits=1
    )

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    for name in ("SiteTotal", "SiteDay", "OnlineMinute", "VisitorPresence"):
        assert set(new.get_model("counters", name).objects.values_list("site", flat=True)) == {1}
    assert sorted(
        new.get_model("counters", "SiteTotal").objects.values_list("shard", "visits")
    ) == [(0, 5135392), (3, 8)]
    assert selectors.live_numbers(site_id=1, now=now) == {
        "visits": 5135400,
        "today": 40,
        "online": 1,
    }
    # Counting goes on from there: the visitor seen a moment ago is in the same
    # visit, a new one adds a visit.
    later = now + dt.timedelta(seconds=1)
    assert not services.record_visit(visitor=known, now=later, site_id=1).new_visit
    hit = services.record_visit(visitor=uuid.uuid4(), now=later, site_id=1)
    assert hit.new_visit
    assert hit.numbers["visits"] == 5135401
