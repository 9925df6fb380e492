import "server-only";
import { Prisma } from "../generated/prisma/client";
import { rawQuery } from "../db";
import type { TFleetParams, THealthState } from "../schemas/fleet";
import { parseHarborVersion } from "../releases";
import { credentialProblemSql, robotExpiringSql, staleBefore, versionFacts, whereSql } from "./fleet-filters";

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

/** The statement behind getFleetSummary (exported for the benchmark). */
export function fleetSummarySql(now: Date, scope: FleetScope = {}): Prisma.Sql {
  const w = whereSql({ q: scope.q, environment: scope.environment, label: scope.label }, now);
  return Prisma.sql`
    with scoped as (
      select s."instanceId" as sid, i."createdAt", s.health, s.credential, s."checkedAt", s."errorKind", s."versionLine", s."credentialKind", s."robotExpiry", s."robotExpiresAt",
        s."projectCount", s."repoCount", s."storageBytes", s."usagePartial" = false and s."credentialKind" is distinct from 'robot' as "fullUsage",
        (s."usagePartial" or (s."usagePartial" is not null and s."credentialKind" = 'robot')) as "partialUsage"
      from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id ${w}
    )
    select count(*)::int as total,
      (count(*) filter (where health = 'healthy'))::int as healthy,
      (count(*) filter (where health = 'degraded'))::int as degraded,
      (count(*) filter (where health = 'down'))::int as down,
      (count(*) filter (where ${credentialProblemSql(now, null)}))::int as cred,
      (count(*) filter (where ${robotExpiringSql(now, null)}))::int as expiring,
      (count(*) filter (where coalesce("checkedAt", "createdAt") < ${staleBefore(now)}))::int as stale,
      (count(*) filter (where "errorKind" is not null))::int as errors,
      coalesce(sum("projectCount") filter (where "fullUsage"), 0)::float8 as "usageProjects",
      coalesce(sum("repoCount") filter (where "fullUsage"), 0)::float8 as "usageRepos",
      coalesce(sum("storageBytes") filter (where "fullUsage"), 0)::float8 as "usageStorage",
      (count(*) filter (where "fullUsage"))::int as "usageCounted",
      (count(*) filter (where "partialUsage"))::int as "usagePartial",
      (select coalesce(json_agg(json_build_object('line', line, 'count', n)), '[]'::json)
         from (select "versionLine" as line, count(*)::int as n from scoped where "versionLine" is not null group by 1) v) as versions
    from scoped`;
}

/** Counts over the whole fleet, or over `scope` (search, environment, label) when given, in one query. */
export async function getFleetSummary(now = new Date(), scope: FleetScope = {}): Promise<FleetSummary> {
  const [r] = await rawQuery<
    {
      total: number;
      healthy: number;
      degraded: number;
      down: number;
      cred: number;
      expiring: number;
      stale: number;
      errors: number;
      versions: { line: string; count: number }[];
      usageProjects: number;
      usageRepos: number;
      usageStorage: number;
      usageCounted: number;
      usagePartial: number;
    }[]
  >(fleetSummarySql(now, scope));
  const byHealth: Record<THealthState, number> = { healthy: r.healthy, degraded: r.degraded, down: r.down, unknown: r.total - r.healthy - r.degraded - r.down };
  const versions = r.versions
    .map((l) => ({ line: l.line, count: l.count, minorsBehind: versionFacts(`${l.line}.0`).minorsBehind }))
    .sort(
      (a, b) => parseHarborVersion(b.line)!.major - parseHarborVersion(a.line)!.major || parseHarborVersion(b.line)!.minor - parseHarborVersion(a.line)!.minor,
    );
  const behind = versions.filter((v) => (v.minorsBehind ?? 0) >= 2).reduce((a, v) => a + v.count, 0);
  const unmaintained = versions.filter((v) => ["outdated", "unsupported"].includes(versionFacts(`${v.line}.0`).support ?? "")).reduce((a, v) => a + v.count, 0);
  const usage = { projects: r.usageProjects, repos: r.usageRepos, storageBytes: r.usageStorage, counted: r.usageCounted, partial: r.usagePartial };
  return {
    total: r.total,
    byHealth,
    credentialProblems: r.cred,
    credentialsExpiring: r.expiring,
    behind,
    unmaintained,
    stale: r.stale,
    withErrors: r.errors,
    versions,
    usage,
  };
}
