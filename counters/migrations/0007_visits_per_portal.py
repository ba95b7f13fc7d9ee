"""Visits, visitors online and the visitors' presence become per portal (step 1 of 3).

SiteDay and OnlineMinute gain a site (their rows go to the first portal) and
unique constraints that lead with it. SiteTotal and VisitorPresence had their
shard and visitor as primary key: each is made again, as SiteTotalNew and
VisitorPresenceNew, with an id, a site and a unique constraint (site, shard)
and (site, visitor), and its rows are copied into it for the first portal;
migration 0008 drops the old tables and gives the new ones their names. The
copy and the renaming are apart because PostgreSQL alters no table with rows
inserted in the same transaction whose foreign keys are still to be checked.
Migration 0009 makes counters_record_hit again for these tables.
"""

import django.db.models.deletion
from django.db import migrations, models

from core.sites import FIRST_SITE_ID

SHARD_HELP = "Số được cộng dồn trên vài dòng để các lượt đếm đồng thời không phải chờ nhau."


def site_field():
    return models.ForeignKey(
        db_index=False,
        default=FIRST_SITE_ID,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="sites.site",
        verbose_name="cổng",
    )


PRESENCE_FIELDS = (
    "visitor",
    "visit",
    "last_seen_at",
    "previous_seen_at",
    "burst_started_at",
    "burst_hits",
)


def copy_to_first_portal(apps, schema_editor):
    """Copy the total and the presence into the new tables, for the first portal."""
    alias = schema_editor.connection.alias
    old_total, new_total = (apps.get_model("counters", n) for n in ("SiteTotal", "SiteTotalNew"))
    new_total.objects.using(alias).bulk_create(
        new_total(site_id=FIRST_SITE_ID, shard=row.shard, visits=row.visits)
        for row in old_total.objects.using(alias).all()
    )
    old_presence, new_presence = (
        apps.get_model("counters", n) for n in ("VisitorPresence", "VisitorPresenceNew")
    )
    rows = old_presence.objects.using(alias).values(*PRESENCE_FIELDS).iterator(chunk_size=5000)
    batch = []
    for row in rows:
        batch.append(new_presence(site_id=FIRST_SITE_ID, **row))
        if len(batch) >= 5000:
            new_presence.objects.using(alias).bulk_create(batch)
            batch = []
    new_presence.objects.using(alias).bulk_create(batch)


def copy_back(apps, schema_editor):
    """Undo: the first portal's total and presence go back to the old tables (others are lost)."""
    alias = schema_editor.connection.alias
    old_total, new_total = (apps.get_model("counters", n) for n in ("SiteTotal", "SiteTotalNew"))
    old_total.objects.using(alias).bulk_create(
        old_total(shard=row.shard, visits=row.visits)
        for row in new_total.objects.using(alias).filter(site_id=FIRST_SITE_ID)
    )
    old_presence, new_presence = (
        apps.get_model("counters", n) for n in ("VisitorPresence", "VisitorPresenceNew")
    )
    old_presence.objects.using(alias).bulk_create(
        old_presence(**row)
        for row in new_presence.objects.using(alias)
        .filter(site_id=FIRST_SITE_ID)
        .values(*PRESENCE_FIELDS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("counters", "0006_record_hit_names_from_models"),
        ("portals", "0002_first_portal"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        # The days and the minutes: a site column, their rows in the first portal.
        migrations.RemoveConstraint(model_name="siteday", name="counters_siteday_unique"),
        migrations.AddField(model_name="siteday", name="site", field=site_field()),
        migrations.AddConstraint(
            model_name="siteday",
            constraint=models.UniqueConstraint(
                fields=("site", "day", "shard"), name="counters_siteday_site_unique"
            ),
        ),
        migrations.RemoveConstraint(model_name="onlineminute", name="counters_onlineminute_unique"),
        migrations.AddField(model_name="onlineminute", name="site", field=site_field()),
        migrations.AddConstraint(
            model_name="onlineminute",
            constraint=models.UniqueConstraint(
                fields=("site", "minute", "shard"), name="counters_onlineminute_site_unique"
            ),
        ),
        # The total and the presence: new tables with an id, filled from the old ones.
        migrations.CreateModel(
            name="SiteTotalNew",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "shard",
                    models.PositiveSmallIntegerField(
                        default=0, help_text=SHARD_HELP, verbose_name="phần"
                    ),
                ),
                (
                    "visits",
                    models.PositiveBigIntegerField(default=0, verbose_name="lượt truy cập"),
                ),
                ("site", site_field()),
            ],
            options={
                "verbose_name": "tổng lượt truy cập",
                "verbose_name_plural": "tổng lượt truy cập",
            },
        ),
        migrations.AddConstraint(
            model_name="sitetotalnew",
            constraint=models.UniqueConstraint(
                fields=("site", "shard"), name="counters_sitetotal_unique"
            ),
        ),
        migrations.CreateModel(
            name="VisitorPresenceNew",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("visitor", models.UUIDField(verbose_name="mã khách")),
                (
                    "visit",
                    models.UUIDField(
                        help_text="Đổi khi khách quay lại sau khoảng thời gian tính lượt.",
                        verbose_name="mã lượt truy cập",
                    ),
                ),
                ("last_seen_at", models.DateTimeField(db_index=True, verbose_name="lần cuối")),
                (
                    "previous_seen_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="lần trước"),
                ),
                ("burst_started_at", models.DateTimeField(verbose_name="đầu chu kỳ giới hạn")),
                (
                    "burst_hits",
                    models.PositiveIntegerField(default=1, verbose_name="số yêu cầu trong chu kỳ"),
                ),
                ("site", site_field()),
            ],
            options={
                "verbose_name": "khách đang truy cập",
                "verbose_name_plural": "khách đang truy cập",
            },
        ),
        migrations.AddConstraint(
            model_name="visitorpresencenew",
            constraint=models.UniqueConstraint(
                fields=("site", "visitor"), name="counters_visitorpresence_unique"
            ),
        ),
        migrations.RunPython(copy_to_first_portal, copy_back),
    ]
