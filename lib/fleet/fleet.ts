import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { env } from "../env";
import { GENERATION_LABEL, parseHarborVersion, type ApiGeneration } from "../harbor/facts";
import type { TFleetParams, THealthState } from "../schemas/fleet";
import { hopsToLatest, minorsBehind, supportStatus } from "../upgrade";

export const FLEET_PAGE_SIZE = 50;

export interface FleetRow {
  id: string;
  name: string;
  environment: string;
  labels: string[];
  baseUrl: string;
  health: THealthState;
  credential: "valid" | "invalid" | "forbidden" | "unknown";
  components: { name: string; status: string; error?: string }[] | null;
  harborVersion: string | null;
  generationLabel: string | null;
  minorsBehind: number | null;
  hopsToLatest: number | null;
  support: "latest" | "maintained" | "outdated" | "unsupported" | null;
  projectCount: number | null;
  repoCount: number | null;
  storageBytes: number | null;
  latencyMs: number | null;
  checkedAt: string | null;
  stale: boolean;
  errorKind: string | null;
  errorMessage: string | null;
}

/** A snapshot older than three polling intervals is stale. */
export function staleBefore(now = new Date()): Date {
  return new Date(now.getTime() - 3 * env().COLLECTOR_INTERVAL_SECONDS * 1000);
}

function versionFacts(v: string | null) {
  const p = parseHarborVersion(v);
  if (!p) return { minorsBehind: null, hopsToLatest: null, support: null };
  return { minorsBehind: minorsBehind(p), hopsToLatest: hopsToLatest(p), support: supportStatus(p).status };
}

function where(p: Partial<TFleetParams>, now: Date): Prisma.HarborInstanceWhereInput {
  const w: Prisma.HarborInstanceWhereInput = {};
  const and: Prisma.HarborInstanceWhereInput[] = [];
  if (p.q) and.push({ OR: [{ name: { contains: p.q, mode: "insensitive" } }, { description: { contains: p.q, mode: "insensitive" } }, { baseUrl: { contains: p.q, mode: "insensitive" } }] });
  if (p.environment) and.push({ environment: p.environment });
  if (p.label) and.push(p.label.includes("=") ? { labels: { has: p.label } } : { labelKeys: { has: p.label } });
  if (p.health === "unknown") and.push({ OR: [{ status: null }, { status: { health: "unknown" } }] });
  else if (p.health) and.push({ status: { health: p.health } });
  if (p.credential) and.push({ status: { credential: { in: ["invalid", "forbidden"] } } });
  if (p.version) and.push({ status: { versionLine: p.version } });
  if (p.error) and.push({ status: { errorKind: { not: null } } });
  if (p.stale) and.push({ OR: [{ status: null }, { status: { checkedAt: { lt: staleBefore(now) } } }, { status: { checkedAt: null } }] });
  if (and.length) w.AND = and;
  return w;
}

function orderBy(p: TFleetParams): Prisma.HarborInstanceOrderByWithRelationInput[] {
  const dir = p.dir;
  const nulls = { sort: dir, nulls: "last" } as const;
  const by: Record<TFleetParams["sort"], Prisma.HarborInstanceOrderByWithRelationInput> = {
    name: { name: dir },
    health: { status: { health: dir } },
    version: { status: { versionNum: nulls } },
    projects: { status: { projectCount: nulls } },
    storage: { status: { storageBytes: nulls } },
    latency: { status: { latencyMs: nulls } },
    checked: { status: { checkedAt: nulls } },
  };
  return [by[p.sort], { name: "asc" }];
}

type InstanceWithStatus = Prisma.HarborInstanceGetPayload<{ select: { id: true; name: true; environment: true; labels: true; baseUrl: true; status: true } }>;

function toFleetRow(i: InstanceWithStatus, cutoff: Date): FleetRow {
  const s = i.status;
  return {
    id: i.id,
    name: i.name,
    environment: i.environment,
    labels: i.labels,
    baseUrl: i.baseUrl,
    health: s?.health ?? "unknown",
    credential: s?.credential ?? "unknown",
    components: (s?.components as FleetRow["components"]) ?? null,
    harborVersion: s?.harborVersion ?? null,
    generationLabel: s?.apiGeneration ? (GENERATION_LABEL[s.apiGeneration as ApiGeneration] ?? null) : null,
    ...versionFacts(s?.harborVersion ?? null),
    projectCount: s?.projectCount ?? null,
    repoCount: s?.repoCount ?? null,
    storageBytes: s?.storageBytes != null ? Number(s.storageBytes) : null,
    latencyMs: s?.latencyMs ?? null,
    checkedAt: s?.checkedAt?.toISOString() ?? null,
    stale: !s?.checkedAt || s.checkedAt < cutoff,
    errorKind: s?.errorKind ?? null,
    errorMessage: s?.errorMessage ?? null,
  };
}

/** One instance's current status, as a fleet row (for its own page); null when there is no such instance. */
export async function getFleetRow(id: string, now = new Date()): Promise<FleetRow | null> {
  const i = await db.harborInstance.findUnique({ where: { id }, select: { id: true, name: true, environment: true, labels: true, baseUrl: true, status: true } });
  return i ? toFleetRow(i, staleBefore(now)) : null;
}

/** One page of the fleet table: filtering, sorting and paging happen in PostgreSQL, so cost does not grow with the fleet. */
export async function listFleet(p: TFleetParams, now = new Date()): Promise<{ rows: FleetRow[]; total: number; page: number; pageCount: number }> {
  const w = where(p, now);
  // Two independent reads in parallel (no transaction: a row count a moment apart is fine for a page).
  const [total, items] = await Promise.all([
    db.harborInstance.count({ where: w }),
    db.harborInstance.findMany({
      where: w,
      orderBy: orderBy(p),
      skip: (p.page - 1) * FLEET_PAGE_SIZE,
      take: FLEET_PAGE_SIZE,
      select: { id: true, name: true, environment: true, labels: true, baseUrl: true, status: true },
    }),
  ]);
  const cutoff = staleBefore(now);
  const rows = items.map((i) => toFleetRow(i, cutoff));
  return { rows, total, page: p.page, pageCount: Math.max(1, Math.ceil(total / FLEET_PAGE_SIZE)) };
}

export interface FleetSummary {
  total: number;
  byHealth: Record<THealthState, number>;
  credentialProblems: number;
  /** two or more minor lines behind the newest release */
  behind: number;
  /** outside the maintained release lines */
  unmaintained: number;
  stale: number;
  withErrors: number;
  versions: { line: string; count: number; minorsBehind: number | null }[];
}

/** The filters that choose which instances the summary counts (the tiles' own filters — health, credential… — do not). */
export type FleetScope = Pick<Partial<TFleetParams>, "q" | "environment" | "label">;

/** Counts over the whole fleet, or over `scope` (search, environment, label) when given. */
export async function getFleetSummary(now = new Date(), scope: FleetScope = {}): Promise<FleetSummary> {
  const cutoff = staleBefore(now);
  const inScope = where({ q: scope.q, environment: scope.environment, label: scope.label }, now);
  const [total, health, cred, lines, stale, withErrors] = await Promise.all([
    db.harborInstance.count({ where: inScope }),
    db.instanceStatus.groupBy({ by: ["health"], _count: { _all: true }, where: { instance: inScope } }),
    db.instanceStatus.count({ where: { credential: { in: ["invalid", "forbidden"] }, instance: inScope } }),
    db.instanceStatus.groupBy({ by: ["versionLine"], _count: { _all: true }, where: { versionLine: { not: null }, instance: inScope } }),
    db.harborInstance.count({ where: { AND: [inScope, { OR: [{ status: null }, { status: { checkedAt: null } }, { status: { checkedAt: { lt: cutoff } } }] }] } }),
    db.instanceStatus.count({ where: { errorKind: { not: null }, instance: inScope } }),
  ]);
  const byHealth: Record<THealthState, number> = { healthy: 0, degraded: 0, down: 0, unknown: 0 };
  for (const h of health) byHealth[h.health] = h._count._all;
  byHealth.unknown += total - health.reduce((a, h) => a + h._count._all, 0); // never polled yet
  const versions = lines
    .map((l) => ({ line: l.versionLine!, count: l._count._all, minorsBehind: versionFacts(`${l.versionLine}.0`).minorsBehind }))
    .sort((a, b) => (parseHarborVersion(b.line)!.major - parseHarborVersion(a.line)!.major) || parseHarborVersion(b.line)!.minor - parseHarborVersion(a.line)!.minor);
  const behind = versions.filter((v) => (v.minorsBehind ?? 0) >= 2).reduce((a, v) => a + v.count, 0);
  const unmaintained = versions.filter((v) => ["outdated", "unsupported"].includes(versionFacts(`${v.line}.0`).support ?? "")).reduce((a, v) => a + v.count, 0);
  return { total, byHealth, credentialProblems: cred, behind, unmaintained, stale, withErrors, versions };
}

/** Health over time: per hour, how many instances were seen in each state (their last poll in that hour). */
export async function getHealthHistory(opts: { hours: number }): Promise<{ t: string; healthy: number; degraded: number; down: number; unknown: number }[]> {
  const since = new Date(Date.now() - opts.hours * 3_600_000);
  const rows = await db.$queryRaw<{ t: Date; health: THealthState; n: bigint }[]>`
    select t, health, count(*) as n from (
      select distinct on ("instanceId", date_trunc('hour', "checkedAt")) date_trunc('hour', "checkedAt") as t, health
      from "InstanceSnapshot" where "checkedAt" >= ${since}
      order by "instanceId", date_trunc('hour', "checkedAt"), "checkedAt" desc
    ) last_in_hour group by t, health order by t`;
  const byT = new Map<string, { t: string; healthy: number; degraded: number; down: number; unknown: number }>();
  for (const r of rows) {
    const key = r.t.toISOString();
    const point = byT.get(key) ?? { t: key, healthy: 0, degraded: 0, down: 0, unknown: 0 };
    point[r.health] = Number(r.n);
    byT.set(key, point);
  }
  return [...byT.values()];
}

export interface SweepProgress {
  id: string;
  trigger: string;
  total: number;
  done: number;
  startedAt: string;
  finishedAt: string | null;
}

export async function getSweep(id: string): Promise<SweepProgress | null> {
  const s = await db.collectorSweep.findUnique({ where: { id } });
  return s ? { id: s.id, trigger: s.trigger, total: s.total, done: s.done, startedAt: s.startedAt.toISOString(), finishedAt: s.finishedAt?.toISOString() ?? null } : null;
}
