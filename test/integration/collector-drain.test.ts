/**
 * Stopping a replica (#20 item 2), with replicas in processes of their own on one database: on SIGTERM a replica takes
 * no more work, hands back at once the polls it has not started, finishes and stores those in flight, and exits; after
 * SIGKILL the other replica takes its polls back within the heartbeat; with a restarted replica the next round completes. Every
 * instance of each round is stored exactly once, and each round ends within one round plus the poll timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, rawQuery } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { startCollector, type Collector } from "@/lib/fleet/collector/collector";
import { createInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { startHarborSim } from "../harbor-sim";
import { startReplicaProcess, until } from "../support/replica-process";
import { storedPolls, storedSince } from "../support/stored-polls";
import type { HarborSim } from "../harbor-sim/types";

const N = 10;
const LATENCY_MS = 1_500;
const TIMEOUT_S = 4;
const suffix = Math.random().toString(36).slice(2, 7);
const options = {
  databaseUrl: process.env.DATABASE_URL!,
  concurrency: 4,
  intervalSeconds: 60,
  timeoutMs: TIMEOUT_S * 1000,
  retentionDays: 14,
  schedule: false,
};

let sim: HarborSim;
let queue: Collector;
let other: Collector | null = null;
const ids: string[] = [];
const measured: Record<string, number> = {};

/** A replica polling two at a time (so it holds four polls: two running, two waiting for a slot). */
const startReplica = () =>
  startReplicaProcess("test/support/collector-replica.ts", {
    COLLECTOR_CONCURRENCY: "2",
    COLLECTOR_TIMEOUT_SECONDS: String(TIMEOUT_S),
    CONSOLE_DRAIN_SECONDS: "20",
  });

const waitFor = <T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number) => until(what, fn, timeoutMs, 50);

const queuedPolls = async () =>
  (
    await rawQuery<{ n: number }[]>(
      Prisma.sql`select count(*)::int as n from pgboss.job where name = 'fleet-polls' and state in ('created', 'retry', 'active')`,
    )
  )[0].n;
const activeMine = async () =>
  (
    await rawQuery<{ n: number }[]>(
      Prisma.sql`select count(*)::int as n from pgboss.job where name = 'fleet-polls' and state = 'active' and singleton_key = any(${ids}::text[])`,
    )
  )[0].n;
const healthCalls = (from: number) => sim.exchanges.slice(from).filter((e) => e.path.endsWith("/health"));

/** Every instance stored exactly once in the round, and polled at its Harbor exactly `polledOnce ? 1 : ≥1` times. */
async function expectEachOnce(storedBefore: Map<string, number>, exchangesFrom: number, polledOnce: boolean) {
  const stored = await storedSince(storedBefore, ids);
  expect([...stored.keys()].sort()).toEqual([...ids].sort());
  expect([...stored.values()].every((n) => n === 1)).toBe(true);
  const perInstance = new Map<string, number>();
  for (const e of healthCalls(exchangesFrom)) perInstance.set(e.instanceId, (perInstance.get(e.instanceId) ?? 0) + 1);
  expect(perInstance.size).toBe(N);
  if (polledOnce) expect([...perInstance.values()].every((n) => n === 1)).toBe(true);
}

const roundFinished = (sweepId: string, timeoutMs: number) =>
  waitFor(
    "the round finishes",
    async () => {
      const s = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } });
      return s.finishedAt ? s : null;
    },
    timeoutMs,
  );

/** A round under way: a replica holding four of its polls, the replica that stays started, the first polls at their Harbors. */
async function midRound() {
  const replica = await startReplica();
  const from = sim.exchanges.length;
  const storedBefore = await storedPolls(ids);
  const { sweepId, total } = await queue.startSweep({ trigger: "manual", instanceIds: ids });
  expect(total).toBe(N);
  await waitFor("the replica holds four polls", async () => (await activeMine()) === 4, 10_000);
  other = await startCollector(options); // the replica that stays
  await waitFor("the first polls are at their Harbors", async () => healthCalls(from).length >= 2, 10_000);
  return { replica, from, storedBefore, sweepId };
}

beforeAll(async () => {
  sim = await startHarborSim({
    instances: Array.from({ length: N }, (_, i) => ({ id: `drain-${i}`, version: "2.11.2", faults: { latencyMs: LATENCY_MS } })),
    record: true,
  });
  for (const i of sim.instances) {
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `${i.spec.id}-${suffix}`,
        environment: "staging",
        baseUrl: i.baseUrl,
        username: "admin",
        secret: "Harbor12345",
        deploymentMode: "helm",
      }),
      actor: { id: null, email: "drain-test@example.com" },
      requestId: "drain-test",
    });
    ids.push(created.id);
  }
  // Enqueues rounds only, as a page-only replica (COLLECTOR_ENABLED=false) does.
  queue = await startCollector({ ...options, work: false });
}, 90_000);

afterAll(async () => {
  await other?.stop();
  await queue?.stop();
  await sim?.stop();
  console.log(`[collector-drain] measured: ${JSON.stringify(measured)}`);
});

describe("stopping a replica mid-round", () => {
  it("SIGTERM: the polls it had not started are handed back at once and done by the other replica; those in flight are finished and stored; it exits", async () => {
    const { replica, from, storedBefore, sweepId } = await midRound();
    const t0 = Date.now();
    replica.child.kill("SIGTERM");
    const exit = await replica.exited;
    measured.sigtermToExitMs = Date.now() - t0;
    expect(exit.code).toBe(143);
    expect(replica.output()).toMatch(/"msg":"stopping: collector drained".*"handedBack":2/);
    // Bounded by the polls it had in flight (one latency each), never by the 20 s grace or pg-boss's expiry.
    expect(measured.sigtermToExitMs).toBeLessThan(LATENCY_MS + 5_000);
    const sweep = await roundFinished(sweepId, 30_000);
    measured.sigtermToRoundDoneMs = Date.now() - t0;
    expect(sweep.done).toBe(N);
    await expectEachOnce(storedBefore, from, true);
    // The handed-back polls waited for a retry (2 s) and the other replica's next look (≤ 2 s) plus their own poll.
    expect(measured.sigtermToRoundDoneMs).toBeLessThan(TIMEOUT_S * 1000 + 2 * LATENCY_MS + 4_000);
  }, 90_000);

  it("SIGKILL: the polls it held are taken back by the other replica after the heartbeat, and stored once", async () => {
    await other?.stop();
    other = null;
    const { replica, from, storedBefore, sweepId } = await midRound();
    const t0 = Date.now();
    replica.child.kill("SIGKILL");
    await replica.exited;
    const sweep = await roundFinished(sweepId, 60_000);
    measured.sigkillToRoundDoneMs = Date.now() - t0;
    expect(sweep.done).toBe(N);
    // The killed replica's polls in flight may have reached their Harbors; what counts is that each is stored once.
    await expectEachOnce(storedBefore, from, false);
    // pg-boss's heartbeat (10 s, its minimum) + its supervisor (5 s) + the retry delay and the next look (4 s) + a poll.
    expect(measured.sigkillToRoundDoneMs).toBeLessThan(10_000 + 5_000 + 4_000 + LATENCY_MS + TIMEOUT_S * 1000);
  }, 120_000);

  it("restart: with a new replica beside the one that stayed the next round completes, each instance polled once; stopped idle, it exits at once", async () => {
    const replica = await startReplica();
    const from = sim.exchanges.length;
    // Polls are counted per instance, not per round: a retry left from the SIGKILL test must be done first.
    await waitFor("no poll left from the last round", async () => (await queuedPolls()) === 0, 30_000);
    const storedBefore = await storedPolls(ids);
    const t0 = Date.now();
    const { sweepId, total } = await queue.startSweep({ trigger: "manual", instanceIds: ids });
    expect(total).toBe(N);
    const sweep = await roundFinished(sweepId, 30_000);
    measured.restartRoundMs = Date.now() - t0;
    expect(sweep.done).toBe(N);
    await expectEachOnce(storedBefore, from, true);
    // Idle means no poll left anywhere in the queue (a retry from the SIGKILL test may still come due on a loaded machine).
    await waitFor("no poll queued, due or running", async () => (await queuedPolls()) === 0, 30_000);
    const t1 = Date.now();
    replica.child.kill("SIGTERM");
    expect((await replica.exited).code).toBe(143);
    measured.idleSigtermToExitMs = Date.now() - t1;
    expect(replica.output()).toMatch(/"msg":"stopping: collector drained".*"handedBack":0/);
    // At once: nothing is waited for but a Harbor call already under way (a webhook inventory's, LATENCY_MS here).
    expect(measured.idleSigtermToExitMs).toBeLessThan(LATENCY_MS + 2_000);
  }, 90_000);
});
