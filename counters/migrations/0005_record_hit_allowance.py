"""PostgreSQL only: the counting call takes a new visitor from its address's allowance.

counters_record_hit gains two arguments, the address of a visitor whose id
was just made (NULL: a visitor known by the cookie, or no limit) and the
allowance per minute, and one result, whether the request was turned away
(it then only reads the numbers). Taking the allowance inside the call keeps
a counting request at one round trip. The allowance row is locked first,
before the visitor's presence, so the order of locks stays the same in every
transaction.
"""

import importlib

from django.db import migrations

from news.migration_sql import postgresql_only

CREATE = """
CREATE OR REPLACE FUNCTION counters_record_hit(
    p_public boolean,
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
        INSERT INTO counters_newvisitors AS a (minute, address, visitors)
        VALUES (p_minute, p_new_visitor_address, 1)
        ON CONFLICT (minute, address) DO UPDATE SET visitors = a.visitors + 1
        WHERE a.visitors < p_new_visitor_limit;
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
        INSERT INTO counters_visitorpresence AS p
            (visitor, visit, last_seen_at, burst_started_at, burst_hits)
        VALUES (p_visitor, p_proposed_visit, p_now, p_now, 1)
        ON CONFLICT (visitor) DO UPDATE SET
            previous_seen_at = p.last_seen_at,
            visit = CASE WHEN p.last_seen_at < p_view_cutoff
                THEN excluded.visit ELSE p.visit END,
            burst_hits = CASE WHEN p.burst_started_at < p_burst_cutoff
                THEN 1 ELSE p.burst_hits + 1 END,
            burst_started_at = CASE WHEN p.burst_started_at < p_burst_cutoff
                THEN excluded.burst_started_at ELSE p.burst_started_at END,
            last_seen_at = excluded.last_seen_at
        RETURNING p.visit, p.burst_hits, date_trunc('minute', p.previous_seen_at)
        INTO v_visit, v_burst, v_left;
        is_flooded := v_burst > p_flood_limit;
        IF NOT is_flooded THEN
            is_new_visit := v_visit = p_proposed_visit;
            IF p_article IS NOT NULL THEN
                INSERT INTO counters_viewmark AS m (visitor, article_id, counted_at)
                VALUES (p_visitor, p_article, p_now)
                ON CONFLICT (visitor, article_id) DO UPDATE SET counted_at = excluded.counted_at
                WHERE m.counted_at < p_view_cutoff;
                is_new_view := FOUND;
            END IF;
            IF is_new_view THEN
                INSERT INTO counters_articleday AS d (article_id, day, shard, views)
                VALUES (p_article, p_today, p_shard, 1)
                ON CONFLICT (article_id, day, shard) DO UPDATE SET views = d.views + 1;
                INSERT INTO counters_articletotal AS t (article_id, shard, views)
                VALUES (p_article, p_shard, 1)
                ON CONFLICT (article_id, shard) DO UPDATE SET views = t.views + 1;
            END IF;
            IF is_new_visit THEN
                INSERT INTO counters_siteday AS d (day, shard, visits)
                VALUES (p_today, p_shard, 1)
                ON CONFLICT (day, shard) DO UPDATE SET visits = d.visits + 1;
                INSERT INTO counters_sitetotal AS t (shard, visits)
                VALUES (p_shard, 1)
                ON CONFLICT (shard) DO UPDATE SET visits = t.visits + 1;
            END IF;
        END IF;
        -- Move the visitor from the minute they were last seen to this one;
        -- the earlier minute first, so that two moves never wait on each other.
        IF v_left IS NULL OR v_left <> p_minute THEN
            INSERT INTO counters_onlineminute AS o (minute, shard, visitors)
            SELECT moved.minute, p_shard, moved.change
            FROM (VALUES (v_left, -1), (p_minute, 1)) AS moved (minute, change)
            WHERE moved.minute IS NOT NULL
            ORDER BY moved.minute
            ON CONFLICT (minute, shard) DO UPDATE SET visitors = o.visitors + excluded.visitors;
        END IF;
        IF is_flooded THEN
            RETURN;
        END IF;
    END IF;
    -- A new statement: it sees this transaction's increments.
    SELECT
        (SELECT SUM(visits) FROM counters_sitetotal),
        (SELECT SUM(visits) FROM counters_siteday WHERE day = p_today),
        (SELECT SUM(visitors) FROM counters_onlineminute WHERE minute >= p_online_cutoff),
        (SELECT SUM(views) FROM counters_articletotal WHERE article_id = p_article)
    INTO site_visits, site_today, visitors_online, article_views;
END
$$;
"""

# The arguments of the function that 0003 made: another signature is another function.
PREVIOUS_ARGUMENTS = (
    "boolean, uuid, bigint, timestamptz, date, timestamptz, integer, uuid, "
    "timestamptz, timestamptz, integer, timestamptz, boolean"
)
DROP_PREVIOUS = f"DROP FUNCTION IF EXISTS counters_record_hit({PREVIOUS_ARGUMENTS})"
DROP = f"DROP FUNCTION IF EXISTS counters_record_hit({PREVIOUS_ARGUMENTS}, text, integer)"
PREVIOUS = importlib.import_module("counters.migrations.0003_record_hit_function").CREATE


class Migration(migrations.Migration):
    dependencies = [
        ("counters", "0004_new_visitors"),
    ]

    operations = [
        migrations.RunPython(
            postgresql_only(DROP_PREVIOUS, CREATE), postgresql_only(DROP, PREVIOUS)
        ),
    ]
