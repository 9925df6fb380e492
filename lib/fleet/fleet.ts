import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db, rawQuery } from "../db";
import { env } from "../env";
import { EXPIRY_WARNING_DAYS } from "../harbor/robot-expiry";
import type { TFleetParams, THealthState } from "../schemas/fleet";
import { hopsToLatest, minorsBehind, supportStatus } from "../upgrade";
import { WEBHOOK_FLAG_STREAK } from "../schemas/webhook";
import { GENERATION_LABEL, LATEST, MAINTAINED_LINES, parseHarborVersion, RELEASE_LINES, type ApiGeneration } from "../releases";

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
  /** with usage "partial": what the account sees, a lower bound */
  projectCount: number | null;
  repoCount: number | null;
  /** null when not known, which includes every partial view (Harbor reports 0 to non-admins) */
  storageBytes: number | null;
  /**
   * "partial": the credential is not a Harbor system admin (a robot never is), so Harbor's statistics count only what
   * it may see and no storage: the counts are a lower bound, left out of fleet totals; null: no statistics yet
   */
  usage: "full" | "partial" | null;
  readOnly: boolean | null;
  authMode: string | null;
  latencyMs: number | null;
  checkedAt: string | null;
  /** no poll stored for three polling intervals; a never-polled instance only once its first poll is overdue */
  stale: boolean;
  /** when stale: since when (the last stored poll, or when the instance was added) and why, in a sentence */
  staleSince: string | null;
  staleReason: string | null;
  /** the word Harbor's /health said when the console does not know it (health is then "unknown") */
  healthWord: string | null;
  /** webhook policies (per the inventory) whose last WEBHOOK_FLAG_STREAK deliveries all failed */
  failingWebhooks: number;
  errorKind: string | null;
  errorMessage: string | null;
  /** from the hourly credential check; null until it ran */
  credentialKind: "user" | "robot" | null;
  /** robots on Harbor 2.2+: what the robot list said; null otherwise */
  robotExpiry: "expires" | "never" | "not_visible" | "not_found" | null;
  robotExpiresAt: string | null;
  credentialCheckedAt: string | null;
}

/** A snapshot older than three polling intervals is stale. */
export function staleBefore(now = new Date()): Date {
  return new Date(now.getTime() - 3 * env().COLLECTOR_INTERVAL_SECONDS * 1000);
}

// Upgrade-path planning costs ~0.1 ms a version and a fleet has a handful of distinct versions: plan each once.
const FACTS = new Map<string, { minorsBehind: number | null; hopsToLatest: number | null; support: FleetRow["support"] }>();

function versionFacts(v: string | null) {
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

const expiryHorizon = (now: Date) => new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);

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

/** The credential-problems rule: rejected or under-privileged, or a robot that expired or expires within the warning window. */
const credentialProblemSql = (now: Date) =>
  Prisma.sql`(s.credential in ('invalid', 'forbidden') or (s."credentialKind" = 'robot' and s."robotExpiry" = 'expires' and s."robotExpiresAt" < ${expiryHorizon(now)}))`;

/** The WHERE clause over `"HarborInstance" i left join "InstanceStatus" s`, every value a bound parameter. */
function whereSql(p: Partial<TFleetParams>, now: Date): Prisma.Sql {
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

/** Worst first: down, degraded, credential problems, unknown (never polled included), then healthy. */
const statusRankSql = (now: Date) => Prisma.sql`case when s.health = 'down' then 0 when s.health = 'degraded' then 1
  when ${credentialProblemSql(now)} then 2 when s."instanceId" is null or s.health is null or s.health = 'unknown' then 3 else 4 end`;

function orderSql(p: TFleetParams, now: Date): Prisma.Sql {
  const dir = p.dir === "desc" ? "desc" : "asc";
  if (p.sort === "status") return Prisma.sql`${statusRankSql(now)} ${Prisma.raw(dir)}, i.name asc`;
  const { column, nullsLast } = SORT_SQL[p.sort];
  return Prisma.raw(`${column} ${dir}${nullsLast ? " nulls last" : ""}, i.name asc`);
}

interface RawFleetRow {
  id: string;
  name: string;
  environment: string;
  labels: string[];
  baseUrl: string;
  health: THealthState | null;
  credential: FleetRow["credential"] | null;
  components: FleetRow["components"];
  harborVersion: string | null;
  apiGeneration: string | null;
  projectCount: bigint | null;
  repoCount: bigint | null;
  storageBytes: bigint | null;
  usagePartial: boolean | null;
  readOnly: boolean | null;
  authMode: string | null;
  latencyMs: number | null;
  checkedAt: Date | null;
  healthWord: string | null;
  errorKind: string | null;
  errorMessage: string | null;
  credentialKind: FleetRow["credentialKind"];
  robotExpiry: FleetRow["robotExpiry"];
  robotExpiresAt: Date | null;
  credentialCheckedAt: Date | null;
  createdAt: Date;
  consecutiveFailures: number | null;
  nextPollAt: Date | null;
  failedAt: Date | null;
  failure: string | null;
  failingWebhooks: number;
}

const ROW_COLUMNS = Prisma.sql`i.id, i.name, i.environment::text as environment, i.labels, i."baseUrl", s.health::text as health, s.credential::text as credential,
  s.components, s."harborVersion", s."apiGeneration", s."projectCount", s."repoCount", s."storageBytes", s."usagePartial", s."readOnly", s."authMode", s."latencyMs", s."checkedAt", s."healthWord", s."errorKind", s."errorMessage",
  s."credentialKind"::text as "credentialKind", s."robotExpiry"::text as "robotExpiry", s."robotExpiresAt", s."credentialCheckedAt",
  i."createdAt", s."consecutiveFailures", s."nextPollAt", f.at as "failedAt", f.message as failure,
  (select count(*)::int from "WebhookInventoryEntry" w where w."instanceId" = i.id and w."failingStreak" >= ${WEBHOOK_FLAG_STREAK}) as "failingWebhooks"`;

/** The latest poll of the row's instance the console itself failed since its last stored one (CollectorFailure). */
const LAST_FAILURE = Prisma.sql`left join lateral (
    select cf.at, cf.message from "CollectorFailure" cf
    where cf."instanceId" = i.id and cf.at > coalesce(s."checkedAt", i."createdAt") order by cf.at desc limit 1
  ) f on true`;

const hhmm = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Why a row is stale, in a sentence: what the console failed, a backoff, or no poll at all. */
function staleReason(r: RawFleetRow, now: Date): string {
  if (r.failure) return r.failure;
  if (!r.checkedAt) return "Never polled: its first poll, queued when it was saved, has not been stored (see the collector status).";
  if (r.consecutiveFailures && r.nextPollAt && r.nextPollAt > now) {
    return `Polling backs off after ${r.consecutiveFailures} failed polls in a row; the next one is due at ${hhmm(r.nextPollAt)}.`;
  }
  return "No poll has been stored since: the collector is not polling it (see the collector status).";
}

const count = (v: bigint | null) => (v === null ? null : Number(v));

/** Robots never get Harbor's totals (docs/harbor/api.md §2), even when a poll could not tell from the numbers alone. */
function usageOf(r: Pick<RawFleetRow, "usagePartial" | "credentialKind">): FleetRow["usage"] {
  if (r.usagePartial === null) return null;
  return r.usagePartial || r.credentialKind === "robot" ? "partial" : "full";
}

function toFleetRow(r: RawFleetRow, cutoff: Date, now: Date): FleetRow {
  const usage = usageOf(r);
  // Never polled is stale only once the first poll is overdue (saving an instance queues it at once).
  const stale = (r.checkedAt ?? r.createdAt) < cutoff;
  return {
    id: r.id,
    name: r.name,
    environment: r.environment,
    labels: r.labels,
    baseUrl: r.baseUrl,
    health: r.health ?? "unknown",
    credential: r.credential ?? "unknown",
    components: r.components ?? null,
    harborVersion: r.harborVersion,
    generationLabel: r.apiGeneration ? (GENERATION_LABEL[r.apiGeneration as ApiGeneration] ?? null) : null,
    ...versionFacts(r.harborVersion),
    projectCount: count(r.projectCount),
    repoCount: count(r.repoCount),
    storageBytes: usage === "partial" ? null : count(r.storageBytes),
    usage,
    readOnly: r.readOnly,
    authMode: r.authMode,
    latencyMs: r.latencyMs,
    checkedAt: r.checkedAt?.toISOString() ?? null,
    stale,
    staleSince: stale ? (r.checkedAt ?? r.createdAt).toISOString() : null,
    staleReason: stale ? staleReason(r, now) : null,
    healthWord: r.healthWord,
    failingWebhooks: r.failingWebhooks ?? 0,
    errorKind: r.errorKind,
    errorMessage: r.errorMessage,
    credentialKind: r.credentialKind ?? null,
    robotExpiry: r.robotExpiry ?? null,
    robotExpiresAt: r.robotExpiresAt?.toISOString() ?? null,
    credentialCheckedAt: r.credentialCheckedAt?.toISOString() ?? null,
  };
}

/** One instance's current status, as a fleet row (for its own page); null when there is no such instance. */
export async function getFleetRow(id: string, now = new Date()): Promise<FleetRow | null> {
  const rows = await rawQuery<RawFleetRow[]>(Prisma.sql`select ${ROW_COLUMNS} from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id ${LAST_FAILURE} where i.id = ${id}::uuid`);
  return rows[0] ? toFleetRow(rows[0], staleBefore(now), now) : null;
}

/**
 * The statement behind listFleet (exported for the benchmark, which times it on a bare connection). The page is chosen
 * and counted on the narrow filter and sort columns first; only its 50 rows are then read whole. Counting with the
 * wide columns (components, error text) carried through the window and the sort cost 3.3 ms at 1,000 instances; this
 * way a sort by name that filters on nothing of the status never reads InstanceStatus (PostgreSQL drops the join).
 */
export function fleetPageSql(p: TFleetParams, now: Date): Prisma.Sql {
  const order = orderSql(p, now);
  return Prisma.sql`
    with page as (
      select i.id, (count(*) over ())::int as total
      from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id
      ${whereSql(p, now)} order by ${order} limit ${FLEET_PAGE_SIZE} offset ${(p.page - 1) * FLEET_PAGE_SIZE}
    )
    select ${ROW_COLUMNS}, page.total
    from page join "HarborInstance" i on i.id = page.id left join "InstanceStatus" s on s."instanceId" = i.id ${LAST_FAILURE}
    order by ${order}`;
}

/**
 * One page of the fleet table in one query: filtering, sorting, paging and the total (a window count) happen in
 * PostgreSQL, so the cost does not grow with the fleet.
 */
export async function listFleet(p: TFleetParams, now = new Date()): Promise<{ rows: FleetRow[]; total: number; page: number; pageCount: number }> {
  const w = whereSql(p, now);
  const items = await rawQuery<(RawFleetRow & { total: number })[]>(fleetPageSql(p, now));
  // Past the last page the window has no row to count on: ask for the total alone.
  const total =
    items[0]?.total ??
    (p.page > 1 ? (await rawQuery<{ n: number }[]>(Prisma.sql`select count(*)::int as n from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id ${w}`))[0].n : 0);
  const cutoff = staleBefore(now);
  return { rows: items.map((i) => toFleetRow(i, cutoff, now)), total, page: p.page, pageCount: Math.max(1, Math.ceil(total / FLEET_PAGE_SIZE)) };
}

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
      (count(*) filter (where credential in ('invalid', 'forbidden') or ("credentialKind" = 'robot' and "robotExpiry" = 'expires' and "robotExpiresAt" < ${expiryHorizon(now)})))::int as cred,
      (count(*) filter (where "credentialKind" = 'robot' and "robotExpiry" = 'expires' and "robotExpiresAt" < ${expiryHorizon(now)}))::int as expiring,
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
    .sort((a, b) => parseHarborVersion(b.line)!.major - parseHarborVersion(a.line)!.major || parseHarborVersion(b.line)!.minor - parseHarborVersion(a.line)!.minor);
  const behind = versions.filter((v) => (v.minorsBehind ?? 0) >= 2).reduce((a, v) => a + v.count, 0);
  const unmaintained = versions.filter((v) => ["outdated", "unsupported"].includes(versionFacts(`${v.line}.0`).support ?? "")).reduce((a, v) => a + v.count, 0);
  const usage = { projects: r.usageProjects, repos: r.usageRepos, storageBytes: r.usageStorage, counted: r.usageCounted, partial: r.usagePartial };
  return { total: r.total, byHealth, credentialProblems: r.cred, credentialsExpiring: r.expiring, behind, unmaintained, stale: r.stale, withErrors: r.errors, versions, usage };
}

const hourOf = (ms: number) => Math.floor(ms / 3_600_000) * 3_600_000;

/** Instances per health state per hour, for the hours in [since, until). */
const healthHoursSql = (since: Date, until?: Date) =>
  Prisma.sql`select hour as t, health::text as health, count(*) as n from "InstanceHealthHour"
    where hour >= ${since} ${until ? Prisma.sql`and hour < ${until}` : Prisma.empty} group by hour, health order by hour`;

/** The statement behind getHealthHistory, uncached (the benchmark times it as the raw SQL for the chart's rows). */
export function healthHistorySql(hours: number, now = new Date(), until?: Date) {
  return healthHoursSql(new Date(hourOf(now.getTime() - hours * 3_600_000)), until);
}

export type HealthPoint = { t: string; healthy: number; degraded: number; down: number; unknown: number };

/**
 * The chart's closed hours, per process. They no longer change but for a poll stored late and the hourly maintenance's
 * recount of the last three, so they are read at most every CLOSED_HOURS_TTL_MS (and afresh when an hour closes); each
 * page view then reads only the current hour's rows. Reading all of them took ~6.5 ms of PostgreSQL per view at 1,000
 * instances (25,000 rows), growing with the fleet; the current hour alone is 1,000.
 *
 * On globalThis: Next.js compiles instrumentation (where the collector's maintenance runs and calls forgetClosedHours)
 * apart from the pages, and each compilation has its own copy of this module.
 */
type ClosedHours = { key: string; at: number; generation: number; points: HealthPoint[]; pending: { key: string; promise: Promise<HealthPoint[]> } | null };
const g = globalThis as unknown as { fleetClosedHours?: ClosedHours };
const closedHours = (g.fleetClosedHours ??= { key: "", at: 0, generation: 0, points: [], pending: null });
export const CLOSED_HOURS_TTL_MS = 5 * 60_000;

/** Drops the cached closed hours of this process (after the hours were recounted or pruned here, and in tests). */
export function forgetClosedHours(): void {
  closedHours.key = "";
  closedHours.pending = null;
  closedHours.generation++;
}

async function healthPoints(q: Prisma.Sql): Promise<HealthPoint[]> {
  const rows = await rawQuery<{ t: Date; health: THealthState; n: bigint }[]>(q);
  const byT = new Map<string, HealthPoint>();
  for (const r of rows) {
    const key = r.t.toISOString();
    const point = byT.get(key) ?? { t: key, healthy: 0, degraded: 0, down: 0, unknown: 0 };
    point[r.health] = Number(r.n);
    byT.set(key, point);
  }
  return [...byT.values()];
}

/** The closed hours from the cache, or read once for all the views that miss it at the same moment. */
function closedHoursFor(hours: number, now: Date, current: Date): Promise<HealthPoint[]> | HealthPoint[] {
  const key = `${hours}|${current.toISOString()}`;
  if (closedHours.key === key && now.getTime() - closedHours.at < CLOSED_HOURS_TTL_MS) return closedHours.points;
  if (closedHours.pending?.key === key) return closedHours.pending.promise;
  const generation = closedHours.generation;
  const promise = healthPoints(healthHistorySql(hours, now, current)).then((points) => {
    // A forget while this read ran (a recount committed meanwhile): answer it, but do not keep it.
    if (closedHours.generation === generation) Object.assign(closedHours, { key, at: now.getTime(), points });
    return points;
  });
  const pending = { key, promise };
  closedHours.pending = pending;
  void promise.catch(() => {}).finally(() => closedHours.pending === pending && (closedHours.pending = null));
  return promise;
}

/**
 * Health over time: per hour, how many instances were seen in each state (their last poll in that hour). Reads the
 * hourly rows the collector keeps (24 per instance per day), so its cost does not grow with the poll interval; the
 * closed hours come from a short-lived cache (see closedHours), so neither does it grow with the window.
 */
export async function getHealthHistory(opts: { hours: number; now?: Date }): Promise<HealthPoint[]> {
  const now = opts.now ?? new Date();
  const current = new Date(hourOf(now.getTime()));
  const next = new Date(current.getTime() + 3_600_000);
  const [closed, open] = await Promise.all([
    closedHoursFor(opts.hours, now, current),
    healthPoints(healthHoursSql(current, next)),
  ]);
  return [...closed, ...open];
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
