-- The fleet summary's tiles and the fleet chart read counts kept by the writes instead of a row per instance
-- (README Performance, lib/fleet/tally.ts). Statement triggers append what each statement changed to a delta table:
-- inserts only, so concurrent poll batches never lock the same rows (no waiting, no deadlock between them). The
-- collector folds the deltas into the tally after each batch (fleet_tally_compact, one folder at a time); readers sum
-- the tally and the pending deltas in one statement, which sees both in the same snapshot. The hourly maintenance
-- recounts both tallies from the rows (fleet_tally_recount), which repairs any write that bypassed the triggers.

-- The triggers below lock the two tables; a poll batch of a running replica (lib/fleet/collector/store-sql.ts) locks
-- the hourly rows before the statuses, so this migration takes them in the same order first: it waits for the batches
-- in flight instead of deadlocking with one.
LOCK TABLE "InstanceHealthHour", "InstanceStatus" IN SHARE ROW EXCLUSIVE MODE;

-- CreateTable
CREATE TABLE "FleetTally" (
    "line" TEXT NOT NULL,
    "total" BIGINT NOT NULL DEFAULT 0,
    "healthy" BIGINT NOT NULL DEFAULT 0,
    "degraded" BIGINT NOT NULL DEFAULT 0,
    "down" BIGINT NOT NULL DEFAULT 0,
    "rejected" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "usageProjects" DECIMAL(30,0) NOT NULL DEFAULT 0,
    "usageRepos" DECIMAL(30,0) NOT NULL DEFAULT 0,
    "usageStorage" DECIMAL(30,0) NOT NULL DEFAULT 0,
    "usageCounted" BIGINT NOT NULL DEFAULT 0,
    "usagePartial" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FleetTally_pkey" PRIMARY KEY ("line")
);

-- CreateTable
CREATE TABLE "FleetTallyDelta" (
    "id" BIGSERIAL NOT NULL,
    "line" TEXT NOT NULL,
    "total" BIGINT NOT NULL DEFAULT 0,
    "healthy" BIGINT NOT NULL DEFAULT 0,
    "degraded" BIGINT NOT NULL DEFAULT 0,
    "down" BIGINT NOT NULL DEFAULT 0,
    "rejected" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "usageProjects" DECIMAL(30,0) NOT NULL DEFAULT 0,
    "usageRepos" DECIMAL(30,0) NOT NULL DEFAULT 0,
    "usageStorage" DECIMAL(30,0) NOT NULL DEFAULT 0,
    "usageCounted" BIGINT NOT NULL DEFAULT 0,
    "usagePartial" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FleetTallyDelta_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthHourTally" (
    "hour" TIMESTAMP(3) NOT NULL,
    "health" "HealthState" NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "HealthHourTally_pkey" PRIMARY KEY ("hour","health")
);

-- CreateTable
CREATE TABLE "HealthHourTallyDelta" (
    "id" BIGSERIAL NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "health" "HealthState" NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "HealthHourTallyDelta_pkey" PRIMARY KEY ("id")
);

-- The summary's counts per version line over the rows `src` returns (a status row and its sign, sg: 1 counts the row,
-- -1 takes it away), as SQL text: the one home of what the tally counts, for the triggers and the recount. The
-- credential rule's time-dependent part (a robot expiring within the warning window) and staleness are not counted
-- here: the summary finds those rows through their indexes (lib/fleet/fleet-summary.ts fleetTallySql). Text run by
-- EXECUTE rather than a function called per row: a poll batch's trigger then costs ~1 ms per 100 rows instead of ~4.
-- test/integration/fleet-tally.test.ts compares the tallies with counting every row.
CREATE FUNCTION fleet_tally_sums(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  SELECT line, sum(sg) AS total, sum(sg * (health = 'healthy')::int) AS healthy, sum(sg * (health = 'degraded')::int) AS degraded,
    sum(sg * (health = 'down')::int) AS down, sum(sg * rejected) AS rejected, sum(sg * errors) AS errors, sum(sg * projects) AS "usageProjects",
    sum(sg * repos) AS "usageRepos", sum(sg * storage) AS "usageStorage", sum(sg * counted) AS "usageCounted", sum(sg * partial) AS "usagePartial"
  FROM (
    SELECT sg, coalesce(s."versionLine", '') AS line, s.health, (s.credential IN ('invalid', 'forbidden'))::int AS rejected,
      (s."errorKind" IS NOT NULL)::int AS errors, CASE WHEN whole THEN coalesce(s."projectCount", 0) ELSE 0 END AS projects,
      CASE WHEN whole THEN coalesce(s."repoCount", 0) ELSE 0 END AS repos, CASE WHEN whole THEN coalesce(s."storageBytes", 0)::numeric ELSE 0 END AS storage,
      whole::int AS counted, coalesce(s."usagePartial" OR (s."usagePartial" IS NOT NULL AND s."credentialKind" = 'robot'), false)::int AS partial
    FROM (%s) s, LATERAL (SELECT coalesce(s."usagePartial" = false AND s."credentialKind" IS DISTINCT FROM 'robot', false) AS whole) f
  ) c
  GROUP BY line$q$, src)
$f$;
-- What each statement changed, per line, leaving out the lines it did not move (a poll that reports what the last one
-- did appends nothing).
CREATE FUNCTION fleet_tally_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO "FleetTallyDelta" (line, total, healthy, degraded, down, rejected, errors, "usageProjects", "usageRepos", "usageStorage", "usageCounted", "usagePartial")
    SELECT * FROM (%s) t WHERE (total, healthy, degraded, down, rejected, errors, "usageProjects", "usageRepos", "usageStorage", "usageCounted", "usagePartial")
      IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)',
    fleet_tally_sums(CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT 1 AS sg, n.* FROM new_rows n'
      WHEN 'DELETE' THEN 'SELECT -1 AS sg, o.* FROM old_rows o'
      ELSE 'SELECT 1 AS sg, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o' END));
  RETURN NULL;
END $$;
CREATE TRIGGER fleet_tally_status_inserted AFTER INSERT ON "InstanceStatus" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fleet_tally_status_changed();
CREATE TRIGGER fleet_tally_status_updated AFTER UPDATE ON "InstanceStatus" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fleet_tally_status_changed();
CREATE TRIGGER fleet_tally_status_deleted AFTER DELETE ON "InstanceStatus" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fleet_tally_status_changed();

-- The chart: one count per hour row, at its hour and health.
CREATE FUNCTION health_tally_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "HealthHourTallyDelta" (hour, health, n) SELECT hour, health, count(*) FROM new_rows GROUP BY hour, health;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "HealthHourTallyDelta" (hour, health, n) SELECT hour, health, -count(*) FROM old_rows GROUP BY hour, health;
  ELSE
    INSERT INTO "HealthHourTallyDelta" (hour, health, n)
    SELECT hour, health, sum(n) FROM (SELECT hour, health, 1 AS n FROM new_rows UNION ALL SELECT hour, health, -1 FROM old_rows) c
    GROUP BY hour, health HAVING sum(n) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER health_tally_inserted AFTER INSERT ON "InstanceHealthHour" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION health_tally_append();
CREATE TRIGGER health_tally_updated AFTER UPDATE ON "InstanceHealthHour" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION health_tally_append();
CREATE TRIGGER health_tally_deleted AFTER DELETE ON "InstanceHealthHour" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION health_tally_append();

-- TRUNCATE fires no row or delete trigger: it empties the tallies with the rows.
CREATE FUNCTION fleet_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'InstanceStatus' THEN
    DELETE FROM "FleetTallyDelta";
    DELETE FROM "FleetTally";
  ELSE
    DELETE FROM "HealthHourTallyDelta";
    DELETE FROM "HealthHourTally";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER fleet_tally_truncated AFTER TRUNCATE ON "InstanceStatus" FOR EACH STATEMENT EXECUTE FUNCTION fleet_tally_truncated();
CREATE TRIGGER health_tally_truncated AFTER TRUNCATE ON "InstanceHealthHour" FOR EACH STATEMENT EXECUTE FUNCTION fleet_tally_truncated();

-- Folds the pending deltas into the tallies. One folder at a time (a transaction-level advisory lock, also taken by
-- the recount; its two-key form never meets the single-key locks the console takes on user input, such as an email); a caller that finds it taken leaves the deltas to it. Each fold is one statement: a reader sees the
-- deltas or their sum in the tally, never both or neither. Lines and hours that count nothing any more are removed.
CREATE FUNCTION fleet_tally_compact() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(2026120509, 1) THEN
    RETURN false;
  END IF;
  WITH d AS (DELETE FROM "FleetTallyDelta" RETURNING *)
  INSERT INTO "FleetTally" AS t (line, total, healthy, degraded, down, rejected, errors, "usageProjects", "usageRepos", "usageStorage", "usageCounted", "usagePartial")
  SELECT line, sum(total), sum(healthy), sum(degraded), sum(down), sum(rejected), sum(errors), sum("usageProjects"), sum("usageRepos"),
    sum("usageStorage"), sum("usageCounted"), sum("usagePartial")
  FROM d GROUP BY line ORDER BY line
  ON CONFLICT (line) DO UPDATE SET total = t.total + excluded.total, healthy = t.healthy + excluded.healthy,
    degraded = t.degraded + excluded.degraded, down = t.down + excluded.down, rejected = t.rejected + excluded.rejected,
    errors = t.errors + excluded.errors, "usageProjects" = t."usageProjects" + excluded."usageProjects",
    "usageRepos" = t."usageRepos" + excluded."usageRepos", "usageStorage" = t."usageStorage" + excluded."usageStorage",
    "usageCounted" = t."usageCounted" + excluded."usageCounted", "usagePartial" = t."usagePartial" + excluded."usagePartial";
  DELETE FROM "FleetTally" WHERE total = 0;
  WITH d AS (DELETE FROM "HealthHourTallyDelta" RETURNING *)
  INSERT INTO "HealthHourTally" AS t (hour, health, n)
  SELECT hour, health, sum(n) FROM d GROUP BY hour, health ORDER BY hour, health
  ON CONFLICT (hour, health) DO UPDATE SET n = t.n + excluded.n;
  DELETE FROM "HealthHourTally" WHERE n = 0;
  RETURN true;
END $$;

-- Recounts both tallies from the rows, in one statement each (the rows and the deltas they account for in the same
-- snapshot: a delta committed later belongs to a change the recount did not see, and stays): every line, and the
-- hours from `since` on. The hourly maintenance recounts the chart's window, not the retention's.
CREATE FUNCTION fleet_tally_recount(since timestamp(3)) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(2026120509, 1);
  EXECUTE format('WITH gone AS (DELETE FROM "FleetTallyDelta" RETURNING 1),
    fresh AS (%s),
    cleared AS (DELETE FROM "FleetTally" t WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.line = t.line))
    INSERT INTO "FleetTally" AS t (line, total, healthy, degraded, down, rejected, errors, "usageProjects", "usageRepos", "usageStorage", "usageCounted", "usagePartial")
    SELECT * FROM fresh ORDER BY line
    ON CONFLICT (line) DO UPDATE SET total = excluded.total, healthy = excluded.healthy, degraded = excluded.degraded, down = excluded.down,
      rejected = excluded.rejected, errors = excluded.errors, "usageProjects" = excluded."usageProjects", "usageRepos" = excluded."usageRepos",
      "usageStorage" = excluded."usageStorage", "usageCounted" = excluded."usageCounted", "usagePartial" = excluded."usagePartial"',
    fleet_tally_sums('SELECT 1 AS sg, s.* FROM "InstanceStatus" s'));
  -- EXECUTE: planned for this `since`, so that a recent window reads the hour index, not the retention's rows
  EXECUTE 'WITH gone AS (DELETE FROM "HealthHourTallyDelta" WHERE hour >= $1 RETURNING 1),
    fresh AS (SELECT hour, health, count(*) AS n FROM "InstanceHealthHour" WHERE hour >= $1 GROUP BY hour, health),
    cleared AS (DELETE FROM "HealthHourTally" t WHERE t.hour >= $1 AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.hour = t.hour AND f.health = t.health))
    INSERT INTO "HealthHourTally" AS t (hour, health, n) SELECT * FROM fresh ORDER BY hour, health
    ON CONFLICT (hour, health) DO UPDATE SET n = excluded.n' USING since;
END $$;

-- The rows that exist already (a scan of the hourly rows, once, with the tables locked above).
SELECT fleet_tally_recount('-infinity');

-- The delta tables are queues (appended, then emptied): vacuumed after a thousand dead rows, not a fifth of the table.
ALTER TABLE "FleetTallyDelta" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE "HealthHourTallyDelta" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
