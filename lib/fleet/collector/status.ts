import "server-only";
import { Prisma } from "../../generated/prisma/client";
import { rawQuery } from "../../db";
import { env } from "../../env";
import { currentOutage } from "./outage-log";
import { QUEUES, STUCK_POLL_SQL } from "./queue";

/**
 * Whether the collector itself is working, for every signed-in user (the fleet page's banner) and, in short, for
 * load balancers (/api/health): the last round that completed, the polls the console failed in the last hour, and
 * the poll queue. A Harbor that fails is its instance's status, not the collector's.
 */
export type CollectorProblemCode = "no_round" | "console_failures" | "queue_backlog" | "stuck_polls" | "database";

export interface CollectorProblem {
  code: CollectorProblemCode;
  /** for signed-in users: what is wrong and what to check (may quote an error) */
  message: string;
  /** for anyone (the health endpoint): a few words with counts, no error text */
  short: string;
}

export interface CollectorStatus {
  ok: boolean;
  checkedAt: string;
  lastRound: { startedAt: string; finishedAt: string; total: number; trigger: string } | null;
  failures: {
    /** polls the console failed in the last hour */
    lastHour: number;
    /** of those, the ones not followed by a stored poll of the same instance (or any round, for no instance) */
    unresolved: number;
    recent: { at: string; kind: string; message: string; instanceId: string | null; instanceName: string | null }[];
  };
  /** the poll queue; null when it could not be read (pg-boss not installed yet) */
  queue: { queued: number; oldestQueuedAt: string | null; stuck: number } | null;
  problems: CollectorProblem[];
}

/** A poll waiting longer than this to be taken means nobody is taking them. */
const backlogAfterMs = (intervalSeconds: number) => Math.max(120_000, 2 * intervalSeconds * 1000);

const ago = (ms: number) =>
  ms < 90_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`;
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

interface Raw {
  startedAt: Date | null;
  finishedAt: Date | null;
  total: number | null;
  trigger: string | null;
  firstInstanceAt: Date | null;
  lastHour: number;
  unresolved: number;
  recent: { at: string; kind: string; message: string; instanceId: string | null; instanceName: string | null }[];
}

async function readQueue(): Promise<CollectorStatus["queue"]> {
  try {
    const [q] = await rawQuery<{ queued: number; oldest: Date | null; stuck: number }[]>(Prisma.sql`
      select (count(*) filter (where state in ('created', 'retry')))::int as queued,
        min(start_after) filter (where state in ('created', 'retry')) as oldest,
        (count(*) filter (where state = 'active' and ${Prisma.raw(STUCK_POLL_SQL)}))::int as stuck
      from pgboss.job where name = ${QUEUES.poll} and state in ('created', 'retry', 'active')`);
    return { queued: q.queued, oldestQueuedAt: q.oldest?.toISOString() ?? null, stuck: q.stuck };
  } catch (e) {
    // 42P01 / 3F000: pg-boss has not created its schema yet (no collector ever started on this database)
    if (["42P01", "3F000"].includes(String((e as { code?: unknown }).code))) return null;
    throw e;
  }
}

/** The collector's status now; throws when the database cannot be read (the caller says the database is down). */
export async function getCollectorStatus(now = new Date()): Promise<CollectorStatus> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [[r], queue] = await Promise.all([
    rawQuery<Raw[]>(Prisma.sql`
      select lr."startedAt", lr."finishedAt", lr.total, lr.trigger,
        (select min("createdAt") from "HarborInstance") as "firstInstanceAt",
        (select count(*)::int from "CollectorFailure" where at > ${hourAgo}) as "lastHour",
        (select count(*)::int from "CollectorFailure" f left join "InstanceStatus" s on s."instanceId" = f."instanceId"
          where f.at > ${hourAgo} and (case when f."instanceId" is null
            then not exists (select 1 from "CollectorSweep" c where c."finishedAt" > f.at and c.total > 0)
            else s."checkedAt" is null or s."checkedAt" < f.at end)) as unresolved,
        (select coalesce(json_agg(x), '[]'::json) from (
          select to_char(f.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, f.kind, f.message, f."instanceId", i.name as "instanceName"
          from "CollectorFailure" f left join "HarborInstance" i on i.id = f."instanceId"
          where f.at > ${hourAgo} order by f.at desc limit 5) x) as recent
      from (select 1) one
      left join lateral (select "startedAt", "finishedAt", total, trigger from "CollectorSweep" where "finishedAt" is not null order by "finishedAt" desc limit 1) lr on true`),
    readQueue(),
  ]);
  const intervalMs = env().COLLECTOR_INTERVAL_SECONDS * 1000;
  const problems: CollectorProblem[] = [];

  // Rounds start every minute, and one without due instances finishes at once: three intervals without one mean
  // that no replica is running the collector's schedule or workers.
  const lastAt = r.finishedAt ?? (r.firstInstanceAt && r.firstInstanceAt < new Date(now.getTime() - 3 * intervalMs) ? r.firstInstanceAt : null);
  if (lastAt && now.getTime() - lastAt.getTime() > 3 * intervalMs) {
    const since = now.getTime() - lastAt.getTime();
    problems.push({
      code: "no_round",
      message: r.finishedAt
        ? `No collector round has completed since ${utc(r.finishedAt)} (${ago(since)} ago): the fleet's figures are getting old. Check that a console replica runs the collector (COLLECTOR_ENABLED) and its log.`
        : `No collector round has completed yet, ${ago(since)} after the first instance was added. Check that a console replica runs the collector (COLLECTOR_ENABLED) and its log.`,
      short: r.finishedAt ? `no round completed for ${ago(since)}` : "no round completed yet",
    });
  }
  if (r.unresolved > 0) {
    const last = r.recent[0];
    problems.push({
      code: "console_failures",
      message: `${r.lastHour} poll${r.lastHour === 1 ? "" : "s"} failed in the console itself in the last hour (not because of Harbor)${last ? `; the last, at ${utc(new Date(last.at))}${last.instanceName ? ` (${last.instanceName})` : ""}: ${last.message}` : "."}`,
      short: `${r.lastHour} poll${r.lastHour === 1 ? "" : "s"} failed in the console in the last hour`,
    });
  }
  if (queue?.oldestQueuedAt && now.getTime() - Date.parse(queue.oldestQueuedAt) > backlogAfterMs(env().COLLECTOR_INTERVAL_SECONDS)) {
    const waited = ago(now.getTime() - Date.parse(queue.oldestQueuedAt));
    problems.push({
      code: "queue_backlog",
      message: `${queue.queued} poll${queue.queued === 1 ? " is" : "s are"} waiting to be taken, the oldest for ${waited}: no collector worker is taking them, or too few (COLLECTOR_ENABLED, COLLECTOR_CONCURRENCY).`,
      short: `oldest queued poll waiting ${waited}`,
    });
  }
  if (queue && queue.stuck > 0) {
    problems.push({
      code: "stuck_polls",
      message: `${queue.stuck} poll${queue.stuck === 1 ? " is" : "s are"} still marked as running past ${queue.stuck === 1 ? "its" : "their"} time limit (a console replica stopped or lost its database mid-poll); the collector takes ${queue.stuck === 1 ? "it" : "them"} back within seconds.`,
      short: `${queue.stuck} poll${queue.stuck === 1 ? "" : "s"} stuck`,
    });
  }
  const outage = currentOutage();
  if (outage) {
    problems.push({
      code: "database",
      message: `This console replica's collector cannot reach the database since ${utc(outage.since)} (${outage.errors} errors): ${outage.lastError ?? ""}`,
      short: "collector cannot reach the database",
    });
  }
  return {
    ok: problems.length === 0,
    checkedAt: now.toISOString(),
    lastRound:
      r.finishedAt && r.startedAt
        ? { startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString(), total: r.total ?? 0, trigger: r.trigger ?? "" }
        : null,
    failures: { lastHour: r.lastHour, unresolved: r.unresolved, recent: r.recent },
    queue,
    problems,
  };
}

/** The status when the database itself cannot be read. */
export function unreachableStatus(now = new Date()): CollectorStatus {
  return {
    ok: false,
    checkedAt: now.toISOString(),
    lastRound: null,
    failures: { lastHour: 0, unresolved: 0, recent: [] },
    queue: null,
    problems: [
      {
        code: "database",
        message: "The console's database is unreachable: nothing is polled or stored until it answers again.",
        short: "database unreachable",
      },
    ],
  };
}

/** What anyone may read (the health endpoint without a session): the state and short reasons, no error text. */
export function publicCollectorStatus(s: CollectorStatus): { status: "ok" | "degraded"; reasons: string[]; lastRoundAt: string | null } {
  return { status: s.ok ? "ok" : "degraded", reasons: s.problems.map((p) => p.short), lastRoundAt: s.lastRound?.finishedAt ?? null };
}

const g = globalThis as unknown as { collectorStatusCache?: { at: number; value: Promise<CollectorStatus> } };
export const STATUS_CACHE_MS = 5_000;

/**
 * The status, read at most every STATUS_CACHE_MS per process: every open fleet page and every health probe asks, and
 * the answer changes on the scale of rounds. A failed read is not kept.
 */
export function getCollectorStatusCached(now = new Date()): Promise<CollectorStatus> {
  const c = g.collectorStatusCache;
  if (c && now.getTime() - c.at < STATUS_CACHE_MS && now.getTime() >= c.at) return c.value;
  const value = getCollectorStatus(now);
  const entry = { at: now.getTime(), value };
  g.collectorStatusCache = entry;
  value.catch(() => {
    if (g.collectorStatusCache === entry) g.collectorStatusCache = undefined;
  });
  return value;
}

/** Drops the cached status (tests, and after this process changed what it reports). */
export function forgetCollectorStatus(): void {
  g.collectorStatusCache = undefined;
}
