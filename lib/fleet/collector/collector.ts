import "server-only";
import { PgBoss, type Job } from "pg-boss";
import { Prisma } from "../../generated/prisma/client";
import { db, rawQuery, sql } from "../../db";
import { pruneLoginThrottles } from "../login-throttle";
import { forgetClosedHours } from "../health-history";
import { sealHours } from "./hours";
import { pruneSnapshots } from "./prune";
import { recountTally } from "../tally";
import { reportCollectorError } from "./outage-log";
import {
  adoptRetries,
  ensureQueue,
  FINISHED_POLLS_KEPT_SECONDS,
  MAINTENANCE_SECONDS,
  pollJobLimits,
  QUEUES,
  reclaimStuckPolls,
  SUPERVISE_SECONDS,
  type PollJob,
} from "./queue";
import { pollBatch } from "./batch";
import { semaphore } from "./semaphore";
import { refreshDueInventories } from "../webhooks/inventory";
import { registerUpgradeWindows } from "../upgrade-windows";
import { registerTemplateReconcile } from "../webhooks/template-reconcile-queue";

export { FINISHED_POLLS_KEPT_SECONDS, QUEUES, pollJobLimits, SUPERVISE_SECONDS, type PollJob } from "./queue";

export interface CollectorOptions {
  databaseUrl: string;
  /** polls in flight per console process */
  concurrency: number;
  intervalSeconds: number;
  timeoutMs: number;
  retentionDays: number;
  /** run the every-minute sweep and the hourly maintenance: recount the closed hours, prune (off in tests that drive sweeps by hand) */
  schedule: boolean;
  /** run poll workers in this process (a replica can also only enqueue) */
  work?: boolean;
  /** re-read each instance's webhook policies when older than this (WEBHOOK_INVENTORY_MINUTES); off when absent */
  webhookInventoryMinutes?: number;
}

export interface Collector {
  boss: PgBoss;
  /** enqueue a round: every instance (`all`), or those due by their schedule/backoff */
  startSweep(opts: {
    trigger: "schedule" | "manual";
    requestedBy?: string | null;
    all?: boolean;
    instanceIds?: string[];
  }): Promise<{ sweepId: string; total: number }>;
  stop(): Promise<void>;
  /**
   * On SIGTERM: take no more work, hand back at once the polls that have not started (failed for an immediate retry
   * by another replica), let those in flight finish and store within `graceMs`, then stop; what is still running then
   * is handed back too (pg-boss fails it).
   */
  drain(graceMs: number): Promise<{ handedBack: number }>;
}

/**
 * The fleet collector on pg-boss (a job queue in PostgreSQL). Every console replica may run it: the queue
 * hands each poll job to exactly one worker (SKIP LOCKED), a poll is enqueued at most once per instance at a
 * time (singleton key), and the schedule fires once per tick across replicas.
 */
export async function startCollector(o: CollectorOptions): Promise<Collector> {
  // LISTEN/NOTIFY wakes idle workers the moment a round is queued instead of at their next poll.
  // The supervisor (which takes back polls whose worker is gone: expired, or no heartbeat) runs every few seconds,
  // not pg-boss's default minute, so that after a crash or a database outage an instance is polled again within about
  // one poll timeout.
  const boss = new PgBoss({
    connectionString: o.databaseUrl,
    schema: "pgboss",
    application_name: "harbor-fleet-console",
    max: 4,
    useListenNotify: true,
    superviseIntervalSeconds: SUPERVISE_SECONDS,
    monitorIntervalSeconds: SUPERVISE_SECONDS,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    // The cron pass (which turns the stored schedules into rounds) runs only where this process schedules: a page-only
    // replica, or a collector started for one round, never starts a round of its own because another process once
    // stored the schedule — it used to, racing a manual refresh for the same instances' polls.
    schedule: o.schedule,
  });
  const probe = () => sql().query("select 1");
  boss.on("error", (error) => reportCollectorError("pg-boss error", error, probe));
  await boss.start();
  // "exclusive": at most one poll per instance queued or running (singletonKey), however many rounds or
  // replicas ask at the same moment.
  await ensureQueue(boss, QUEUES.poll, {
    policy: "exclusive",
    notify: true,
    retryLimit: 1,
    retryDelay: 2,
    deleteAfterSeconds: FINISHED_POLLS_KEPT_SECONDS,
    ...pollJobLimits(o.timeoutMs),
  });
  await ensureQueue(boss, QUEUES.sweep, { policy: "singleton" });
  await ensureQueue(boss, QUEUES.prune, { policy: "singleton" });
  // "stately": one refresh queued and one running at most, so a slow one is never run twice at once
  await ensureQueue(boss, QUEUES.webhookInventory, { policy: "stately" });

  const startSweep: Collector["startSweep"] = async ({ trigger, requestedBy = null, all = false, instanceIds }) => {
    const now = new Date();
    const due = await selectInstances({ ids: instanceIds, dueOnly: !(all || instanceIds), now });
    // A poll still marked as running past its expiry (or without a heartbeat) is not in flight: its worker died with
    // the database or the process. It must not keep its instance out of this round.
    if (due.length)
      await reclaimStuckPolls(
        boss,
        due.map((d) => d.id),
      );
    const sweep = await db.collectorSweep.create({ data: { trigger, requestedBy, total: due.length, ...(due.length ? {} : { finishedAt: now }) } });
    // A poll waiting to be retried (taken back from a dead worker, or failed once) is not in flight either: a refresh
    // takes it into its round, to run now.
    const adopt = async () =>
      trigger === "manual"
        ? (
            await adoptRetries(
              boss,
              sweep.id,
              due.map((d) => d.id),
            )
          ).length
        : 0;
    if (due.length) {
      const jobs = due.map((d) => ({ data: { instanceId: d.id, sweepId: sweep.id } satisfies PollJob, singletonKey: d.id }));
      // Queued in two steps: the first jobs — as many as the workers take at once — are committed (and the workers
      // woken) while the rest of a large round is still being written.
      const first = Math.max(BATCH_SIZE, o.concurrency * OVERCOMMIT);
      let created = 0;
      try {
        for (const chunk of [jobs.slice(0, first), jobs.slice(first)]) {
          if (chunk.length) created += ((await boss.insert(QUEUES.poll, chunk, { returnId: true })) ?? []).length;
        }
        if (created < due.length) created += await adopt();
      } finally {
        // Instances whose previous poll is still queued are not queued twice, and a failed insert queues nothing more:
        // neither counts in this round (which is over at once if what it did queue is already done).
        if (created !== due.length) {
          await db.$executeRaw`update "CollectorSweep" set total = ${created},
            "finishedAt" = case when done >= ${created} then coalesce("finishedAt", now() at time zone 'utc') else "finishedAt" end where id = ${sweep.id}::uuid`;
        }
      }
      return { sweepId: sweep.id, total: created };
    }
    return { sweepId: sweep.id, total: 0 };
  };

  const draining = new AbortController();
  let handedBack = 0;
  if (o.work !== false) {
    // Batches amortise the per-batch database work (credentials, one set-based write, queue calls). More jobs are
    // taken than may be polled at once, so that while one batch stores its results or fetches the next, another
    // batch's polls fill the freed slots; the semaphore keeps at most `concurrency` polls in flight.
    const batchSize = Math.min(BATCH_SIZE, o.concurrency);
    const slots = semaphore(o.concurrency);
    await boss.work<PollJob>(
      QUEUES.poll,
      // NOTIFY wakes the workers for new jobs, not for a retry coming due (a poll taken back from a dead worker): they
      // look for those every 2 s rather than pg-boss's 30.
      {
        batchSize,
        localConcurrency: Math.max(1, Math.ceil((o.concurrency * OVERCOMMIT) / batchSize)),
        pollingIntervalSeconds: 1,
        notifyPollingIntervalSeconds: 2,
        burstWhenBatchFull: true,
      },
      async (jobs: Job<PollJob>[]) => {
        const handBack = async (back: PollJob[]) => {
          const ids = new Set(back.map((b) => b.instanceId));
          const attempts = jobs.filter((j) => ids.has(j.data.instanceId)).map((j) => ({ id: j.id, retryCount: j.retryCount }));
          await boss.fail(QUEUES.poll, attempts, { reason: "handed back: this replica is stopping" });
          handedBack += attempts.length;
        };
        await pollBatch(
          jobs.map((j) => j.data),
          o,
          slots,
          { signal: draining.signal, handBack },
        );
      },
    );
    await boss.work(QUEUES.sweep, async () => {
      await startSweep({ trigger: "schedule" });
    });
    await boss.work(QUEUES.prune, async () => {
      const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
      await sealHours(new Date(hour - 3 * 3_600_000), new Date(hour));
      await pruneSnapshots(o.retentionDays);
      await pruneLoginThrottles();
      await recountTally();
      forgetClosedHours(); // this replica's chart re-reads the recounted hours at once; the others within CLOSED_HOURS_TTL_MS
    });
    // Once a minute, one replica refreshes the webhook inventories that are older than their cadence.
    const minutes = o.webhookInventoryMinutes;
    if (minutes) await boss.work(QUEUES.webhookInventory, () => refreshDueInventories({ minutes, signal: draining.signal }).then(() => undefined));
  }
  // Upgrade maintenance windows share the queue: they start exactly once and survive restarts like polls do.
  await registerUpgradeWindows(boss, { work: o.work !== false, schedule: o.schedule });
  // Webhook templates reconcile at the inventory's cadence, on the same pg-boss.
  if (o.webhookInventoryMinutes)
    await registerTemplateReconcile(boss, { work: o.work !== false, schedule: o.schedule, minutes: o.webhookInventoryMinutes, signal: draining.signal });
  if (o.schedule) {
    await boss.schedule(QUEUES.sweep, "* * * * *");
    await boss.schedule(QUEUES.prune, "17 * * * *");
    if (o.webhookInventoryMinutes) await boss.schedule(QUEUES.webhookInventory, "* * * * *");
  }
  return {
    boss,
    startSweep,
    stop: async () => {
      await boss.stop({ graceful: true, timeout: o.timeoutMs + 5_000 });
    },
    drain: async (graceMs) => {
      draining.abort();
      await boss.stop({ graceful: true, timeout: graceMs });
      return { handedBack };
    },
  };
}

/**
 * The instances a round takes, by name: all of them (or `ids`), or with `dueOnly` those never polled or whose next
 * poll falls before now + DUE_SLACK_MS. Rounds start once a minute and a poll sets its next time from its own start,
 * later in the round: without the slack, an instance polled a second into one round would not yet be due at the
 * next and wait a whole extra round.
 */
export async function selectInstances(o: { ids?: string[]; dueOnly: boolean; now: Date }): Promise<{ id: string }[]> {
  const scope = o.ids ? Prisma.sql`i.id = any(${o.ids}::uuid[])` : Prisma.sql`true`;
  const due = o.dueOnly ? Prisma.sql`(s."instanceId" is null or s."nextPollAt" <= ${new Date(o.now.getTime() + DUE_SLACK_MS)})` : Prisma.sql`true`;
  return rawQuery<{ id: string }[]>(
    Prisma.sql`select i.id::text as id from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id where ${scope} and ${due} order by i.name asc`,
  );
}

// Batches of 32, twice as many jobs taken as may be polled: the shortest rounds `npm run bench:collector` found.
const BATCH_SIZE = 32;
const OVERCOMMIT = 2;

/** How early an instance counts as due for a scheduled round (a quarter of the shortest interval, 60 s). */
export const DUE_SLACK_MS = 15_000;
