"""Visits per portal (step 3 of 3): counters_record_hit counts for the portal it is given.

PostgreSQL only. The function of migration 0006 is made again with a p_site
parameter: the visitor's presence, the portal's day and total of visits and
its minutes of who is online are keyed by the site (in every insert and
conflict target), and the live numbers it returns are the portal's own
(an article's views need no site: an article belongs to one portal, and
the visibility rule passed in as p_public includes the portal).

As in 0006, every table and column name is written from the models (their
db_table and each field's column) when the migration runs, from a template
of its own here (0006's stays as it was, history).
tests/counters/test_database_function.py checks that the installed function
is the one make_function() gives for the current models. A new signature is
a new function in PostgreSQL: the old one is dropped first, so that exactly
one counters_record_hit remains.
"""

import importlib

from django.db import migrations

# The models the function writes and reads, by the names the template uses.
MODELS = {
    "allowance": "NewVisitors",
    "presence": "VisitorPresence",
    "mark": "ViewMark",
    "article_day": "ArticleDay",
    "article_total": "ArticleTotal",
    "site_day": "SiteDay",
    "site_total": "SiteTotal",
    "online": "OnlineMinute",
}

# {presence} is the quoted table of VisitorPresence, {presence.visitor} its
# visitor column, and so on.
TEMPLATE = """
CREATE OR REPLACE FUNCTION counters_record_hit(
    p_public boolean,
    p_site integer,
    p_visitor uuid,
    p_article bigint,
    p_now timestamptz,
    p_today date,
    p_minute timestamptz,
    p_shard integer,
    p_proposed_visit uuid,
    p_view_cutoff timestamptz,
    p_burst_cutoff timestamptz,
    p_flood_limit integer,
    p_online_cutoff timestamptz,
    p_durable boolean,
    p_new_visitor_address text,
    p_new_visitor_limit integer,
    OUT is_public boolean,
    OUT is_new_visit boolean,
    OUT is_new_view boolean,
    OUT is_flooded boolean,
    OUT is_turned_away boolean,
    OUT site_visits bigint,
    OUT site_today bigint,
    OUT visitors_online bigint,
    OUT article_views bigint
) LANGUAGE plpgsql AS $$
DECLARE
    v_visit uuid;
    v_burst integer;
    v_left timestamptz;
BEGIN
    is_public := p_public;
    is_new_visit := false;
    is_new_view := false;
    is_flooded := false;
    is_turned_away := false;
    IF NOT p_public THEN
        RETURN;
    END IF;
    -- A visitor whose id was just made takes one from the allowance of the
    -- address for this minute; past it the request only reads. A spent
    -- allowance is locked but not written to again.
    IF p_visitor IS NOT NULL AND p_new_visitor_address IS NOT NULL THEN
        INSERT INTO {allowance} AS a
            ({allowance.minute}, {allowance.address}, {allowance.visitors})
        VALUES (p_minute, p_new_visitor_address, 1)
        ON CONFLICT ({allowance.minute}, {allowance.address}) DO UPDATE
        SET {allowance.visitors} = a.{allowance.visitors} + 1
        WHERE a.{allowance.visitors} < p_new_visitor_limit;
        IF NOT FOUND THEN
            is_turned_away := true;
            p_visitor := NULL;
        END IF;
    END IF;
    -- A NULL visitor is a request that does not count: it only reads.
    IF p_visitor IS NOT NULL THEN
        IF NOT p_durable THEN
            PERFORM set_config('synchronous_commit', 'off', true);
        END IF;
        INSERT INTO {presence} AS p
            ({presence.site}, {presence.visitor}, {presence.visit}, {presence.last_seen_at},
             {presence.burst_started_at}, {presence.burst_hits})
        VALUES (p_site, p_visitor, p_proposed_visit, p_now, p_now, 1)
        ON CONFLICT ({presence.site}, {presence.visitor}) DO UPDATE SET
            {presence.previous_seen_at} = p.{presence.last_seen_at},
            {presence.visit} = CASE WHEN p.{presence.last_seen_at} < p_view_cutoff
                THEN excluded.{presence.visit} ELSE p.{presence.visit} END,
            {presence.burst_hits} = CASE WHEN p.{presence.burst_started_at} < p_burst_cutoff
                THEN 1 ELSE p.{presence.burst_hits} + 1 END,
            {presence.burst_started_at} = CASE WHEN p.{presence.burst_started_at} < p_burst_cutoff
                THEN excluded.{presence.burst_started_at} ELSE p.{presence.burst_started_at} END,
            {presence.last_seen_at} = excluded.{presence.last_seen_at}
        RETURNING p.{presence.visit}, p.{presence.burst_hits},
            date_trunc('minute', p.{presence.previous_seen_at})
        INTO v_visit, v_burst, v_left;
        is_flooded := v_burst > p_flood_limit;
        IF NOT is_flooded THEN
            is_new_visit := v_visit = p_proposed_visit;
            IF p_article IS NOT NULL THEN
                INSERT INTO {mark} AS m ({mark.visitor}, {mark.article}, {mark.counted_at})
                VALUES (p_visitor, p_article, p_now)
                ON CONFLICT ({mark.visitor}, {mark.article}) DO UPDATE
                SET {mark.counted_at} = excluded.{mark.counted_at}
                WHERE m.{mark.counted_at} < p_view_cutoff;
                is_new_view := FOUND;
            END IF;
            IF is_new_view THEN
                INSERT INTO {article_day} AS d
                    ({article_day.article}, {article_day.day}, {article_day.shard},
                     {article_day.views})
                VALUES (p_article, p_today, p_shard, 1)
                ON CONFLICT ({article_day.article}, {article_day.day}, {article_day.shard})
                DO UPDATE SET {article_day.views} = d.{article_day.views} + 1;
                INSERT INTO {article_total} AS t
                    ({article_total.article}, {article_total.shard}, {article_total.views})
                VALUES (p_article, p_shard, 1)
                ON CONFLICT ({article_total.article}, {article_total.shard})
                DO UPDATE SET {article_total.views} = t.{article_total.views} + 1;
            END IF;
            IF is_new_visit THEN
                INSERT INTO {site_day} AS d
                    ({site_day.site}, {site_day.day}, {site_day.shard}, {site_day.visits})
                VALUES (p_site, p_today, p_shard, 1)
                ON CONFLICT ({site_day.site}, {site_day.day}, {site_day.shard})
                DO UPDATE SET {site_day.visits} = d.{site_day.visits} + 1;
                INSERT INTO {site_total} AS t
                    ({site_total.site}, {site_total.shard}, {site_total.visits})
                VALUES (p_site, p_shard, 1)
                ON CONFLICT ({site_total.site}, {site_total.shard})
                DO UPDATE SET {site_total.visits} = t.{site_total.visits} + 1;
            END IF;
        END IF;
        -- Move the visitor from the minute they were last seen to this one;
        -- the earlier minute first, so that two moves never wait on each other.
        IF v_left IS NULL OR v_left <> p_minute THEN
            INSERT INTO {online} AS o
                ({online.site}, {online.minute}, {online.shard}, {online.visitors})
            SELECT p_site, moved.minute, p_shard, moved.change
            FROM (VALUES (v_left, -1), (p_minute, 1)) AS moved (minute, change)
            WHERE moved.minute IS NOT NULL
            ORDER BY moved.minute
            ON CONFLICT ({online.site}, {online.minute}, {online.shard})
            DO UPDATE SET {online.visitors} = o.{online.visitors} + excluded.{online.visitors};
        END IF;
        IF is_flooded THEN
            RETURN;
        END IF;
    END IF;
    -- A new statement: it sees this transaction's increments. The portal's numbers only.
    SELECT
        (SELECT SUM({site_total.visits}) FROM {site_total} WHERE {site_total.site} = p_site),
        (SELECT SUM({site_day.visits}) FROM {site_day}
            WHERE {site_day.site} = p_site AND {site_day.day} = p_today),
        (SELECT SUM({online.visitors}) FROM {online}
            WHERE {online.site} = p_site AND {online.minute} >= p_online_cutoff),
        (SELECT SUM({article_total.views}) FROM {article_total}
            WHERE {article_total.article} = p_article)
    INTO site_visits, site_today, visitors_online, article_views;
END
$$;
"""


class Names:
    """Formats as the model's quoted table name; its attributes are the quoted column names."""

    def __init__(self, model, quote_name):
        self._model = model
        self._quote = quote_name

    def __format__(self, spec):
        return self._quote(self._model._meta.db_table)

    def __getattr__(self, field):
        if field.startswith("_"):
            raise AttributeError(field)
        return self._quote(self._model._meta.get_field(field).column)


def make_function(apps, quote_name) -> str:
    """Return the statement that makes counters_record_hit, with the names of the apps' models."""
    names = {
        key: Names(apps.get_model("counters", name), quote_name) for key, name in MODELS.items()
    }
    return TEMPLATE.format(**names)


# The signatures of 0006's function and of this one, to drop the other one.
PREVIOUS_SIGNATURE = (
    "boolean, uuid, bigint, timestamptz, date, timestamptz, integer, uuid, timestamptz, "
    "timestamptz, integer, timestamptz, boolean, text, integer"
)
SIGNATURE = "boolean, integer, " + PREVIOUS_SIGNATURE.removeprefix("boolean, ")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"DROP FUNCTION IF EXISTS counters_record_hit({PREVIOUS_SIGNATURE})", params=None
        )
        sql = make_function(apps, schema_editor.connection.ops.quote_name)
        schema_editor.execute(sql, params=None)


def restore_previous(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"DROP FUNCTION IF EXISTS counters_record_hit({SIGNATURE})", params=None
        )
        previous = importlib.import_module("counters.migrations.0006_record_hit_names_from_models")
        sql = previous.make_function(apps, schema_editor.connection.ops.quote_name)
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("counters", "0008_visits_per_portal_tables"),
    ]

    operations = [
        migrations.RunPython(create, restore_previous),
    ]
