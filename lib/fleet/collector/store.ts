import "server-only";
import { sql } from "../../db";
import { log } from "../../log";
import { parseHarborVersion } from "../../releases";
import { cleanText, TEXT_MAX } from "../../harbor/schemas";
import { isDatabaseUnavailable, shortError } from "../outage";
import { failuresOf, recordFailures } from "./failures";
import { healthRank } from "./hours";
import type { PollResult } from "./poll";

/** Longest wait between polls of an instance that keeps failing. */
const MAX_BACKOFF_SECONDS = 30 * 60;

function versionColumns(v: string | null) {
  const p = parseHarborVersion(v);
  return p ? { versionNum: p.major * 10_000 + p.minor * 100 + p.patch, versionLine: `${p.major}.${p.minor}` } : { versionNum: null, versionLine: null };
}

const text = (v: string | null, max: number) => (v === null ? null : cleanText(v, max));

/**
 * Every string of a poll as PostgreSQL takes it (no NUL, no lone surrogate, capped), whatever the Harbor client
 * already did: error texts quote Harbor, and the component list is Harbor's own words.
 */
function toRow(r: PollResult, sweepId: string | null) {
  const version = text(r.harborVersion, TEXT_MAX.word);
  return {
    instanceId: r.instanceId,
    sweepId,
    checkedAt: r.checkedAt.toISOString(),
    health: r.health,
    healthWord: text(r.healthWord ?? null, TEXT_MAX.word),
    credential: r.credential,
    harborVersion: version,
    ...versionColumns(version),
    apiGeneration: r.apiGeneration,
    components:
      r.components?.map((c) => ({
        name: cleanText(c.name, TEXT_MAX.word),
        status: cleanText(c.status, TEXT_MAX.word),
        ...(c.error ? { error: cleanText(c.error, TEXT_MAX.message) } : {}),
      })) ?? null,
    projectCount: r.projectCount,
    repoCount: r.repoCount,
    storageBytes: r.storageBytes === null ? null : r.storageBytes.toString(),
    readOnly: r.readOnly,
    authMode: text(r.authMode, TEXT_MAX.word),
    usagePartial: r.usagePartial,
    externalUrl: text(r.externalUrl, TEXT_MAX.url),
    storageProvider: text(r.storageProvider, TEXT_MAX.word),
    latencyMs: r.latencyMs,
    errorKind: text(r.errorKind, TEXT_MAX.word),
    errorMessage: text(r.errorMessage, TEXT_MAX.message),
    // a poll that reached nothing, or learned nothing because of an error, counts towards the backoff
    failing: r.health === "down" || (r.health === "unknown" && r.errorKind !== null),
    credentialCheckedAt: r.credentialCheck?.checkedAt.toISOString() ?? null,
    credentialKind: r.credentialCheck?.kind ?? null,
    robotExpiry: r.credentialCheck?.robotExpiry ?? null,
    robotExpiresAt: r.credentialCheck?.robotExpiresAt?.toISOString() ?? null,
  };
}
type Row = ReturnType<typeof toRow>;

/**
 * What is left of a poll whose answer PostgreSQL refused: nothing Harbor said, only that it said something the console
 * cannot keep, and why (invalid_response, which counts towards the backoff like any failed poll).
 */
function rejectedRow(row: Row, reason: string): Row {
  return {
    ...row,
    health: "unknown",
    healthWord: null,
    credential: "unknown",
    harborVersion: null,
    versionNum: null,
    versionLine: null,
    apiGeneration: null,
    components: null,
    projectCount: null,
    repoCount: null,
    storageBytes: null,
    readOnly: null,
    authMode: null,
    usagePartial: null,
    externalUrl: null,
    storageProvider: null,
    errorKind: "invalid_response",
    errorMessage: cleanText(
      `Harbor's answer could not be stored (${reason}); nothing of this poll is kept. Check what this instance's API returns.`,
      TEXT_MAX.message,
    ),
    failing: true,
    credentialKind: null,
    robotExpiry: null,
    robotExpiresAt: null,
  };
}

/** PostgreSQL refused the values (data exception, constraint, size limit), not the statement's circumstances. */
const refusedValues = (e: unknown) => /^(22|23|54)/.test(String((e as { code?: unknown }).code ?? ""));

export interface StoreReport {
  stored: number;
  /** instances whose answer was refused and stored as invalid_response instead */
  rejected: { instanceId: string; reason: string }[];
  /** instances of which nothing could be stored (recorded as console failures) */
  failed: string[];
}

/**
 * Stores a batch of polls in ONE statement (data-modifying CTEs; atomic like a transaction, one round trip
 * whatever the batch size): the snapshots worth keeping (KEPT_SQL), each instance's hour of polls (the charts'
 * source: every poll counts there, with its latency), each
 * instance's current status with its next poll time
 * (backoff when it keeps failing, from its stored failure count), the cached detection where it changed, and the
 * rounds' progress. Instances deleted meanwhile drop out by the join. Raw pg, not Prisma: it runs for every batch.
 *
 * When PostgreSQL refuses the batch for its values, one instance's answer must not cost the others theirs: each poll
 * is then stored on its own, a refused one as invalid_response with the reason, and every job of the batch counts in
 * its round's progress whatever became of it. An unreachable database throws (the jobs are retried).
 */
export async function writePollResults(opts: {
  results: PollResult[];
  jobs: { instanceId: string; sweepId: string }[];
  intervalSeconds: number;
  /** keep every poll as a snapshot, as the console did before it kept only changes (the replay test's reference) */
  keepEveryPoll?: boolean;
}): Promise<StoreReport> {
  const { results, jobs, intervalSeconds, keepEveryPoll = false } = opts;
  const sweepOf = new Map(jobs.map((j) => [j.instanceId, j.sweepId]));
  const rows = results.map((r) => toRow(r, sweepOf.get(r.instanceId) ?? null));
  const run = (batch: Row[], progressJobs: { sweepId: string }[]) =>
    sql().query(STORE_SQL, [JSON.stringify(batch), JSON.stringify(progressOf(progressJobs)), intervalSeconds, MAX_BACKOFF_SECONDS, keepEveryPoll]);
  try {
    await run(rows, jobs);
    return { stored: rows.length, rejected: [], failed: [] };
  } catch (e) {
    if (isDatabaseUnavailable(e) || !refusedValues(e)) throw e;
    log.warn("collector: a batch was refused for its values; storing its polls one by one", { size: rows.length, error: shortError(e) });
  }
  const report: StoreReport = { stored: 0, rejected: [], failed: [] };
  const counted = new Set<string>();
  for (const row of rows) {
    const own = jobs.filter((j) => j.instanceId === row.instanceId);
    own.forEach((j) => counted.add(j.instanceId));
    try {
      await run([row], own);
      report.stored++;
      continue;
    } catch (e) {
      if (isDatabaseUnavailable(e) || !refusedValues(e)) throw e;
      const reason = shortError(e);
      log.warn("collector: a poll's answer was refused by the database; stored as invalid_response", { instanceId: row.instanceId, error: reason });
      try {
        await run([rejectedRow(row, reason)], own);
        report.rejected.push({ instanceId: row.instanceId, reason });
        continue;
      } catch (again) {
        if (isDatabaseUnavailable(again)) throw again;
        report.failed.push(row.instanceId);
        await recordFailures(failuresOf(again, own.length ? own : [{ instanceId: row.instanceId, sweepId: row.sweepId }]));
      }
    }
    await run([], own); // nothing stored, but the job is done: its round moves on
  }
  const rest = jobs.filter((j) => !counted.has(j.instanceId));
  if (rest.length) await run([], rest);
  return report;
}

function progressOf(jobs: { sweepId: string }[]) {
  const perSweep = new Map<string, number>();
  for (const j of jobs) perSweep.set(j.sweepId, (perSweep.get(j.sweepId) ?? 0) + 1);
  return [...perSweep].map(([sweepId, n]) => ({ sweepId, n }));
}

/**
 * What a poll is compared with the previous one by (`t`: a poll, or the instance's status, which holds its previous
 * poll): everything a page, "since your last visit" or a drift finding reads from snapshots, and what an operator would
 * look for in them; not the latency (summed per hour) nor the exact storage (it moves with every push: a change of 1 %
 * or more counts).
 */
const compared = (t: string) => `jsonb_build_array(${t}.health, ${t}.credential, ${t}."harborVersion", ${t}."apiGeneration", ${t}.components,
    ${t}."projectCount", ${t}."repoCount", case when ${t}."storageBytes" > 0 then floor(ln(${t}."storageBytes"::numeric) * 100) else ${t}."storageBytes" end,
    ${t}."readOnly", ${t}."authMode", ${t}."errorKind", ${t}."errorMessage")`;

/**
 * Which polls become snapshots: the instance's first, the first of each hour, every one with an error, every one that
 * differs from the instance's previous poll, and one stored after a later poll of the same instance (late). So every
 * change of state is kept at the poll that made it, and the state at any moment is the last snapshot before it, also
 * while a replica of the previous release (which keeps every poll) stores some of the polls.
 * $5: every poll (the behaviour before, for comparisons).
 */
const KEPT_SQL = `$5::boolean or s."snapshotAt" is null or r."errorKind" is not null
    or date_trunc('hour', r."checkedAt") <> date_trunc('hour', s."snapshotAt") or r."checkedAt" < s."checkedAt"
    or ${compared("r")} is distinct from ${compared("s")}`;

const STORE_SQL = `
with x as (
  select r.*, p.failing, ${KEPT_SQL} as kept, s."checkedAt" > r."checkedAt" and s."checkedAt" > s."snapshotAt" as "unkeptNewer", p."sweepId", coalesce(s."consecutiveFailures", 0) as "previousFailures",
    r."apiGeneration" is not null and (h."apiGeneration" is distinct from r."apiGeneration" or h."harborVersion" is distinct from r."harborVersion") as detected,
    -- the first poll whose /health answered (it holds components): from now on the instance runs
    (h."reachedAt" is null and r.components is not null) as "firstReach", h.lifecycle as "wasLifecycle", h.name as "instanceName"
  from json_populate_recordset(null::"InstanceStatus", $1::json) r
  join json_to_recordset($1::json) as p("instanceId" uuid, failing boolean, "sweepId" uuid) on p."instanceId" = r."instanceId"
  join "HarborInstance" h on h.id = r."instanceId"
  left join "InstanceStatus" s on s."instanceId" = r."instanceId"
),
snapshots as (
  insert into "InstanceSnapshot" ("instanceId", "sweepId", "checkedAt", health, credential, "harborVersion", "apiGeneration", components,
    "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "latencyMs", "errorKind", "errorMessage")
  select "instanceId", "sweepId", "checkedAt", health, credential, "harborVersion", "apiGeneration", components,
    "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "latencyMs", "errorKind", "errorMessage"
  from x where kept
),
newer as (
  -- A late poll: the instance's newest poll, if it was not kept, is kept now, so that the snapshots still hold the
  -- state it returned to (the status keeps it until this statement overwrites it).
  insert into "InstanceSnapshot" ("instanceId", "checkedAt", health, credential, "harborVersion", "apiGeneration", components,
    "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "latencyMs", "errorKind", "errorMessage")
  select s."instanceId", s."checkedAt", s.health, s.credential, s."harborVersion", s."apiGeneration", s.components,
    s."projectCount", s."repoCount", s."storageBytes", s."readOnly", s."authMode", s."latencyMs", s."errorKind", s."errorMessage"
  from x join "InstanceStatus" s on s."instanceId" = x."instanceId"
  where x."unkeptNewer"
),
hours as (
  insert into "InstanceHealthHour" as h ("instanceId", hour, "lastAt", health, worst, "harborVersion", "versionAt", polls, "healthyPolls",
    "errorPolls", "latencySumMs", "latencyPolls", "latencyMaxMs")
  select "instanceId", date_trunc('hour', "checkedAt"), "checkedAt", health, health, "harborVersion",
    case when "harborVersion" is not null then "checkedAt" end, 1, (health = 'healthy')::int,
    ("errorKind" is not null)::int, coalesce("latencyMs", 0), ("latencyMs" is not null)::int, "latencyMs"
  from x
  on conflict ("instanceId", hour) do update set
    -- "last" fields follow the latest poll even if an earlier one is stored after it (every expression reads the old row)
    health = case when excluded."lastAt" >= h."lastAt" then excluded.health else h.health end,
    "lastAt" = greatest(h."lastAt", excluded."lastAt"),
    "harborVersion" = case when excluded."harborVersion" is not null and (h."versionAt" is null or excluded."versionAt" >= h."versionAt")
      then excluded."harborVersion" else h."harborVersion" end,
    "versionAt" = greatest(h."versionAt", excluded."versionAt"),
    -- in the order polls are stored; the hourly seal recounts closed hours in time order
    "versionChanges" = h."versionChanges" + coalesce((excluded."harborVersion" <> h."harborVersion")::int, 0),
    worst = case when ${healthRank("excluded.worst")} > ${healthRank("h.worst")} then excluded.worst else h.worst end,
    polls = h.polls + 1, "healthyPolls" = h."healthyPolls" + excluded."healthyPolls", "errorPolls" = h."errorPolls" + excluded."errorPolls",
    "latencySumMs" = h."latencySumMs" + excluded."latencySumMs", "latencyPolls" = h."latencyPolls" + excluded."latencyPolls",
    "latencyMaxMs" = greatest(h."latencyMaxMs", excluded."latencyMaxMs")
),
statuses as (
  insert into "InstanceStatus" ("instanceId", health, "healthWord", credential, "harborVersion", "versionNum", "versionLine", "apiGeneration", components,
    "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "usagePartial", "externalUrl", "storageProvider", "latencyMs", "errorKind",
    "errorMessage", "checkedAt", "consecutiveFailures", "nextPollAt", "credentialCheckedAt", "credentialKind", "robotExpiry", "robotExpiresAt",
    "snapshotAt")
  select "instanceId", health, "healthWord", credential, "harborVersion", "versionNum", "versionLine", "apiGeneration", components,
    "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "usagePartial", "externalUrl", "storageProvider", "latencyMs", "errorKind",
    "errorMessage", "checkedAt",
    case when failing then "previousFailures" + 1 else 0 end,
    -- the interval, or after failures in a row interval × 2^(failures−1), at most $4 seconds
    "checkedAt" + make_interval(secs => case when failing then least($4::float8, $3::float8 * power(2, least("previousFailures", 10))) else $3::float8 end),
    "credentialCheckedAt", "credentialKind", "robotExpiry", "robotExpiresAt",
    case when kept then "checkedAt" end
  from x
  on conflict ("instanceId") do update set
    health = excluded.health, "healthWord" = excluded."healthWord", credential = excluded.credential, "harborVersion" = excluded."harborVersion",
    "versionNum" = excluded."versionNum", "versionLine" = excluded."versionLine", "apiGeneration" = excluded."apiGeneration",
    components = excluded.components, "projectCount" = excluded."projectCount", "repoCount" = excluded."repoCount",
    "storageBytes" = excluded."storageBytes", "readOnly" = excluded."readOnly", "authMode" = excluded."authMode", "usagePartial" = excluded."usagePartial",
    "externalUrl" = excluded."externalUrl", "storageProvider" = excluded."storageProvider", "latencyMs" = excluded."latencyMs",
    "errorKind" = excluded."errorKind", "errorMessage" = excluded."errorMessage", "checkedAt" = excluded."checkedAt",
    "consecutiveFailures" = excluded."consecutiveFailures", "nextPollAt" = excluded."nextPollAt",
    -- The credential check runs hourly: a poll without it keeps the last one's findings; one that learned
    -- nothing (401) only moves the time on.
    "credentialCheckedAt" = coalesce(excluded."credentialCheckedAt", "InstanceStatus"."credentialCheckedAt"),
    "credentialKind" = case when excluded."credentialKind" is null then "InstanceStatus"."credentialKind" else excluded."credentialKind" end,
    "robotExpiry" = case when excluded."credentialKind" is null then "InstanceStatus"."robotExpiry" else excluded."robotExpiry" end,
    "robotExpiresAt" = case when excluded."credentialKind" is null then "InstanceStatus"."robotExpiresAt" else excluded."robotExpiresAt" end,
    "snapshotAt" = coalesce(excluded."snapshotAt", "InstanceStatus"."snapshotAt")
),
detections as (
  -- The cached detection, only where it changed; and the first reach, which makes a planned instance running (one
  -- update: a row updated twice in one statement keeps only one of them). Neither is an edit: the instance's
  -- "updated at/by" stay those of the last person who changed it.
  update "HarborInstance" h set
    "apiGeneration" = case when x.detected then x."apiGeneration" else h."apiGeneration" end,
    "harborVersion" = case when x.detected then x."harborVersion" else h."harborVersion" end,
    "detectedAt" = case when x.detected then x."checkedAt" else h."detectedAt" end,
    "reachedAt" = case when x."firstReach" then x."checkedAt" else h."reachedAt" end,
    lifecycle = case when x."firstReach" then 'running'::"InstanceLifecycle" else h.lifecycle end
  from x
  where h.id = x."instanceId" and (x.detected or x."firstReach")
),
lifecycles as (
  insert into "AuditEvent" ("actorEmail", action, "targetType", "targetId", "targetName", before, after)
  select 'system', 'instance.lifecycle', 'instance', "instanceId"::text, "instanceName", '{"lifecycle":"planned"}'::jsonb,
    '{"lifecycle":"running","reason":"the collector reached it"}'::jsonb
  from x where "firstReach" and "wasLifecycle" = 'planned'
)
update "CollectorSweep" c set done = least(c.total, c.done + p.n),
  "finishedAt" = case when c.done + p.n >= c.total then coalesce(c."finishedAt", now() at time zone 'utc') else c."finishedAt" end
from json_to_recordset($2::json) as p("sweepId" uuid, n int)
where c.id = p."sweepId"`;
