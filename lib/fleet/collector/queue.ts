import "server-only";
import type { PgBoss } from "pg-boss";
import { Prisma } from "../../generated/prisma/client";
import { rawQuery, sql } from "../../db";
import { log } from "../../log";
import { POLL_GRACE_MS } from "./poll";

/**
 * The collector's queues on pg-boss, their time limits, and what a round does about polls that are not in flight
 * although pg-boss still lists them. SQL here reads pg-boss's job table (schema "pgboss"), whose documented columns
 * it relies on; every change to a job goes through pg-boss's API.
 */
export const QUEUES = { poll: "fleet-polls", sweep: "fleet-sweep", prune: "fleet-prune", webhookInventory: "webhook-inventory" } as const;

export interface PollJob {
  instanceId: string;
  sweepId: string;
}

/** A job marked active whose worker is gone: past its expiry, or (with heartbeats) none for heartbeat_seconds. */
export const STUCK_POLL_SQL = `(started_on + expire_seconds * interval '1 second' < now()
  or (heartbeat_seconds is not null and heartbeat_on + heartbeat_seconds * interval '1 second' < now()))`;

export async function ensureQueue(boss: PgBoss, name: string, options: NonNullable<Parameters<PgBoss["createQueue"]>[1]>) {
  const q = await boss.getQueue(name);
  if (!q) return boss.createQueue(name, options);
  // A queue made by an earlier release keeps its policy; its limits follow this one's (new jobs take them).
  const { expireInSeconds, heartbeatSeconds, retryLimit, retryDelay, deleteAfterSeconds } = options;
  const wanted = { expireInSeconds, heartbeatSeconds, retryLimit, retryDelay, deleteAfterSeconds };
  const differs = (Object.keys(wanted) as (keyof typeof wanted)[]).some(
    (k) => wanted[k] !== undefined && wanted[k] !== (q as unknown as Record<string, unknown>)[k],
  );
  if (differs) await boss.updateQueue(name, Object.fromEntries(Object.entries(wanted).filter(([, v]) => v !== undefined)));
}

/** How often pg-boss's supervisor looks for expired polls and lost heartbeats. */
export const SUPERVISE_SECONDS = 5;

/**
 * How long a finished poll job stays in pg-boss's job table: an hour, not pg-boss's 7 days. A fleet finishes one job
 * per instance per minute (14.4 million a week at 10,000 instances), and every round's queue scans grew with them;
 * nothing reads finished polls (the rounds' progress is in CollectorSweep, the failures in CollectorFailure).
 */
export const FINISHED_POLLS_KEPT_SECONDS = 3_600;

/** How often pg-boss deletes finished jobs past their time (its default is once a day). */
export const MAINTENANCE_SECONDS = 300;

/**
 * The time limits of a poll job. A poll takes at most the timeout (plus a second, see pollInstance); a job may first
 * wait for a free slot while the polls ahead of it run (workers take up to twice as many jobs as there are slots, so
 * at most one poll's time), and is then stored: expiry = 2 × (timeout + 1 s) + 10 s, after which pg-boss gives the
 * job up. A worker that dies (with its process or its database) stops its job's heartbeat, every 5 s; after 10 s
 * without one (pg-boss's minimum) the supervisor takes the job back, whatever the expiry.
 */
export function pollJobLimits(timeoutMs: number): { expireInSeconds: number; heartbeatSeconds: number } {
  return { expireInSeconds: Math.ceil((2 * (timeoutMs + POLL_GRACE_MS)) / 1000) + 10, heartbeatSeconds: 10 };
}

/**
 * Cancels the poll jobs of these instances that are marked active but whose worker is gone (past their expiry, or
 * no heartbeat), so a new round can queue the instances; the rounds they belonged to stop waiting for them. Fenced
 * by attempt: a job that was taken back and retried meanwhile is left alone.
 */
export async function reclaimStuckPolls(boss: PgBoss, instanceIds: string[]): Promise<number> {
  const stuck = await rawQuery<{ id: string; retryCount: number; sweepId: string | null }[]>(Prisma.sql`
    select id::text as id, retry_count as "retryCount", data->>'sweepId' as "sweepId" from pgboss.job
    where name = ${QUEUES.poll} and policy = 'exclusive' and state = 'active' and singleton_key = any(${instanceIds}::text[]) and ${Prisma.raw(STUCK_POLL_SQL)}`);
  if (!stuck.length) return 0;
  await boss.cancel(
    QUEUES.poll,
    stuck.map((j) => ({ id: j.id, retryCount: j.retryCount })),
  );
  await releaseFromRounds(stuck.map((j) => j.sweepId));
  log.info("collector: took back polls whose worker is gone (past their expiry or heartbeat)", { count: stuck.length });
  return stuck.length;
}

/**
 * Moves the retries waiting for these instances into round `sweepId`, due now; the instances moved. pg-boss's update
 * touches a job only while it is still queued, so one a worker took meanwhile stays where it is.
 */
export async function adoptRetries(boss: PgBoss, sweepId: string, instanceIds: string[]): Promise<string[]> {
  const waiting = await rawQuery<{ id: string; instanceId: string; sweepId: string | null }[]>(Prisma.sql`
    select id::text as id, singleton_key as "instanceId", data->>'sweepId' as "sweepId" from pgboss.job
    where name = ${QUEUES.poll} and policy = 'exclusive' and state = 'retry' and singleton_key = any(${instanceIds}::text[])`);
  const moved: { instanceId: string; from: string | null }[] = [];
  for (const j of waiting) {
    const r = await boss.update(QUEUES.poll, { instanceId: j.instanceId, sweepId } satisfies PollJob, { id: j.id, startAfter: new Date() });
    if (r.updated) moved.push({ instanceId: j.instanceId, from: j.sweepId });
  }
  await releaseFromRounds(moved.map((m) => m.from));
  return moved.map((m) => m.instanceId);
}

/** The rounds these jobs belonged to stop waiting for them (one per entry; null: none). */
async function releaseFromRounds(sweepIds: (string | null)[]): Promise<void> {
  const perSweep = new Map<string, number>();
  for (const id of sweepIds) if (id) perSweep.set(id, (perSweep.get(id) ?? 0) + 1);
  if (!perSweep.size) return;
  await sql().query(
    `update "CollectorSweep" c set total = greatest(c.done, c.total - p.n),
       "finishedAt" = case when c.done >= c.total - p.n then coalesce(c."finishedAt", now() at time zone 'utc') else c."finishedAt" end
     from json_to_recordset($1::json) as p("sweepId" uuid, n int) where c.id = p."sweepId"`,
    [JSON.stringify([...perSweep].map(([sweepId, n]) => ({ sweepId, n })))],
  );
}
