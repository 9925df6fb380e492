import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, sql } from "@/lib/db";
import { HOURS_FROM_SNAPSHOTS_SQL, sealHours } from "@/lib/fleet/collector/hours";
import { pruneSnapshots } from "@/lib/fleet/collector/prune";
import type { PollResult } from "@/lib/fleet/collector/poll";
import { pollResult, unreachablePoll } from "../support/poll-result";
import { testInstance } from "../support/test-instance";
import { writePollResults } from "@/lib/fleet/collector/store";
import { CLOSED_HOURS_TTL_MS, forgetClosedHours, getHealthHistory } from "@/lib/fleet/health-history";
import { getDrift, getInstanceHistory } from "@/lib/fleet/instance-health";

const run = Math.random().toString(36).slice(2, 7);
const ids: Record<string, string> = {};
const HOUR = 3_600_000;
// Five hours back: the other test files only write polls at "now" or weeks ago, so these buckets are this file's alone.
const H = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
const at = (ms: number) => new Date(H + ms);
const MIN = 60_000;

const poll = (key: string, checkedAt: Date, over: Partial<PollResult> = {}) => pollResult(ids[key], checkedAt, over);
const store = (...results: PollResult[]) => writePollResults({ results, jobs: [], intervalSeconds: 60 });
const down = unreachablePoll;

/** An instance of this file's, labelled hist=<run> unless told not to; its polls are the test's to store. */
const histInstance = (key: string, labelled = true) => testInstance(`hist-${key}-${run}`, labelled ? { labels: `hist=${run}` } : {}, { requestId: "hist" });

beforeAll(async () => {
  for (const key of ["a", "b", "c", "d", "e"]) {
    ids[key] = await histInstance(key);
  }
  // a: healthy at :10, down at :50, and a degraded poll from :30 stored after both (a slow poll of an earlier round)
  await store(poll("a", at(10 * MIN), { latencyMs: 40 }), poll("b", at(20 * MIN), { health: "degraded", harborVersion: "2.15.2", latencyMs: 70 }));
  await store(poll("a", at(50 * MIN), down));
  await store(poll("a", at(30 * MIN), { health: "degraded", latencyMs: 80 }));
  // the next hour: a now runs 2.15.2
  await store(
    poll("a", at(HOUR + 5 * MIN), { harborVersion: "2.15.2", latencyMs: 30 }),
    poll("b", at(HOUR + 10 * MIN), { harborVersion: "2.15.2", latencyMs: 50 }),
  );
  // c: upgraded at :30, but that poll is stored after a later down poll that reported no version
  await store(poll("c", at(10 * MIN)));
  await store(poll("c", at(50 * MIN), down));
  await store(poll("c", at(30 * MIN), { harborVersion: "2.15.2" }));
  // d: upgraded within its only hour; e: upgraded and rolled back within one hour
  await store(poll("d", at(10 * MIN)), poll("e", at(10 * MIN)));
  await store(poll("d", at(20 * MIN), { harborVersion: "2.15.2" }), poll("e", at(20 * MIN), { harborVersion: "2.15.2" }));
  await store(poll("e", at(30 * MIN)));
});

const hourRows = (key: string) => db.instanceHealthHour.findMany({ where: { instanceId: ids[key] }, orderBy: { hour: "asc" } });

describe("hourly history", () => {
  it("sums each instance's polls per hour as they are stored, whatever order they arrive in", async () => {
    const hours = await db.instanceHealthHour.findMany({ where: { instanceId: ids.a }, orderBy: { hour: "asc" } });
    expect(hours.map((h) => h.hour.getTime())).toEqual([H, H + HOUR]);
    const [first, second] = hours;
    expect(first).toMatchObject({
      polls: 3,
      healthyPolls: 1,
      errorPolls: 1,
      worst: "down",
      health: "down",
      harborVersion: "2.14.0",
      latencyPolls: 2,
      latencyMaxMs: 80,
    });
    expect(first.latencySumMs).toBe(120n);
    expect(first.lastAt.getTime()).toBe(H + 50 * MIN); // the late :30 poll did not become the hour's last
    expect(second).toMatchObject({ polls: 1, healthyPolls: 1, errorPolls: 0, worst: "healthy", health: "healthy", harborVersion: "2.15.2" });
  });

  it("keeps the version of the hour's latest poll that reported one, whatever order polls are stored in", async () => {
    const [c] = await hourRows("c");
    expect(c).toMatchObject({ harborVersion: "2.15.2", versionChanges: 1, health: "down", polls: 3 });
    expect(c.versionAt?.getTime()).toBe(H + 30 * MIN);
    expect((await hourRows("e"))[0]).toMatchObject({ harborVersion: "2.14.0", versionChanges: 2 });
  });

  it("recounts closed hours' states from the snapshots exactly as the writer counts them, and as the migration's backfill does", async () => {
    const before = await Promise.all(["a", "b", "c", "d", "e"].map(hourRows));
    // What the writer counts in storage order; the poll counts are the writer's alone (a poll that changed nothing is not kept).
    await db.instanceHealthHour.updateMany({
      where: { instanceId: { in: Object.values(ids) } },
      data: { health: "unknown", worst: "unknown", harborVersion: "9.9.9", versionChanges: 7 },
    });
    expect(await sealHours(new Date(H), new Date(H + 2 * HOUR))).toBeGreaterThanOrEqual(6);
    expect(await Promise.all(["a", "b", "c", "d", "e"].map(hourRows))).toEqual(before);

    // The migration ran HOURS_FROM_SNAPSHOTS_SQL without bounds.
    const migration = fs.readFileSync(path.resolve("prisma/migrations/20261126095552_health_hours/migration.sql"), "utf8");
    const squash = (t: string) => t.replace(/\s+/g, " ").trim();
    const unbounded = HOURS_FROM_SNAPSHOTS_SQL.replaceAll(
      `($1::timestamp is null or "checkedAt" >= $1::timestamp) and ($2::timestamp is null or "checkedAt" < $2::timestamp)`,
      "true",
    );
    expect(squash(migration)).toContain(squash(unbounded) + ";");
    // ... and it computes the same rows (into a scratch copy of the table, this file's instances only)
    await sql().query(`create temp table hh_scratch (like "InstanceHealthHour" including defaults)`);
    await sql().query(unbounded.replace(`insert into "InstanceHealthHour"`, "insert into hh_scratch"));
    const scratch = await sql().query(
      `select count(*)::int as n from hh_scratch h join "InstanceHealthHour" r using ("instanceId", hour)
      where h."instanceId" = any($1::uuid[]) and (h.*)::text = (r.*)::text`,
      [Object.values(ids)],
    );
    expect(scratch.rows[0].n).toBe(before.flat().length);
  });

  it("counts the fleet per hour by each instance's last poll of the hour", async () => {
    const history = await getHealthHistory({ hours: 24 });
    const bucket = (ms: number) => history.find((p) => p.t === new Date(ms).toISOString());
    // a and c ended the hour down, b degraded, d and e healthy
    expect(bucket(H)).toEqual({ t: new Date(H).toISOString(), healthy: 2, degraded: 1, down: 2, unknown: 0 });
    expect(bucket(H + HOUR)?.healthy).toBeGreaterThanOrEqual(2);
    expect(bucket(H + HOUR)?.down ?? 0).toBe(0);
  });

  it("reads the chart's closed hours again only after a while or when told, and the current hour on every view", async () => {
    // "Now" is in this file's second hour, so both buckets below are this file's alone.
    const now = H + HOUR + 30 * MIN;
    const bucket = (points: Awaited<ReturnType<typeof getHealthHistory>>, ms: number) => points.find((p) => p.t === new Date(ms).toISOString());
    forgetClosedHours();
    const first = await getHealthHistory({ hours: 24, now: new Date(now) });
    expect(bucket(first, H)).toEqual({ t: new Date(H).toISOString(), healthy: 2, degraded: 1, down: 2, unknown: 0 });
    const instanceId = await histInstance("f");
    // a poll stored late into the closed hour, and one in the current hour
    await store(pollResult(instanceId, at(40 * MIN)));
    await store(pollResult(instanceId, at(HOUR + 20 * MIN), down));
    const second = await getHealthHistory({ hours: 24, now: new Date(now + 1_000) });
    expect(bucket(second, H)).toEqual(bucket(first, H));
    expect(bucket(second, H + HOUR)).toEqual({ ...bucket(first, H + HOUR), down: (bucket(first, H + HOUR)?.down ?? 0) + 1 });
    // after the TTL (or forgetClosedHours, as the hourly maintenance calls it) the late poll counts
    const later = await getHealthHistory({ hours: 24, now: new Date(now + CLOSED_HOURS_TTL_MS) });
    expect(bucket(later, H)?.healthy).toBe(3);
    await store(pollResult(instanceId, at(45 * MIN), down));
    expect(bucket(await getHealthHistory({ hours: 24, now: new Date(now + CLOSED_HOURS_TTL_MS + 1_000) }), H)?.healthy).toBe(3);
    forgetClosedHours();
    expect(bucket(await getHealthHistory({ hours: 24, now: new Date(now + CLOSED_HOURS_TTL_MS + 2_000) }), H)).toMatchObject({ healthy: 2, down: 3 });
    await db.harborInstance.delete({ where: { id: instanceId } });
    forgetClosedHours();
  });

  it("reads the closed hours once for views that miss the cache together, and keeps no read that a forget overtook", async () => {
    const now = H + HOUR + 40 * MIN;
    forgetClosedHours();
    const [a, b] = await Promise.all([getHealthHistory({ hours: 24, now: new Date(now) }), getHealthHistory({ hours: 24, now: new Date(now) })]);
    expect(a[0]).toBe(b[0]); // one read, shared
    const instanceId = await histInstance("g");
    forgetClosedHours();
    const overtaken = getHealthHistory({ hours: 24, now: new Date(now) }); // a read in flight ...
    forgetClosedHours(); // ... when the hours are recounted: it answers, but is not kept
    const before = (await overtaken).find((p) => p.t === new Date(H).toISOString());
    await store(pollResult(instanceId, at(40 * MIN)));
    const after = (await getHealthHistory({ hours: 24, now: new Date(now + 1_000) })).find((p) => p.t === new Date(H).toISOString());
    expect(after?.healthy).toBe((before?.healthy ?? 0) + 1);
    await db.harborInstance.delete({ where: { id: instanceId } });
    forgetClosedHours();
  });

  it("lists an error repeated every minute once, with its count and first and last sighting", async () => {
    const instanceId = await histInstance("repeat", false);
    const minutes = [55, 56, 57, 58, 59, 60, 61, 62]; // across an hour's end
    for (const m of minutes) await store(pollResult(instanceId, at(m * MIN), down));
    await store(pollResult(instanceId, at(63 * MIN), { ...down, errorKind: "timeout", errorMessage: "no answer within 3 s" }));
    const { errors } = await getInstanceHistory(instanceId, { days: 1 });
    expect(errors).toEqual([
      { kind: "timeout", message: "no answer within 3 s", count: 1, firstAt: at(63 * MIN).toISOString(), lastAt: at(63 * MIN).toISOString() },
      { kind: "unreachable", message: "connect ECONNREFUSED", count: minutes.length, firstAt: at(55 * MIN).toISOString(), lastAt: at(62 * MIN).toISOString() },
    ]);
    await db.harborInstance.delete({ where: { id: instanceId } });
  });

  it("gives an instance one point per hour with its worst health, mean latency and its recent errors", async () => {
    const { days, points, errors } = await getInstanceHistory(ids.a, { days: 1 });
    expect(days).toBe(1);
    expect(points).toEqual([
      { t: new Date(H).toISOString(), health: "down", polls: 3, healthyPolls: 1, latencyMs: 60, latencyPolls: 2, latencyMaxMs: 80 },
      { t: new Date(H + HOUR).toISOString(), health: "healthy", polls: 1, healthyPolls: 1, latencyMs: 30, latencyPolls: 1, latencyMaxMs: 30 },
    ]);
    expect(errors).toEqual([
      { kind: "unreachable", message: "connect ECONNREFUSED", count: 1, firstAt: at(50 * MIN).toISOString(), lastAt: at(50 * MIN).toISOString() },
    ]);
    expect((await getInstanceHistory(ids.b, { days: 1 })).errors).toEqual([]);
    // the default window is the retention period, by the hour; over a month, by the day
    expect(await getInstanceHistory(ids.a)).toMatchObject({ days: 14, bucket: "hour" });
    const long = await getInstanceHistory(ids.a, { days: 5000 });
    expect(long).toMatchObject({ days: 366, bucket: "day" });
    const day = (ms: number) => new Date(Math.floor(ms / 86_400_000) * 86_400_000).toISOString();
    expect(long.points.map((p) => p.t)).toEqual([...new Set([day(H), day(H + HOUR)])]);
    expect(long.points.reduce((n, p) => n + p.polls, 0)).toBe(4);
    expect(long.points[0].health).toBe("down");
  });

  it("names the version an instance ran before and when the new one was first seen", async () => {
    const drift = await getDrift(ids.a);
    const version = drift.find((d) => d.field === "Version");
    expect(version).toMatchObject({ recorded: "2.14.0", live: "2.15.2" });
    expect(version?.advice).toContain(
      `first seen ${at(HOUR + 5 * MIN)
        .toISOString()
        .slice(0, 16)
        .replace("T", " ")} UTC`,
    );
    expect((await getDrift(ids.b)).find((d) => d.field === "Version")).toBeUndefined(); // b always ran 2.15.2
    // changes within an hour: d upgraded in its only hour; e upgraded and rolled back
    expect((await getDrift(ids.d)).find((d) => d.field === "Version")).toMatchObject({ recorded: "2.14.0", live: "2.15.2" });
    const e = (await getDrift(ids.e)).find((d) => d.field === "Version");
    expect(e).toMatchObject({ recorded: "2.15.2", live: "2.14.0" });
    expect(e?.advice).toContain(
      `first seen ${at(30 * MIN)
        .toISOString()
        .slice(0, 16)
        .replace("T", " ")} UTC`,
    );
  });

  it("prunes hours that lie wholly before the retention window", async () => {
    const old = new Date(Date.now() - 20 * 86_400_000);
    await store(poll("b", old));
    expect(await db.instanceHealthHour.count({ where: { instanceId: ids.b } })).toBe(3);
    // and a backlog larger than one slice of the prune (a collector paused for most of a year)
    await sql().query(
      `insert into "InstanceHealthHour" ("instanceId", hour, "lastAt", health, worst, polls, "healthyPolls", "errorPolls", "latencySumMs", "latencyPolls")
       select $1::uuid, h, h, 'healthy', 'healthy', 1, 1, 0, 0, 0 from generate_series($2::timestamp - interval '6000 hours', $2::timestamp - interval '1 hour', interval '1 hour') h`,
      [ids.b, new Date(Math.floor((Date.now() - 30 * 86_400_000) / HOUR) * HOUR).toISOString()],
    );
    expect(await db.instanceHealthHour.count({ where: { instanceId: ids.b } })).toBe(6_003);
    const pruned = await pruneSnapshots(14, { slice: 1_000 });
    expect(pruned.hours).toBeGreaterThanOrEqual(6_001);
    expect(pruned.statements).toBeGreaterThanOrEqual(7); // the hours alone took at least 7 slices of 1,000
    const left = await db.instanceHealthHour.findMany({ where: { instanceId: ids.b }, orderBy: { hour: "asc" } });
    expect(left.map((h) => h.hour.getTime())).toEqual([H, H + HOUR]);
  });

  it("keeps a poll whatever storage it reports (the snapshot's fingerprint rounds it): none, and the most int64 holds", async () => {
    const instanceId = await histInstance("g");
    for (const storageBytes of [0n, 2n ** 63n - 1n]) {
      expect(await store(pollResult(instanceId, new Date(), { storageBytes }))).toMatchObject({ stored: 1, rejected: [] });
      expect((await db.instanceStatus.findUniqueOrThrow({ where: { instanceId: instanceId } })).storageBytes).toBe(storageBytes);
    }
    expect(await db.instanceSnapshot.count({ where: { instanceId: instanceId } })).toBe(2); // the storage changed
  });

  it("drops an instance's hours with the instance", async () => {
    await db.harborInstance.delete({ where: { id: ids.b } });
    expect(await db.instanceHealthHour.count({ where: { instanceId: ids.b } })).toBe(0);
  });
});
