/**
 * One hostile Harbor never blinds the fleet view (#16 item 1): a fleet of healthy simulated Harbors plus one of each
 * hostile kind, polled by the real collector, round after round. Every healthy instance is stored in every round,
 * every round finishes, and each hostile one is stored with what the console could make of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startCollector, type Collector } from "@/lib/fleet/collector/collector";
import { writePollResults } from "@/lib/fleet/collector/store";
import { createInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { startHarborSim } from "../harbor-sim";
import { storedPolls, storedSince } from "../support/stored-polls";
import type { HarborSim, SimInstanceSpec } from "../harbor-sim/types";
import { pollResult } from "../support/poll-result";

const actor = { id: null, email: "collector-hostile@example.com" };
const suffix = Math.random().toString(36).slice(2, 7);
const HEALTHY: SimInstanceSpec[] = [
  { id: "ok-215", version: "2.15.2", storageBytes: 7_000_000 },
  { id: "ok-211", version: "2.11.2", tls: true },
  { id: "ok-28", version: "2.8.6" },
  { id: "ok-25", version: "2.5.6" },
  { id: "ok-20", version: "2.0.6" },
  { id: "ok-110", version: "1.10.19" },
];
const HOSTILE: SimInstanceSpec[] = [
  { id: "nul", version: "2.11.2", faults: { nulInStrings: true }, unhealthy: { redis: "dial tcp: i/o timeout" } },
  { id: "int64", version: "2.11.2", faults: { int64Counts: true } },
  { id: "negative", version: "2.8.6", faults: { negativeCounts: true } },
  { id: "word", version: "2.11.2", faults: { healthWord: "on fire" } },
  { id: "huge", version: "2.11.2", faults: { hugeStrings: 200_000 }, unhealthy: { jobservice: "stuck" } },
];
const FLEET = [...HEALTHY, ...HOSTILE];

let sim: HarborSim;
let collector: Collector;
const ids: Record<string, string> = {};
const status = (name: string) => db.instanceStatus.findUniqueOrThrow({ where: { instanceId: ids[name] } });

async function waitForSweep(sweepId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } });
    if (s.finishedAt) return s;
    if (Date.now() > until) throw new Error(`sweep ${sweepId} stuck at ${s.done}/${s.total}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  sim = await startHarborSim({ instances: FLEET });
  for (const f of FLEET) {
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `hostile-${f.id}-${suffix}`,
        environment: "production",
        baseUrl: sim.get(f.id).baseUrl,
        username: "admin",
        secret: "Harbor12345",
        caBundle: f.tls ? sim.caPem : "",
        deploymentMode: "helm",
      }),
      actor,
      requestId: "collector-hostile-test",
    });
    ids[f.id] = created.id;
  }
  collector = await startCollector({
    databaseUrl: process.env.DATABASE_URL!,
    concurrency: 16,
    intervalSeconds: 60,
    timeoutMs: 3_000,
    retentionDays: 14,
    schedule: false,
  });
}, 60_000);

afterAll(async () => {
  await collector?.stop();
  await sim?.stop();
});

describe("a fleet with hostile Harbors", () => {
  it("stores every healthy instance in every round, and every round finishes", async () => {
    for (let round = 1; round <= 2; round++) {
      const storedBefore = await storedPolls(Object.values(ids));
      const { sweepId, total } = await collector.startSweep({ trigger: "manual", instanceIds: Object.values(ids) });
      expect(total).toBe(FLEET.length);
      const sweep = await waitForSweep(sweepId);
      expect(sweep.done, `round ${round}`).toBe(FLEET.length);
      const stored = await storedSince(storedBefore, Object.values(ids));
      for (const h of HEALTHY) {
        expect(stored.get(ids[h.id]), `${h.id} in round ${round}`).toBe(1);
        expect((await status(h.id)).health).toBe("healthy");
      }
      expect(stored.size).toBe(FLEET.length);
    }
  }, 60_000);

  it("strips NUL characters from what Harbor says, and keeps the rest", async () => {
    const s = await status("nul");
    expect(s).toMatchObject({ health: "degraded", harborVersion: "2.11.2", errorKind: null });
    expect(JSON.stringify(s, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("\\u0000");
    expect(JSON.stringify(s.components)).toContain("dial tcp: i/o timeout");
  });

  it("refuses statistics outside a count's range (int64 extremes, negative counts) with the reason", async () => {
    for (const name of ["int64", "negative"]) {
      const s = await status(name);
      expect(s, name).toMatchObject({ health: "healthy", errorKind: "invalid_response", projectCount: null, repoCount: null, storageBytes: null });
      expect(s.errorMessage, name).toMatch(/statistics/);
      expect(s.errorMessage, name).toMatch(/total_(project_count|storage_consumption|repo_count)|_count/);
    }
  });

  it("maps an unknown health word to unknown, keeping the word Harbor said", async () => {
    const s = await status("word");
    expect(s.health).toBe("unknown");
    expect(s.healthWord).toBe("on fire");
  });

  it("caps huge strings", async () => {
    const s = await status("huge");
    expect(s.health).toBe("degraded");
    expect(s.externalUrl!.length).toBeLessThanOrEqual(2_048);
    expect(JSON.stringify(s.components).length).toBeLessThan(20_000);
  });

  it("a batch write that still fails is retried per instance: only the offender is marked invalid_response, the others are stored and counted", async () => {
    const sweep = await db.collectorSweep.create({ data: { trigger: "manual", total: 3 } });
    const at = new Date();
    const [a, b, c] = [ids["ok-215"], ids["ok-28"], ids["ok-25"]];
    const jobs = [a, b, c].map((instanceId) => ({ instanceId, sweepId: sweep.id }));
    // A value no normalisation produced: a storage size beyond PostgreSQL's bigint.
    await writePollResults({
      results: [pollResult(a, at), pollResult(b, at, { storageBytes: 2n ** 70n }), pollResult(c, at)],
      jobs,
      intervalSeconds: 60,
    });
    const done = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweep.id } });
    expect(done.done).toBe(3);
    expect(done.finishedAt).not.toBeNull();
    const snaps = await db.instanceSnapshot.findMany({ where: { sweepId: sweep.id } });
    expect(snaps).toHaveLength(3);
    expect((await db.instanceStatus.findUniqueOrThrow({ where: { instanceId: a } })).checkedAt).toEqual(at);
    expect((await db.instanceStatus.findUniqueOrThrow({ where: { instanceId: c } })).checkedAt).toEqual(at);
    const offender = await db.instanceStatus.findUniqueOrThrow({ where: { instanceId: b } });
    expect(offender).toMatchObject({ errorKind: "invalid_response", health: "unknown", storageBytes: null });
    expect(offender.errorMessage).toMatch(/could not be stored/);
  });
});
