import "server-only";
import { healthRank } from "./hours";

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

export const STORE_SQL = `
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
