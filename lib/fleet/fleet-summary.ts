import "server-only";
import { Prisma } from "../generated/prisma/client";
import { rawQuery } from "../db";
import type { TFleetParams, THealthState } from "../schemas/fleet";
import { parseHarborVersion } from "../releases";
import { foldSoon } from "./tally";
import { credentialProblemSql, isUnfiltered, NEVER_POLLED, robotExpiringSql, staleBefore, versionFacts, whereSql } from "./fleet-filters";

/** The fleet page's tiles: counts over the whole fleet or a scope of it, in one query. */

export interface FleetSummary {
  total: number;
  byHealth: Record<THealthState, number>;
  credentialProblems: number;
  /** robot credentials expired or expiring within EXPIRY_WARNING_DAYS */
  credentialsExpiring: number;
  /** two or more minor lines behind the newest release */
  behind: number;
  /** outside the maintained release lines */
  unmaintained: number;
  stale: number;
  withErrors: number;
  versions: { line: string; count: number; minorsBehind: number | null }[];
  /** projects, repositories and storage summed over the instances whose account sees all of them (usage "full") */
  usage: { projects: number; repos: number; storageBytes: number; counted: number; partial: number };
}

/** The filters that choose which instances the summary counts (the tiles' own filters — health, credential… — do not). */
export type FleetScope = Pick<Partial<TFleetParams>, "q" | "environment" | "label">;

/**
 * The summary's counts per version line (null: unknown, never polled included); the usage sums as exact decimals
 * (int64 in Harbor, summed over the lines as BigInt and made a number once, as one sum over every row would be).
 */
type Counts = Record<"total" | "healthy" | "degraded" | "down" | "cred" | "expiring" | "stale" | "errors" | "usageCounted" | "usagePartial", number> &
  Record<UsageSum, string> & { line: string | null };
type UsageSum = "usageProjects" | "usageRepos" | "usageStorage";

/**
 * Each count over instances `i` joined with their status rows `s`, as a select list grouped by version line.
 * The tally (migration 20261205090000_fleet_tally, fleet_tally_sums) counts the same, but for the time-dependent parts.
 */
function countsSql(now: Date): Prisma.Sql {
  const full = Prisma.sql`s."usagePartial" = false and s."credentialKind" is distinct from 'robot'`;
  return Prisma.sql`s."versionLine" as line, count(*)::int as total,
    (count(*) filter (where s.health = 'healthy'))::int as healthy,
    (count(*) filter (where s.health = 'degraded'))::int as degraded,
    (count(*) filter (where s.health = 'down'))::int as down,
    (count(*) filter (where ${credentialProblemSql(now)}))::int as cred,
    (count(*) filter (where ${robotExpiringSql(now)}))::int as expiring,
    (count(*) filter (where coalesce(s."checkedAt", i."createdAt") < ${staleBefore(now)}))::int as stale,
    (count(*) filter (where s."errorKind" is not null))::int as errors,
    coalesce(sum(s."projectCount") filter (where ${full}), 0)::text as "usageProjects",
    coalesce(sum(s."repoCount") filter (where ${full}), 0)::text as "usageRepos",
    coalesce(sum(s."storageBytes") filter (where ${full}), 0)::text as "usageStorage",
    (count(*) filter (where ${full}))::int as "usageCounted",
    (count(*) filter (where s."usagePartial" or (s."usagePartial" is not null and s."credentialKind" = 'robot')))::int as "usagePartial"`;
}

/**
 * The summary counted over every instance (joined with its status) that `scope` (search, environment, label) lets
 * through: a scoped summary, and the reference the whole fleet's tally is tested against.
 */
export function fleetSummaryRowsSql(now: Date, scope: FleetScope = {}): Prisma.Sql {
  return Prisma.sql`select ${countsSql(now)}
    from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id
    ${whereSql({ q: scope.q, environment: scope.environment, label: scope.label }, now)} group by s."versionLine"`;
}

/**
 * The whole fleet's summary without reading a row per instance (README Performance): the counts per version line from
 * the tally the status rows' triggers keep (FleetTally and its pending deltas, read in one snapshot; migration
 * 20261205090000_fleet_tally); the counts that depend on the time through their indexes — robots expiring within the
 * warning window (credential problems the tally does not hold as rejected), instances not polled lately — and the
 * instances never polled (NEVER_POLLED). Rows without a version line carry only these.
 */
export function fleetTallySql(now: Date): Prisma.Sql {
  const stale = staleBefore(now);
  const cols = Prisma.raw(
    `line, total, healthy, degraded, down, rejected, errors, "usageProjects", "usageRepos", "usageStorage", "usageCounted", "usagePartial"`,
  );
  return Prisma.sql`
    select nullif(line, '') as line, sum(total)::int as total, sum(healthy)::int as healthy, sum(degraded)::int as degraded,
      sum(down)::int as down, sum(rejected)::int as cred, 0 as expiring, 0 as stale, sum(errors)::int as errors,
      sum("usageProjects")::text as "usageProjects", sum("usageRepos")::text as "usageRepos", sum("usageStorage")::text as "usageStorage",
      sum("usageCounted")::int as "usageCounted", sum("usagePartial")::int as "usagePartial"
    from (select ${cols} from "FleetTally" union all select ${cols} from "FleetTallyDelta") t
    group by line having sum(total) <> 0
    union all
    select null, 0, 0, 0, 0, (count(*) filter (where s.credential not in ('invalid', 'forbidden')))::int, count(*)::int, 0, 0, '0', '0', '0', 0, 0
    from "InstanceStatus" s where ${robotExpiringSql(now)} having count(*) > 0
    union all
    select null, 0, 0, 0, 0, 0, 0, count(*)::int, 0, '0', '0', '0', 0, 0
    from "InstanceStatus" s where s."checkedAt" < ${stale}
      or (s."checkedAt" is null and (select c."createdAt" from "HarborInstance" c where c.id = s."instanceId") < ${stale})
    having count(*) > 0
    union all
    select null, count(*)::int, 0, 0, 0, 0, 0, (count(*) filter (where i."createdAt" < ${stale}))::int, 0, '0', '0', '0', 0, 0
    from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id where ${NEVER_POLLED}
    having count(*) > 0`;
}

/** The statement behind getFleetSummary (exported for the benchmark): the tally for the whole fleet, else the rows. */
export function fleetSummarySql(now: Date, scope: FleetScope = {}): Prisma.Sql {
  return isUnfiltered(scope) ? fleetTallySql(now) : fleetSummaryRowsSql(now, scope);
}

/** Counts over the whole fleet, or over `scope` (search, environment, label) when given, in one query. */
export async function getFleetSummary(now = new Date(), scope: FleetScope = {}): Promise<FleetSummary> {
  // The whole fleet's tally is prepared (lib/db.ts queryOn); a scope's text runs unnamed, like a filtered page.
  const lines = await rawQuery<Counts[]>(fleetSummarySql(now, scope), { prepare: isUnfiltered(scope) });
  foldSoon();
  const sum = (k: Exclude<keyof Counts, "line" | UsageSum>) => lines.reduce((a, l) => a + l[k], 0);
  const exact = (k: UsageSum) => Number(lines.reduce((a, l) => a + BigInt(l[k]), 0n));
  const byHealth: Record<THealthState, number> = { healthy: sum("healthy"), degraded: sum("degraded"), down: sum("down"), unknown: 0 };
  byHealth.unknown = sum("total") - byHealth.healthy - byHealth.degraded - byHealth.down;
  const versions = lines
    .filter((l): l is Counts & { line: string } => l.line !== null)
    .map((l) => ({ line: l.line, count: l.total, minorsBehind: versionFacts(`${l.line}.0`).minorsBehind }))
    .sort(
      (a, b) => parseHarborVersion(b.line)!.major - parseHarborVersion(a.line)!.major || parseHarborVersion(b.line)!.minor - parseHarborVersion(a.line)!.minor,
    );
  const behind = versions.filter((v) => (v.minorsBehind ?? 0) >= 2).reduce((a, v) => a + v.count, 0);
  const unmaintained = versions.filter((v) => ["outdated", "unsupported"].includes(versionFacts(`${v.line}.0`).support ?? "")).reduce((a, v) => a + v.count, 0);
  return {
    total: sum("total"),
    byHealth,
    credentialProblems: sum("cred"),
    credentialsExpiring: sum("expiring"),
    behind,
    unmaintained,
    stale: sum("stale"),
    withErrors: sum("errors"),
    versions,
    usage: {
      projects: exact("usageProjects"),
      repos: exact("usageRepos"),
      storageBytes: exact("usageStorage"),
      counted: sum("usageCounted"),
      partial: sum("usagePartial"),
    },
  };
}
