import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, sql } from "@/lib/db";
import { getFleetChanges } from "@/lib/fleet/changes";
import { sealHours } from "@/lib/fleet/collector/hours";
import type { PollResult } from "@/lib/fleet/collector/poll";
import { writePollResults } from "@/lib/fleet/collector/store";
import { forgetClosedHours, getHealthHistory } from "@/lib/fleet/health-history";
import { getDrift, getInstanceHistory } from "@/lib/fleet/instance-health";
import { createInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { pollResult } from "../support/poll-result";

/**
 * A day of polls (one a minute) of five instances, stored once keeping every poll (the console before #19) and once
 * keeping only what changed: every page's data must come out the same.
 */

const MIN = 60_000;
const HOUR = 3_600_000;
const POLLS = 1_440;
// "Now" is frozen (Date only: timers run) so that both replays and every page read see the same clock.
const NOW = Math.floor(Date.now() / MIN) * MIN + 30_000;
const T0 = NOW - 30_000 - POLLS * MIN;
const run = Math.random().toString(36).slice(2, 7);
const KEYS = ["steady", "flapper", "upgrader", "outage", "cred"] as const;
type Key = (typeof KEYS)[number];
const ids = {} as Record<Key, string>;

/** A deterministic jitter in [-1, 1) per instance and minute. */
const jitter = (i: number, salt: number) => ((((Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453) % 1) + 1) % 1) * 2 - 1;
const down = (kind: string, message: string) =>
  ({ health: "down", harborVersion: null, apiGeneration: null, components: null, latencyMs: null, errorKind: kind, errorMessage: message }) as const;

function pollOf(key: Key, i: number): PollResult {
  const at = new Date(T0 + i * MIN);
  const base = { latencyMs: Math.round(40 + 8 * jitter(i, KEYS.indexOf(key))), storageBytes: BigInt(Math.round(1e10 * (1 + 0.001 * jitter(i, 9)))) };
  const p = (over: Partial<PollResult> = {}) => pollResult(ids[key], at, { ...base, ...over });
  switch (key) {
    case "steady":
      return p();
    case "flapper":
      if (i >= 200 && i < 204) return p({ health: "degraded", components: [{ name: "redis", status: "unhealthy", error: "dial tcp: refused" }] });
      if (i === 500) return p(down("timeout", "timed out after 10 s"));
      if (i === 800 || i === 801) return p({ health: "unknown", errorKind: "invalid_response", errorMessage: "not JSON" });
      if (i === 1001) return p({ health: "degraded" }); // stored after 1002 (below)
      return p();
    case "upgrader":
      if (i >= 1200 && i < 1230) return p({ harborVersion: i < 600 || (i >= 610 && i < 900) ? "2.14.0" : "2.15.2", readOnly: true });
      return p({ harborVersion: i < 600 || (i >= 610 && i < 900) ? "2.14.0" : "2.15.2" });
    case "outage":
      if (i >= 300 && i < 340) return p(down("unreachable", "connect ECONNREFUSED"));
      if (i === 700) return p(down("timeout", "timed out after 10 s"));
      return p({ projectCount: i < 1300 ? 4 : 5, repoCount: i < 1300 ? 40 : 41 });
    case "cred":
      if (i >= 400 && i < 460) return p({ health: "unknown", credential: "invalid", errorKind: "unauthorized", errorMessage: "401 Unauthorized" });
      return p();
  }
}

const store = (results: PollResult[], keepEveryPoll: boolean) => writePollResults({ results, jobs: [], intervalSeconds: 60, keepEveryPoll });

/** The day through the writer, as the collector stores it: one statement per minute, the hourly seal when an hour closes. */
async function replay(keepEveryPoll: boolean) {
  const all = Object.values(ids);
  for (const table of ["InstanceSnapshot", "InstanceHealthHour", "InstanceStatus"])
    await sql().query(`delete from "${table}" where "instanceId" = any($1::uuid[])`, [all]);
  let sealed = Math.floor(T0 / HOUR) * HOUR;
  for (let i = 0; i < POLLS; i++) {
    const hour = Math.floor((T0 + i * MIN) / HOUR) * HOUR;
    if (hour > sealed) await sealHours(new Date(hour - 3 * HOUR), new Date((sealed = hour)));
    await store(
      KEYS.filter((k) => !(k === "flapper" && i === 1001)).map((k) => pollOf(k, i)),
      keepEveryPoll,
    );
    if (i === 1002) await store([pollOf("flapper", 1001)], keepEveryPoll); // a slow poll of an earlier round, stored late
  }
}

/** Everything the pages read of this history, for these instances. */
async function pages() {
  const mine = new Set(Object.values(ids));
  // every 25 minutes through the day; one while the upgrader ran 2.15.2 the first time (before its rollback); one
  // right after the flapper's late-stored poll (its state then: healthy again, at the poll stored before the late one)
  const visits = [
    ...Array.from({ length: 60 }, (_, n) => new Date(T0 - 30 * MIN + n * 25 * MIN)),
    new Date(T0 + 605 * MIN),
    new Date(T0 + 1002 * MIN + 30_000),
  ];
  const changes = [];
  for (const since of visits) {
    const c = await getFleetChanges(since, new Date(NOW));
    changes.push(
      Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x) => typeof x === "object" && "id" in x && mine.has(x.id)) : v])),
    );
  }
  forgetClosedHours();
  const instances = [];
  for (const key of KEYS) {
    instances.push({ key, day: await getInstanceHistory(ids[key], { days: 1 }), window: await getInstanceHistory(ids[key]), drift: await getDrift(ids[key]) });
  }
  const hours = await db.instanceHealthHour.findMany({ where: { instanceId: { in: [...mine] } }, orderBy: [{ instanceId: "asc" }, { hour: "asc" }] });
  return { chart: await getHealthHistory({ hours: 24 }), instances, changes, hours };
}

const snapshotsOf = async () =>
  new Map(
    (
      await sql().query<{ id: string; n: number }>(
        `select "instanceId"::text as id, count(*)::int as n from "InstanceSnapshot" where "instanceId" = any($1::uuid[]) group by 1`,
        [Object.values(ids)],
      )
    ).rows.map((r) => [r.id, r.n]),
  );

let everyPoll: Awaited<ReturnType<typeof pages>>;
let changesOnly: Awaited<ReturnType<typeof pages>>;
let keptEvery: Map<string, number>;
let keptChanges: Map<string, number>;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  for (const key of KEYS) {
    const inst = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `replay-${key}-${run}`,
        environment: "staging",
        labels: `replay=${run}`,
        baseUrl: "https://127.0.0.1:9/r",
        username: "u",
        secret: "s",
        deploymentMode: "helm",
      }),
      actor: { id: null, email: "replay@example.com" },
      requestId: "replay",
    });
    ids[key] = inst.id;
  }
  await db.harborInstance.updateMany({ where: { id: { in: Object.values(ids) } }, data: { createdAt: new Date(T0 - 2 * HOUR) } });
  await replay(true);
  everyPoll = await pages();
  keptEvery = await snapshotsOf();
  await replay(false);
  changesOnly = await pages();
  keptChanges = await snapshotsOf();
}, 240_000);

afterAll(async () => {
  vi.useRealTimers();
  // The other files' charts count the fleet per hour: this day of polls must not stay in it.
  await db.harborInstance.deleteMany({ where: { id: { in: Object.values(ids) } } });
  forgetClosedHours();
});

describe("a day of polls kept every poll and kept by change", () => {
  it("keeps a steady instance's first poll of each hour only, and every change and error of the others", () => {
    expect(keptEvery.get(ids.steady)).toBe(POLLS);
    const hours = Math.floor((T0 + (POLLS - 1) * MIN) / HOUR) - Math.floor(T0 / HOUR) + 1;
    expect(keptChanges.get(ids.steady)).toBe(hours);
    // flapper: 4 degraded (2 changes), 1 error + back, 2 errors + back, the late trio (3) — beyond its hours
    expect(keptChanges.get(ids.flapper)!).toBeGreaterThanOrEqual(hours + 2 + 2 + 3 + 3);
    // outage: each of its 41 error polls is kept (their count is on the instance page)
    expect(keptChanges.get(ids.outage)!).toBeGreaterThanOrEqual(41 + 1);
    for (const key of KEYS) expect(keptChanges.get(ids[key])!, key).toBeLessThan(POLLS / 10);
  });

  it("draws the same instance history, sparklines and recent errors", () => {
    expect(changesOnly.instances).toEqual(everyPoll.instances);
    const outage = everyPoll.instances.find((x) => x.key === "outage")!;
    expect(outage.day.errors.map((e) => [e.kind, e.count])).toEqual([
      ["timeout", 1],
      ["unreachable", 40],
    ]);
    expect(outage.day.points.reduce((n, p) => n + p.polls, 0)).toBe(POLLS);
  });

  it("finds the same drift, with the version the instance ran before and when the current one was first seen", () => {
    const upgrader = changesOnly.instances.find((x) => x.key === "upgrader")!;
    expect(upgrader.drift.find((d) => d.field === "Version")).toMatchObject({ recorded: "2.14.0", live: "2.15.2" });
    expect(upgrader.drift.find((d) => d.field === "Version")?.advice).toContain(new Date(T0 + 900 * MIN).toISOString().slice(0, 16).replace("T", " "));
  });

  it("keeps the same hourly rows and fleet chart", () => {
    expect(changesOnly.hours).toEqual(everyPoll.hours);
    expect(changesOnly.chart).toEqual(everyPoll.chart);
  });

  it('answers "since your last visit" the same for every visit through the day', () => {
    expect(changesOnly.changes).toEqual(everyPoll.changes);
    const flaps = everyPoll.changes.filter((c) => (c.flapped as unknown[]).length > 0).length;
    const rollbacks = everyPoll.changes.filter((c) => (c.versionBack as unknown[]).length > 0).length;
    const credentials = everyPoll.changes.filter((c) => (c.credentials as unknown[]).length > 0).length;
    expect(flaps).toBeGreaterThan(0);
    expect(rollbacks).toBeGreaterThan(0);
    expect(credentials).toBeGreaterThan(0);
  });
});
