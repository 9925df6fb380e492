import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, rawQuery } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { fleetSummaryRowsSql, fleetTallySql } from "@/lib/fleet/fleet-summary";
import { DUE_SLACK_MS, selectInstances, startCollector, type Collector } from "@/lib/fleet/collector/collector";
import dc from "node:diagnostics_channel";
import { pollInstance } from "@/lib/fleet/collector/poll";
import { createInstance } from "@/lib/fleet/instances";
import { listInstancesWithCredentials } from "@/lib/fleet/instance-credentials";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { startHarborSim } from "../harbor-sim";
import { storedPolls, storedSince } from "../support/stored-polls";
import type { HarborSim, SimInstanceSpec } from "../harbor-sim/types";

const actor = { id: null, email: "collector-test@example.com" };
const suffix = Math.random().toString(36).slice(2, 7);
let sim: HarborSim;
const ids: Record<string, string> = {};

const FLEET: (SimInstanceSpec & { secret?: string; noCa?: boolean })[] = [
  { id: "healthy", version: "2.11.2", tls: true, storageBytes: 5_000_000 },
  { id: "degraded", version: "2.8.6", unhealthy: { redis: "dial tcp: connection refused" } },
  { id: "old", version: "1.10.19" },
  { id: "badcred", version: "2.15.2", secret: "wrong" },
  { id: "down", version: "2.5.6", faults: { down: true } },
  { id: "hang", version: "2.5.6", faults: { hang: true } },
  { id: "slow", version: "2.5.6", faults: { latencyMs: 300 } },
  { id: "fivexx", version: "2.5.6", faults: { serverError: 503 } },
  { id: "badjson", version: "2.5.6", faults: { invalidJson: true } },
  { id: "tls-noca", version: "2.11.2", tls: true, noCa: true },
];

async function waitForSweep(sweepId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } });
    if (s.finishedAt) return s;
    if (Date.now() > until) throw new Error(`sweep ${sweepId} stuck at ${s.done}/${s.total}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const status = (name: string) => db.instanceStatus.findUniqueOrThrow({ where: { instanceId: ids[name] } });
const options = { databaseUrl: process.env.DATABASE_URL!, concurrency: 16, intervalSeconds: 60, timeoutMs: 1_500, retentionDays: 14, schedule: false };

beforeAll(async () => {
  sim = await startHarborSim({ instances: FLEET, record: true });
  for (const f of FLEET) {
    const inst = sim.get(f.id);
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `col-${f.id}-${suffix}`,
        environment: "staging",
        baseUrl: inst.baseUrl,
        username: "admin",
        secret: f.secret ?? "Harbor12345",
        caBundle: f.tls && !f.noCa ? sim.caPem : "",
        deploymentMode: "helm",
      }),
      actor,
      requestId: "collector-test",
    });
    ids[f.id] = created.id;
  }
}, 60_000);

afterAll(async () => {
  await sim?.stop();
});

describe("fleet collector", () => {
  let one: Collector;
  let two: Collector;

  it("polls a mixed fleet: each fault shows on its instance only, and the round finishes", async () => {
    one = await startCollector(options);
    const t0 = Date.now();
    const { sweepId, total } = await one.startSweep({ trigger: "manual", instanceIds: Object.values(ids) });
    expect(total).toBe(FLEET.length);
    const sweep = await waitForSweep(sweepId);
    expect(sweep.done).toBe(FLEET.length);
    // The hanging instance is bounded by the poll timeout; the round never waits on it much longer.
    expect(Date.now() - t0).toBeLessThan(15_000);

    expect(await status("healthy")).toMatchObject({
      health: "healthy",
      credential: "valid",
      harborVersion: "2.11.2",
      versionLine: "2.11",
      apiGeneration: "v2.8",
      storageBytes: 5_000_000n,
      consecutiveFailures: 0,
    });
    const degraded = await status("degraded");
    expect(degraded.health).toBe("degraded");
    expect(JSON.stringify(degraded.components)).toContain("connection refused");
    expect(await status("old")).toMatchObject({ health: "healthy", harborVersion: "1.10.19", apiGeneration: "v1" });
    expect(await status("badcred")).toMatchObject({ health: "healthy", credential: "invalid", errorKind: "unauthorized" });
    for (const [name, kind] of [
      ["down", "unreachable"],
      ["hang", "timeout"],
      ["tls-noca", "tls"],
    ] as const) {
      const s = await status(name);
      expect(s, name).toMatchObject({ health: "down", errorKind: kind, consecutiveFailures: 1 });
      expect(s.errorMessage, name).toBeTruthy();
      // Backoff: a failing instance is not due again for at least the interval.
      expect(s.nextPollAt.getTime() - s.checkedAt!.getTime()).toBeGreaterThanOrEqual(60_000);
    }
    expect(await status("slow")).toMatchObject({ health: "healthy" });
    expect((await status("slow")).latencyMs).toBeGreaterThanOrEqual(300);
    expect((await status("fivexx")).errorKind).toBe("server_error");
    expect((await status("badjson")).errorKind).toBe("invalid_response");
    expect(await db.instanceSnapshot.count({ where: { sweepId } })).toBe(FLEET.length);

    // The batches' statuses reached the summary's tally, and the collector folded their deltas after each batch (the
    // round's progress is stored with the batch, so the last fold may land just after the round shows finished).
    const sums = async (s: Prisma.Sql) => {
      const t: Record<string, number> = {};
      for (const r of await rawQuery<Record<string, unknown>[]>(s)) for (const [k, v] of Object.entries(r)) if (k !== "line") t[k] = (t[k] ?? 0) + Number(v);
      return t;
    };
    await expect.poll(async () => Number((await rawQuery<{ n: bigint }[]>(Prisma.sql`select count(*) as n from "FleetTallyDelta"`))[0].n)).toBe(0);
    const now = new Date();
    expect(await sums(fleetTallySql(now))).toEqual(await sums(fleetSummaryRowsSql(now)));
  }, 60_000);

  it("a failing instance backs off: its failures count up and its next poll moves further out", async () => {
    const { sweepId } = await one.startSweep({ trigger: "manual", instanceIds: [ids.down] });
    await waitForSweep(sweepId);
    const s = await status("down");
    expect(s.consecutiveFailures).toBe(2);
    expect(s.nextPollAt.getTime() - s.checkedAt!.getTime()).toBeGreaterThanOrEqual(120_000);
    // A scheduled round skips it until then.
    const due = await one.startSweep({ trigger: "schedule" });
    const polled = await db.instanceSnapshot.findMany({ where: { sweepId: due.sweepId }, select: { instanceId: true } });
    await waitForSweep(due.sweepId);
    expect(polled.map((p) => p.instanceId)).not.toContain(ids.down);
  }, 60_000);

  it("two collectors on one database never poll the same instance twice in one round", async () => {
    two = await startCollector(options);
    const healthyIds = [ids.healthy, ids.degraded, ids.old, ids.badcred, ids.slow];
    const before = sim.exchanges.length;
    const storedBefore = await storedPolls(healthyIds);
    // Both replicas start a round at once for the same instances: each instance is queued once, polled once.
    const [a, b] = await Promise.all([
      one.startSweep({ trigger: "manual", instanceIds: healthyIds }),
      two.startSweep({ trigger: "manual", instanceIds: healthyIds }),
    ]);
    expect(a.total + b.total).toBe(healthyIds.length);
    await Promise.all([waitForSweep(a.sweepId), waitForSweep(b.sweepId)]);
    const healthCalls = sim.exchanges.slice(before).filter((e) => e.path.endsWith("/health"));
    const perInstance = new Map<string, number>();
    for (const e of healthCalls) perInstance.set(e.instanceId, (perInstance.get(e.instanceId) ?? 0) + 1);
    expect([...perInstance.values()].every((n) => n === 1)).toBe(true);
    expect(perInstance.size).toBe(healthyIds.length);
    const stored = await storedSince(storedBefore, healthyIds);
    expect(stored.size).toBe(healthyIds.length);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it("keeps connections to a Harbor across the poll interval: the next poll opens none (no TCP connect, no TLS handshake)", async () => {
    const [target] = await listInstancesWithCredentials([ids.healthy]);
    const port = new URL(target.baseUrl).port;
    let connects = 0;
    const onConnect = (m: unknown) => {
      if (String((m as { connectParams?: { port?: unknown } }).connectParams?.port) === port) connects++;
    };
    dc.subscribe("undici:client:connected", onConnect);
    try {
      const first = await pollInstance(target, { timeoutMs: 5_000, intervalSeconds: 60 });
      expect(first.health).toBe("healthy");
      const opened = connects;
      expect(opened).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 4_500)); // past undici's default 4 s idle limit
      const second = await pollInstance(target, { timeoutMs: 5_000, intervalSeconds: 60 });
      expect(second.health).toBe("healthy");
      expect(connects).toBe(opened);
    } finally {
      dc.unsubscribe("undici:client:connected", onConnect);
    }
  }, 30_000);

  it("a scheduled round takes instances due within the next few seconds (polled later in the previous round), not later ones", async () => {
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    await db.instanceStatus.update({ where: { instanceId: ids.healthy }, data: { nextPollAt: at(5_000) } });
    await db.instanceStatus.update({ where: { instanceId: ids.old }, data: { nextPollAt: at(DUE_SLACK_MS + 5_000) } });
    await db.instanceStatus.update({ where: { instanceId: ids.degraded }, data: { nextPollAt: at(-1_000) } });
    const due = await selectInstances({ ids: [ids.healthy, ids.old, ids.degraded], dueOnly: true, now });
    expect(due.map((d) => d.id).sort()).toEqual([ids.healthy, ids.degraded].sort());
    expect((await selectInstances({ ids: [ids.healthy, ids.old, ids.degraded], dueOnly: false, now })).length).toBe(3);
  });

  it("re-detects an instance whose cached API generation no longer answers (re-installed, rolled back)", async () => {
    await db.harborInstance.update({ where: { id: ids.old }, data: { apiGeneration: "v2.8", harborVersion: "2.11.2" } });
    const { sweepId } = await one.startSweep({ trigger: "manual", instanceIds: [ids.old] });
    await waitForSweep(sweepId);
    expect(await status("old")).toMatchObject({ health: "healthy", apiGeneration: "v1", harborVersion: "1.10.19", errorKind: null });
    expect(await db.harborInstance.findUniqueOrThrow({ where: { id: ids.old } })).toMatchObject({ apiGeneration: "v1", harborVersion: "1.10.19" });
  }, 60_000);

  it("a console restart mid-round loses nothing stored and polls nothing twice", async () => {
    sim.setFaults("slow", { latencyMs: 400 });
    const targets = [ids.healthy, ids.degraded, ids.old, ids.badcred, ids.slow, ids.fivexx, ids.badjson];
    await one.stop();
    await two.stop();
    const storedBefore = await storedPolls(targets);
    // A small replica: one poll at a time, so the round is still running when it stops.
    const first = await startCollector({ ...options, concurrency: 1 });
    const { sweepId, total } = await first.startSweep({ trigger: "manual", instanceIds: targets });
    expect(total).toBe(targets.length);
    const until = Date.now() + 20_000;
    while ((await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } })).done < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await first.stop(); // graceful, as on SIGTERM: the poll in hand is finished and stored
    const stored = (await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } })).done;
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(stored).toBeLessThan(targets.length);
    one = await startCollector(options); // the "restarted" console
    two = one;
    const sweep = await waitForSweep(sweepId);
    expect(sweep.done).toBe(targets.length);
    const polls = await storedSince(storedBefore, targets);
    expect(polls.size).toBe(targets.length);
    expect([...polls.values()].every((n) => n === 1)).toBe(true);
    sim.setFaults("slow", { latencyMs: 300 });
  }, 90_000);

  afterAll(async () => {
    await one?.stop();
    if (two !== one) await two?.stop();
  });
});
