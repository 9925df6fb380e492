import "server-only";
import { Prisma } from "../generated/prisma/client";
import { rawQuery } from "../db";
import type { TFleetParams, THealthState } from "../schemas/fleet";
import { WEBHOOK_FLAG_STREAK } from "../schemas/webhook-constants";
import { GENERATION_LABEL, type ApiGeneration } from "../releases";
import { isUnfiltered, orderSql, staleBefore, statusRankSets, versionFacts, whereSql } from "./fleet-filters";

/** The fleet table's rows: one page of them (filtered, sorted, counted), or one instance's. */

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
  const rows = await rawQuery<RawFleetRow[]>(
    Prisma.sql`select ${ROW_COLUMNS} from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id ${LAST_FAILURE} where i.id = ${id}::uuid`,
  );
  return rows[0] ? toFleetRow(rows[0], staleBefore(now), now) : null;
}

const PAGE_ROWS = Prisma.sql`"HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id`;

/**
 * The statement behind listFleet (exported for the benchmark, which times it on a bare connection): one page of rows,
 * each carrying the count of every row the filters match (one subquery, run once, in the same snapshot). The page is
 * chosen on the narrow filter and sort columns first; only its 50 rows are then read whole, so the wide columns
 * (components, error text) are never carried through a sort. Worst first (the default) ranks only the first rows of
 * three sets (statusRankSets): the few with something wrong, and an index walk by name that stops after a page for the
 * healthy majority, so page 1 costs the same at 1,000 and 10,000 instances (README Performance).
 */
export function fleetPageSql(p: TFleetParams, now: Date): Prisma.Sql {
  const offset = (p.page - 1) * FLEET_PAGE_SIZE;
  let page: Prisma.Sql;
  let order: Prisma.Sql;
  if (p.sort === "status") {
    const direction = p.dir === "desc" ? "desc" : "asc";
    const sets = statusRankSets(now, direction).map(
      (r) => Prisma.sql`(select ${r.rank} as rank, i.id, i.name
        from "HarborInstance" i ${Prisma.raw(r.join)} join "InstanceStatus" s on s."instanceId" = i.id
        ${whereSql(p, now, [r.where])} order by ${r.order} limit ${offset + FLEET_PAGE_SIZE})`,
    );
    order = Prisma.sql`page.rank ${Prisma.raw(direction)}, page.name asc`;
    page = Prisma.sql`select id, name, rank from (${Prisma.join(sets, " union all ")}) page order by ${order} limit ${FLEET_PAGE_SIZE} offset ${offset}`;
  } else {
    order = orderSql(p.sort, p.dir);
    page = Prisma.sql`select i.id from ${PAGE_ROWS} ${whereSql(p, now)} order by ${order} limit ${FLEET_PAGE_SIZE} offset ${offset}`;
  }
  return Prisma.sql`
    with page as (${page})
    select ${ROW_COLUMNS}, (${fleetCountSql(p, now)}) as total
    from page join "HarborInstance" i on i.id = page.id left join "InstanceStatus" s on s."instanceId" = i.id ${LAST_FAILURE}
    order by ${order}`;
}

/** How many rows the filters match (with none, a count of the instances: PostgreSQL drops the join). */
export function fleetCountSql(p: TFleetParams, now: Date): Prisma.Sql {
  return Prisma.sql`select count(*)::int as n from ${PAGE_ROWS} ${whereSql(p, now)}`;
}

/** One page of the fleet table and its total: filtering, sorting, paging and counting happen in PostgreSQL. */
export async function listFleet(p: TFleetParams, now = new Date()): Promise<{ rows: FleetRow[]; total: number; page: number; pageCount: number }> {
  // Prepared for the unfiltered views (one text per sort and direction), which every open fleet page repeats; a
  // filter's text runs unnamed, so that browsing filters cannot use up the process's names (lib/db.ts MAX_PREPARED).
  const items = await rawQuery<(RawFleetRow & { total: number })[]>(fleetPageSql(p, now), { prepare: isUnfiltered(p) });
  // Past the last page there is no row to carry the count: ask for it alone.
  const total = items[0]?.total ?? (p.page > 1 ? (await rawQuery<{ n: number }[]>(fleetCountSql(p, now)))[0].n : 0);
  const cutoff = staleBefore(now);
  return { rows: items.map((i) => toFleetRow(i, cutoff, now)), total, page: p.page, pageCount: Math.max(1, Math.ceil(total / FLEET_PAGE_SIZE)) };
}
