import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pruneSnapshots } from "@/lib/fleet/collector/prune";
import { getFleetRow, listFleet } from "@/lib/fleet/fleet-rows";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { listInstancesWithCredentials } from "@/lib/fleet/instance-credentials";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { testInstance } from "../support/test-instance";

const run = Math.random().toString(36).slice(2, 7);
const label = `run=${run}`;
const ids: Record<string, string> = {};
const params = (over: Record<string, unknown> = {}) => ZFleetParams.parse({ label, ...over });

beforeAll(async () => {
  const now = Date.now();
  const rows = [
    { key: "a", health: "healthy", version: "2.15.2", checked: now, storage: 300n, latency: 20 },
    { key: "b", health: "degraded", version: "2.8.6", checked: now, storage: 100n, latency: 90, error: null },
    { key: "c", health: "down", version: null, checked: now, storage: null, latency: null, error: "unreachable" },
    { key: "d", health: "healthy", version: "1.10.19", checked: now - 3_600_000, storage: 200n, latency: 40, credential: "invalid" },
  ] as const;
  for (const r of rows) {
    const instanceId = await testInstance(`fq-${r.key}-${run}`, { environment: r.key === "a" ? "production" : "staging", labels: label }, { requestId: "fq" });
    ids[r.key] = instanceId;
    const [maj, min, pat] = (r.version ?? "0.0.0").split(".").map(Number);
    await db.instanceStatus.create({
      data: {
        instanceId,
        health: r.health,
        credential: "credential" in r ? r.credential : "valid",
        harborVersion: r.version,
        versionLine: r.version ? `${maj}.${min}` : null,
        versionNum: r.version ? maj * 10000 + min * 100 + pat : null,
        storageBytes: r.storage,
        latencyMs: r.latency,
        checkedAt: new Date(r.checked),
        errorKind: "error" in r ? r.error : null,
      },
    });
  }
});

describe("fleet queries", () => {
  it("reads and compares timestamps as UTC on the raw pool whatever the process's time zone", async () => {
    const before = process.env.TZ;
    process.env.TZ = "America/Los_Angeles"; // UTC−8/−7: a local-time round trip would shift by hours
    try {
      const stored = await db.instanceStatus.findUniqueOrThrow({ where: { instanceId: ids.d } });
      const row = await getFleetRow(ids.d);
      expect(row?.checkedAt).toBe(stored.checkedAt!.toISOString());
      // an hour-old poll is stale (3 intervals = 3 min), a fresh one is not: Date parameters compare in UTC too
      expect(row?.stale).toBe(true);
      expect((await getFleetRow(ids.a))?.stale).toBe(false);
      expect((await listFleet(params({ stale: "1" }))).rows.map((r) => r.id)).toEqual([ids.d]);
      const [target] = await listInstancesWithCredentials([ids.d]);
      expect(target.id).toBe(ids.d);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("filters by health, credential problems, version line, errors and staleness, in SQL", async () => {
    expect((await listFleet(params({ health: "down" }))).rows.map((r) => r.id)).toEqual([ids.c]);
    expect((await listFleet(params({ credential: "problem" }))).rows.map((r) => r.id)).toEqual([ids.d]);
    expect((await listFleet(params({ version: "2.8" }))).rows.map((r) => r.id)).toEqual([ids.b]);
    expect((await listFleet(params({ error: "1" }))).rows.map((r) => r.id)).toEqual([ids.c]);
    const stale = await listFleet(params({ stale: "1" }));
    expect(stale.rows.map((r) => r.id)).toEqual([ids.d]);
    expect(stale.rows[0].stale).toBe(true);
    expect((await listFleet(params({ environment: "production" }))).total).toBe(1);
  });

  it("sorts by version and storage with unknowns last, and knows how far behind each version is", async () => {
    const byVersion = await listFleet(params({ sort: "version", dir: "asc" }));
    expect(byVersion.rows.map((r) => r.id)).toEqual([ids.d, ids.b, ids.a, ids.c]);
    const byStorage = await listFleet(params({ sort: "storage", dir: "desc" }));
    expect(byStorage.rows.map((r) => r.id)).toEqual([ids.a, ids.d, ids.b, ids.c]);
    const a = byVersion.rows.find((r) => r.id === ids.a)!;
    expect(a).toMatchObject({ minorsBehind: 0, hopsToLatest: 0, support: "latest", storageBytes: 300 });
    const d = byVersion.rows.find((r) => r.id === ids.d)!;
    expect(d.minorsBehind).toBeGreaterThan(2);
    expect(d.hopsToLatest).toBeGreaterThan(1);
  });

  it("searches with LIKE wildcards taken literally, sorts by health, and counts past the last page", async () => {
    expect((await listFleet(params({ q: `fq-a-${run}` }))).rows.map((r) => r.id)).toEqual([ids.a]);
    expect((await listFleet(params({ q: "%" }))).total).toBe(0);
    expect((await listFleet(params({ q: "fq_" }))).total).toBe(0);
    const byHealth = await listFleet(params({ sort: "health", dir: "asc" }));
    expect(byHealth.rows.map((r) => r.health)).toEqual(["healthy", "healthy", "degraded", "down"]);
    const beyond = await listFleet(params({ page: 3 }));
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(4);
    expect(beyond.pageCount).toBe(1);
    const one = await listFleet(params({ health: "degraded" }));
    expect(one.rows[0]).toMatchObject({ id: ids.b, environment: "staging", labels: [label], credential: "valid", latencyMs: 90, stale: false });
  });

  it("summarises health, credentials, versions behind and stale snapshots for a scope", async () => {
    const s = await getFleetSummary(new Date(), { label });
    expect(s.total).toBe(4);
    expect(s.byHealth).toEqual({ healthy: 2, degraded: 1, down: 1, unknown: 0 });
    expect(s.credentialProblems).toBe(1);
    expect(s.stale).toBe(1);
    expect(s.behind).toBe(2); // 2.8 and 1.10 are ≥ 2 minor lines behind 2.15
    expect(s.versions.map((v) => v.line)).toEqual(["2.15", "2.8", "1.10"]);
  });

  it("prunes snapshots past the retention window and keeps the rest", async () => {
    const old = new Date(Date.now() - 20 * 86_400_000);
    await db.instanceSnapshot.createMany({
      data: [
        { instanceId: ids.a, checkedAt: old, health: "healthy", credential: "valid" },
        { instanceId: ids.a, checkedAt: new Date(), health: "healthy", credential: "valid" },
      ],
    });
    expect((await pruneSnapshots(14)).snapshots).toBeGreaterThanOrEqual(1);
    const left = await db.instanceSnapshot.findMany({ where: { instanceId: ids.a } });
    expect(left).toHaveLength(1);
    expect(left[0].checkedAt.getTime()).toBeGreaterThan(old.getTime());
  });

  it("counts a robot that expires within 14 days as a credential problem, and the tile's filter finds it", async () => {
    const robotLabel = `robots=${run}`;
    const make = async (key: string, expiresInDays: number | null) => {
      const instanceId = await testInstance(`fq-robot-${key}-${run}`, { labels: robotLabel, username: "robot$fleet" }, { requestId: "fq" });
      await db.instanceStatus.create({
        data: {
          instanceId,
          health: "healthy",
          credential: "valid",
          checkedAt: new Date(),
          credentialKind: "robot",
          robotExpiry: expiresInDays === null ? "never" : "expires",
          robotExpiresAt: expiresInDays === null ? null : new Date(Date.now() + expiresInDays * 86_400_000),
          credentialCheckedAt: new Date(),
        },
      });
      return instanceId;
    };
    const soon = await make("soon", 3);
    await make("later", 40);
    await make("never", null);
    const s = await getFleetSummary(new Date(), { label: robotLabel });
    expect(s).toMatchObject({ total: 3, credentialProblems: 1, credentialsExpiring: 1 });
    const filtered = await listFleet(ZFleetParams.parse({ label: robotLabel, credential: "problem" }));
    expect(filtered.rows.map((r) => r.id)).toEqual([soon]);
    expect(filtered.rows[0]).toMatchObject({ credentialKind: "robot", robotExpiry: "expires" });
  });
});
