import "server-only";
import { Prisma } from "../generated/prisma/client";
import { env } from "../env";
import { EXPIRY_WARNING_DAYS } from "../harbor/robot-expiry";
import { FLEET_FILTER_KEYS, type TFleetParams } from "../schemas/fleet";
import { hopsToLatest, minorsBehind, supportStatus } from "../upgrade";
import { LATEST, MAINTAINED_LINES, parseHarborVersion, RELEASE_LINES } from "../releases";
import type { FleetRow } from "./fleet-rows";

/**
 * The fleet's filters and orders as SQL over `"HarborInstance" i left join "InstanceStatus" s`, and the version facts
 * every row and tile shows: one definition each, shared by the table (fleet-rows.ts) and the tiles (fleet-summary.ts).
 */

/** A snapshot older than three polling intervals is stale. */
export function staleBefore(now = new Date()): Date {
  return new Date(now.getTime() - 3 * env().COLLECTOR_INTERVAL_SECONDS * 1000);
}

// Upgrade-path planning costs ~0.1 ms a version and a fleet has a handful of distinct versions: plan each once.
const FACTS = new Map<string, { minorsBehind: number | null; hopsToLatest: number | null; support: FleetRow["support"] }>();

export function versionFacts(v: string | null) {
  const p = parseHarborVersion(v);
  if (!p) return { minorsBehind: null, hopsToLatest: null, support: null };
  const key = `${p.major}.${p.minor}.${p.patch}`;
  let facts = FACTS.get(key);
  if (!facts) {
    facts = { minorsBehind: minorsBehind(p), hopsToLatest: hopsToLatest(p), support: supportStatus(p).status };
    if (FACTS.size < 1_000) FACTS.set(key, facts);
  }
  return facts;
}

export const expiryHorizon = (now: Date) => new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);

const escapeLike = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Release lines two or more minor lines behind the newest: what the "Behind latest" tile counts. */
const LINES_BEHIND = RELEASE_LINES.map((l) => l.line).filter((line) => (minorsBehind(line) ?? 0) >= 2);
/** Lines newer than the catalog's newest on its major count as latest (supportStatus), not as unmaintained. */
const NEWER_THAN_LATEST = LATEST.major * 10_000 + (LATEST.minor + 1) * 100;

/**
 * The "Outside maintained lines" tile's rows: a known version whose line is neither maintained nor newer than the
 * catalog (supportStatus says outdated or unsupported), the same rule getFleetSummary applies to its lines.
 */
const UNMAINTAINED_SQL = Prisma.sql`(s."versionLine" is not null and not (s."versionLine" = any(${[...MAINTAINED_LINES]}::text[]) or (s."versionNum" >= ${NEWER_THAN_LATEST} and s."versionNum" < ${(LATEST.major + 1) * 10_000})))`;

/** A robot credential that expired or expires within the warning window (over InstanceStatus aliased `s`). */
export const robotExpiringSql = (now: Date) =>
  Prisma.sql`(s."credentialKind" = 'robot' and s."robotExpiry" = 'expires' and s."robotExpiresAt" < ${expiryHorizon(now)})`;

/** The credential-problems rule: rejected or under-privileged, or a robot that expired or expires within the warning window. */
export const credentialProblemSql = (now: Date) => Prisma.sql`(s.credential in ('invalid', 'forbidden') or ${robotExpiringSql(now)})`;

/** No filter set: the fleet page's default view, whose statements run prepared (lib/db.ts queryOn). */
export const isUnfiltered = (p: Partial<TFleetParams>) => FLEET_FILTER_KEYS.every((k) => !p[k]);

/**
 * The WHERE clause over `"HarborInstance" i left join "InstanceStatus" s`, every value a bound parameter, with `extra`
 * conditions (a rank's) after the filters'.
 */
export function whereSql(p: Partial<TFleetParams>, now: Date, extra: Prisma.Sql[] = []): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  if (p.q) {
    const like = escapeLike(p.q);
    c.push(Prisma.sql`(i.name ilike ${like} or i.description ilike ${like} or i."baseUrl" ilike ${like})`);
  }
  if (p.environment) c.push(Prisma.sql`i.environment::text = ${p.environment}`);
  if (p.label) c.push(p.label.includes("=") ? Prisma.sql`i.labels @> array[${p.label}]::text[]` : Prisma.sql`i."labelKeys" @> array[${p.label}]::text[]`);
  if (p.health === "unknown") c.push(Prisma.sql`(s."instanceId" is null or s.health = 'unknown')`);
  else if (p.health) c.push(Prisma.sql`s.health::text = ${p.health}`);
  if (p.credential) c.push(credentialProblemSql(now));
  if (p.version) c.push(Prisma.sql`s."versionLine" = ${p.version}`);
  if (p.error) c.push(Prisma.sql`s."errorKind" is not null`);
  if (p.behind) c.push(Prisma.sql`s."versionLine" = any(${LINES_BEHIND}::text[])`);
  if (p.unmaintained) c.push(UNMAINTAINED_SQL);
  if (p.stale) c.push(Prisma.sql`coalesce(s."checkedAt", i."createdAt") < ${staleBefore(now)}`);
  c.push(...extra);
  return c.length ? Prisma.sql`where ${Prisma.join(c, " and ")}` : Prisma.empty;
}

// Sort keys → columns; nulls last where a column may be empty (never polled), like the table shows them.
const SORT_SQL: Record<Exclude<TFleetParams["sort"], "status">, { column: string; nullsLast: boolean }> = {
  name: { column: "i.name", nullsLast: false },
  health: { column: "s.health", nullsLast: false },
  version: { column: `s."versionNum"`, nullsLast: true },
  projects: { column: `s."projectCount"`, nullsLast: true },
  storage: { column: `s."storageBytes"`, nullsLast: true },
  latency: { column: `s."latencyMs"`, nullsLast: true },
  checked: { column: `s."checkedAt"`, nullsLast: true },
};

/**
 * Over `"HarborInstance" i left join "InstanceStatus" s`: the instances without a status row (never polled), found
 * through the index of those never reached, so a fleet whose every instance answered once reads none of its rows to
 * find none. It holds because the statement that first sets reachedAt stores the status row too (collector/store-sql),
 * nothing clears reachedAt, and a status row goes only with its instance (cascade). A status row deleted by hand would
 * hide its instance from worst first until its next poll stores one again.
 */
export const NEVER_POLLED = Prisma.sql`i."reachedAt" is null and s."instanceId" is null`;

/**
 * Worst first: down, degraded, credential problems, unknown (never polled included), then healthy. The fleet page does
 * not rank every row (fleet-rows.ts): it reads three sets, each through an index and each excluding the others, and
 * ranks only the first rows of each — the polled instances with something wrong (health, credential state, a robot's
 * expiry: few), ranked by one CASE; the never-polled ones, looked for among the instances never reached (NEVER_POLLED);
 * and the healthy majority, walked by name. A credential problem can be null (a robot whose expiry is not known): it
 * is then not one.
 */
export function statusRankSets(now: Date, dir: "asc" | "desc"): { rank: Prisma.Sql; join: "inner" | "left"; where: Prisma.Sql; order: Prisma.Sql }[] {
  const problem = credentialProblemSql(now);
  const rank = Prisma.sql`case when s.health = 'down' then 0 when s.health = 'degraded' then 1 when coalesce(${problem}, false) then 2 else 3 end`;
  return [
    { rank, join: "inner", where: Prisma.sql`(s.health in ('down', 'degraded', 'unknown') or ${problem})`, order: Prisma.sql`1 ${Prisma.raw(dir)}, i.name` },
    { rank: Prisma.sql`3`, join: "left", where: NEVER_POLLED, order: Prisma.sql`i.name` },
    { rank: Prisma.sql`4`, join: "inner", where: Prisma.sql`s.health = 'healthy' and not coalesce(${problem}, false)`, order: Prisma.sql`i.name` },
  ];
}

/** The order of any sort but "status" (fleet-rows.ts reads that one rank by rank), ties by name. */
export function orderSql(sort: keyof typeof SORT_SQL, dir: TFleetParams["dir"]): Prisma.Sql {
  const { column, nullsLast } = SORT_SQL[sort];
  return Prisma.raw(`${column} ${dir === "desc" ? "desc" : "asc"}${nullsLast ? " nulls last" : ""}, i.name asc`);
}
