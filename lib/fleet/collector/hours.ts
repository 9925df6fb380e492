import "server-only";
import { sql } from "../../db";

/** Health states from least to most severe: an hour's "worst", and worse or better since a visit. */
export const HEALTH_BY_SEVERITY = ["healthy", "unknown", "degraded", "down"] as const;

/** SQL for a health column's severity, its index in HEALTH_BY_SEVERITY (the same text as the health_hours migration's). */
export const healthRank = (col: string) =>
  `case ${col} ${HEALTH_BY_SEVERITY.map((h, i) => `when '${h}' then ${i}`)
    .slice(1)
    .reverse()
    .join(" ")} else 0 end`;

/**
 * InstanceHealthHour rows computed from the snapshots whose checkedAt lies in [$1, $2) (either bound may be null):
 * what the collector's writer maintains poll by poll, computed at once where every poll was kept (as before the
 * collector kept only changes). The migration that created the table ran the same statement over all snapshots
 * (keep the two in step; a test compares them and the writer).
 */
export const HOURS_FROM_SNAPSHOTS_SQL = `
insert into "InstanceHealthHour" ("instanceId", hour, "lastAt", health, worst, "harborVersion", "versionAt", "versionChanges",
  polls, "healthyPolls", "errorPolls", "latencySumMs", "latencyPolls", "latencyMaxMs")
select s."instanceId", s.hour, max(s."checkedAt"),
  (array_agg(s.health order by s."checkedAt" desc))[1],
  (array_agg(s.health order by ${healthRank("s.health")} desc))[1],
  (array_agg(s."harborVersion" order by s."checkedAt" desc) filter (where s."harborVersion" is not null))[1],
  max(s."checkedAt") filter (where s."harborVersion" is not null),
  coalesce(max(v.changes), 0),
  count(*), count(*) filter (where s.health = 'healthy'), count(*) filter (where s."errorKind" is not null),
  coalesce(sum(s."latencyMs"), 0), count(s."latencyMs"), max(s."latencyMs")
from (
  select "instanceId", date_trunc('hour', "checkedAt") as hour, "checkedAt", health, "harborVersion", "errorKind", "latencyMs"
  from "InstanceSnapshot" where ($1::timestamp is null or "checkedAt" >= $1::timestamp) and ($2::timestamp is null or "checkedAt" < $2::timestamp)
) s
left join (
  select "instanceId", hour, count(*) filter (where prev <> "harborVersion") as changes
  from (
    select "instanceId", date_trunc('hour', "checkedAt") as hour, "harborVersion",
      lag("harborVersion") over (partition by "instanceId", date_trunc('hour', "checkedAt") order by "checkedAt") as prev
    from "InstanceSnapshot"
    where "harborVersion" is not null and ($1::timestamp is null or "checkedAt" >= $1::timestamp) and ($2::timestamp is null or "checkedAt" < $2::timestamp)
  ) t
  group by 1, 2
) v on v."instanceId" = s."instanceId" and v.hour = s.hour
group by s."instanceId", s.hour`;

/**
 * Recomputes from their snapshots what the writer counts in the order polls are stored, for the hours that closed
 * lately: the hour's last health, worst health, last version and version changes. The snapshots hold every poll that
 * changed something (and every error, and each hour's first poll), so these come out exact even for polls stored out
 * of order. The counts (polls, healthy, errors, latency) and the last poll's time stay the writer's: a poll that
 * changed nothing is counted only there. An hour without a row (polls stored by a replica still running a release
 * without this table, during a rolling upgrade) gets one from its snapshots. Hourly, with the prune. `from` and
 * `until` are hour boundaries.
 */
export async function sealHours(from: Date, until: Date): Promise<number> {
  const res = await sql().query(
    `${HOURS_FROM_SNAPSHOTS_SQL}
on conflict ("instanceId", hour) do update set health = excluded.health, worst = excluded.worst,
  "harborVersion" = excluded."harborVersion", "versionChanges" = excluded."versionChanges"`,
    [from.toISOString(), until.toISOString()],
  );
  return res.rowCount ?? 0;
}
