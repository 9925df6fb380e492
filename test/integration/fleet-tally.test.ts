/**
 * The tallies the triggers keep (migration 20261205090000_fleet_tally) answer what counting every row answers: the
 * fleet summary against the summary counted over every instance with its status, the chart's hours against counting
 * the hourly rows — after inserts, upserts, updates that change nothing, deletes by cascade, TRUNCATE, concurrent
 * batches folding at the same time, and a change that bypassed the triggers (which the recount repairs). On a database
 * of its own, so "the whole fleet" is this file's fleet.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { createOwnDatabase } from "../support/own-database";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fleetSummaryRowsSql, fleetTallySql } from "@/lib/fleet/fleet-summary";
import { healthHistorySql, healthHoursRowsSql } from "@/lib/fleet/health-history";

let url: string;
let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let c: pg.Client;
const now = new Date();
const HOUR = 3_600_000;
const hourOf = (ms: number) => new Date(Math.floor(ms / HOUR) * HOUR);

const params = (s: Prisma.Sql) => s.values.map((v) => (v instanceof Date ? v.toISOString() : v));
const q = async <T>(s: Prisma.Sql, client: pg.Client = c) => (await client.query(s.text, params(s))).rows as T[];

/** A small deterministic random source, so a failure replays. */
function rng(seed: number) {
  let x = seed;
  return () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

const HEALTH = ["healthy", "degraded", "down", "unknown"] as const;

/** A status row's values, every field the summary reads drawn at random (robots, partial usage, stale, errors…). */
function randomStatus(r: () => number) {
  const robot = r() < 0.3;
  const line = pick(r, ["2.15", "2.11", "1.10", null]);
  return {
    health: pick(r, HEALTH),
    credential: pick(r, ["valid", "invalid", "forbidden", "unknown"]),
    credentialKind: robot ? "robot" : pick(r, ["user", null]),
    robotExpiry: robot ? pick(r, ["expires", "never", "not_visible", null]) : null,
    robotExpiresAt: robot
      ? pick(r, [new Date(now.getTime() + 2 * 86_400_000), new Date(now.getTime() + 60 * 86_400_000), new Date(now.getTime() - 86_400_000), null])
      : null,
    versionLine: line,
    projectCount: pick(r, [null, 3, 70]),
    repoCount: pick(r, [null, 12, 900]),
    // beyond 2^53 now and then: the sums stay exact
    storageBytes: pick(r, [null, "1024", "9007199254740993", "5000000000"]),
    usagePartial: pick(r, [null, true, false, false]),
    errorKind: pick(r, [null, null, "unreachable"]),
    checkedAt: pick(r, [new Date(now.getTime() - 1_000), new Date(now.getTime() - 2 * HOUR), null]),
  };
}

const STATUS_COLS = `("instanceId", health, credential, "credentialKind", "robotExpiry", "robotExpiresAt", "versionLine", "projectCount", "repoCount",
  "storageBytes", "usagePartial", "errorKind", "checkedAt")`;

/** Upserts the statuses of `ids` in ONE statement, as the collector's batch does. */
async function upsertStatuses(client: pg.Client, ids: string[], r: () => number) {
  const rows = ids.map((id) => ({ instanceId: id, ...randomStatus(r) }));
  await client.query(
    `insert into "InstanceStatus" ${STATUS_COLS}
     select "instanceId", health, credential, "credentialKind", "robotExpiry", "robotExpiresAt", "versionLine", "projectCount", "repoCount",
       "storageBytes", "usagePartial", "errorKind", "checkedAt"
     from json_populate_recordset(null::"InstanceStatus", $1::json)
     on conflict ("instanceId") do update set health = excluded.health, credential = excluded.credential, "credentialKind" = excluded."credentialKind",
       "robotExpiry" = excluded."robotExpiry", "robotExpiresAt" = excluded."robotExpiresAt", "versionLine" = excluded."versionLine",
       "projectCount" = excluded."projectCount", "repoCount" = excluded."repoCount", "storageBytes" = excluded."storageBytes",
       "usagePartial" = excluded."usagePartial", "errorKind" = excluded."errorKind", "checkedAt" = excluded."checkedAt"`,
    [JSON.stringify(rows)],
  );
}

/** Upserts an hourly row for each of `ids` in `hour`, with a random health, as the collector's batch does. */
async function upsertHours(client: pg.Client, ids: string[], hour: Date, r: () => number) {
  const rows = ids.map((id) => ({ instanceId: id, hour, lastAt: hour, health: pick(r, HEALTH) }));
  await client.query(
    `insert into "InstanceHealthHour" ("instanceId", hour, "lastAt", health, worst, polls, "healthyPolls", "errorPolls", "latencySumMs", "latencyPolls")
     select "instanceId", hour, "lastAt", health, health, 1, 0, 0, 0, 0 from json_populate_recordset(null::"InstanceHealthHour", $1::json)
     on conflict ("instanceId", hour) do update set health = excluded.health, polls = "InstanceHealthHour".polls + 1`,
    [JSON.stringify(rows)],
  );
}

async function addInstances(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  await c.query(
    `insert into "HarborInstance" (id, name, environment, labels, "labelKeys", "baseUrl", username, "secretCipher", "deploymentMode", "createdAt", "updatedAt")
     select id, 'i-' || id, 'production', array['fleet=tally'], array['fleet'], 'https://h.example', 'u', 'x', 'helm', now() - interval '1 hour', now()
     from unnest($1::uuid[]) as id`,
    [ids],
  );
  return ids;
}

/** The counts the tally keeps per version line (the time-dependent ones are found through indexes, for the fleet). */
const PER_LINE = ["total", "healthy", "degraded", "down", "errors", "usageProjects", "usageRepos", "usageStorage", "usageCounted", "usagePartial"];

/** Sums every count over the rows a summary statement returns, and each version line's own counts. */
function totals(rows: Record<string, unknown>[]) {
  const t: Record<string, bigint> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== "line") t[k] = (t[k] ?? 0n) + BigInt(v as string | number);
  const lines = Object.fromEntries(
    rows.filter((r) => r.line !== null && Number(r.total) > 0).map((r) => [r.line, PER_LINE.map((k) => `${k} ${String(r[k])}`).join(", ")]),
  );
  return { t, lines };
}

const since = hourOf(now.getTime() - 48 * HOUR);
const hourCounts = async (s: Prisma.Sql) =>
  (await q<{ t: Date; health: string; n: string }>(s)).map((r) => `${r.t.toISOString()} ${r.health} ${Number(r.n)}`).sort();

/** The tallies answer what counting every row answers. */
async function expectTalliesExact(why: string) {
  const tally = totals(await q(fleetTallySql(now)));
  const rows = totals(await q(fleetSummaryRowsSql(now)));
  expect(tally, `summary ${why}`).toEqual(rows);
  expect(await hourCounts(healthHistorySql(48, now)), `chart ${why}`).toEqual(await hourCounts(healthHoursRowsSql(since)));
}

const pending = async () =>
  (await c.query<{ n: number }>(`select ((select count(*) from "FleetTallyDelta") + (select count(*) from "HealthHourTallyDelta"))::int as n`)).rows[0].n;
const compact = async (client: pg.Client = c) => (await client.query<{ folded: boolean }>("select fleet_tally_compact() as folded")).rows[0].folded;

beforeAll(async () => {
  own = await createOwnDatabase("tally");
  url = own.url;
  c = new pg.Client({ connectionString: url });
  await c.connect();
}, 60_000);

afterAll(async () => {
  await c?.end();
  await own?.drop();
});

beforeEach(async () => {
  await c.query(`truncate "HarborInstance" cascade`);
});

describe("the fleet tallies", () => {
  it("follow every kind of write, before and after their deltas are folded", async () => {
    const r = rng(7);
    const ids = await addInstances(90);
    const current = hourOf(now.getTime());
    await expectTalliesExact("with instances never polled");
    for (let step = 0; step < 12; step++) {
      // a batch of polls over a random part of the fleet (inserts the first time, updates later), and their hours
      const batch = ids.filter(() => r() < 0.4);
      await upsertStatuses(c, batch, r);
      await upsertHours(c, batch, pick(r, [current, new Date(current.getTime() - HOUR), new Date(current.getTime() - 5 * HOUR)]), r);
      if (step % 3 === 1) await expectTalliesExact(`after batch ${step}, unfolded`);
      if (step % 2 === 0) expect(await compact()).toBe(true);
      await expectTalliesExact(`after batch ${step}`);
    }
    // an update that changes nothing the tallies count appends nothing
    await compact();
    await c.query(`update "InstanceStatus" set "latencyMs" = 12`);
    await c.query(`update "InstanceHealthHour" set polls = polls + 1`);
    expect(await pending()).toBe(0);
    // one row changed, row by row as the UI's Prisma writes do; a delete by cascade; the prune's delete of hours
    await c.query(`update "InstanceStatus" set credential = 'invalid', health = 'down' where "instanceId" = $1`, [ids[3]]);
    await c.query(`update "InstanceHealthHour" set health = 'down' where "instanceId" = $1`, [ids[3]]);
    await c.query(`delete from "HarborInstance" where id = any($1::uuid[])`, [ids.slice(0, 10)]);
    await expectTalliesExact("after edits and deletes");
    await c.query(`delete from "InstanceHealthHour" where hour < $1`, [new Date(current.getTime() - 2 * HOUR)]);
    await compact();
    await expectTalliesExact("after the prune");
    // lines and hours that count nothing any more leave the tallies
    await c.query(`delete from "InstanceStatus" where "versionLine" = '1.10'`);
    await compact();
    expect((await c.query(`select line from "FleetTally" order by line`)).rows.map((x) => x.line)).not.toContain("1.10");
    expect((await c.query(`select count(*)::int as n from "HealthHourTally" where n = 0`)).rows[0].n).toBe(0);
    await expectTalliesExact("after a line emptied");
  });

  it("are emptied with their tables by TRUNCATE", async () => {
    const r = rng(11);
    const ids = await addInstances(20);
    await upsertStatuses(c, ids, r);
    await upsertHours(c, ids, hourOf(now.getTime()), r);
    await compact();
    await upsertStatuses(c, ids.slice(0, 5), r);
    await c.query(`truncate "InstanceStatus", "InstanceHealthHour"`);
    await expectTalliesExact("after TRUNCATE");
    expect((await c.query(`select (select count(*) from "FleetTally") + (select count(*) from "HealthHourTally") as n`)).rows[0].n).toBe("0");
    expect(await pending()).toBe(0);
  });

  it("stay exact under concurrent batches that fold as they go, without one batch waiting on another's counts", async () => {
    const ids = await addInstances(160);
    const current = hourOf(now.getTime());
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      }),
    );
    try {
      // each client owns a slice of the fleet (as the collector's jobs do) but every slice spans the same lines and hours
      await Promise.all(
        clients.map(async (client, k) => {
          const r = rng(100 + k);
          const slice = ids.filter((_, i) => i % clients.length === k);
          for (let round = 0; round < 8; round++) {
            await client.query("begin");
            await upsertStatuses(client, slice, r);
            await upsertHours(client, slice, pick(r, [current, new Date(current.getTime() - HOUR)]), r);
            await client.query("commit");
            await compact(client);
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    await expectTalliesExact("after concurrent batches");
    await compact();
    expect(await pending()).toBe(0);
    await expectTalliesExact("after the last fold");
  });

  it("never make a batch wait for another's counts, nor the recount wait for a batch", async () => {
    const ids = await addInstances(40);
    const r = rng(21);
    await upsertStatuses(c, ids, r);
    await upsertHours(c, ids, hourOf(now.getTime()), r);
    await compact();
    const [a, b] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      // a batch left open (as one in flight), over the same lines and hour as the next
      await a.query("begin");
      await upsertStatuses(a, ids.slice(0, 20), r);
      await upsertHours(a, ids.slice(0, 20), hourOf(now.getTime()), r);
      // a second batch on other instances completes at once: nothing it writes is locked by the first
      await b.query("set lock_timeout = '2s'");
      await b.query("begin");
      await upsertStatuses(b, ids.slice(20), r);
      await upsertHours(b, ids.slice(20), hourOf(now.getTime()), r);
      await b.query("commit");
      await compact(b);
      // the recount neither waits for the open batch nor counts it: its deltas, committed later, stay to be folded
      await b.query("select fleet_tally_recount('-infinity')");
      await a.query("commit");
      await expectTalliesExact("after the open batch committed behind the recount");
      await compact();
      await expectTalliesExact("after the fold");
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("fold one at a time: a second folder leaves the deltas to the first", async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const ids = await addInstances(5);
      await upsertStatuses(c, ids, rng(3));
      await other.query("begin");
      expect(await compact(other)).toBe(true);
      expect(await compact()).toBe(false);
      await other.query("commit");
      await expectTalliesExact("after the first fold committed");
    } finally {
      await other.end();
    }
  });

  it("are repaired by the hourly recount after a change that bypassed the triggers", async () => {
    const r = rng(5);
    const ids = await addInstances(30);
    await upsertStatuses(c, ids, r);
    await upsertHours(c, ids, hourOf(now.getTime()), r);
    await compact();
    await c.query(`alter table "InstanceStatus" disable trigger fleet_tally_status_updated`);
    await c.query(`alter table "InstanceHealthHour" disable trigger health_tally_updated`);
    try {
      await c.query(`update "InstanceStatus" set health = 'down', "versionLine" = '2.9'`);
      await c.query(`update "InstanceHealthHour" set health = 'down'`);
    } finally {
      await c.query(`alter table "InstanceStatus" enable trigger fleet_tally_status_updated`);
      await c.query(`alter table "InstanceHealthHour" enable trigger health_tally_updated`);
    }
    const before = totals(await q(fleetTallySql(now)));
    expect(before.t.down).not.toBe(BigInt(ids.length));
    // deltas pending from before the recount are part of what it counts afresh
    await upsertStatuses(c, ids.slice(0, 4), r);
    await c.query("select fleet_tally_recount($1)", [hourOf(now.getTime() - 25 * HOUR).toISOString()]);
    expect(await pending()).toBe(0);
    await expectTalliesExact("after the recount");
  });

  it("the hourly recount leaves the hours before its window to the triggers", async () => {
    const r = rng(9);
    const ids = await addInstances(10);
    const old = hourOf(now.getTime() - 30 * HOUR);
    await upsertHours(c, ids, old, r);
    await upsertHours(c, ids, hourOf(now.getTime()), r);
    await compact();
    const before = await hourCounts(healthHistorySql(48, now));
    await c.query("select fleet_tally_recount($1)", [hourOf(now.getTime() - 25 * HOUR).toISOString()]);
    expect(await hourCounts(healthHistorySql(48, now))).toEqual(before);
    await expectTalliesExact("after a recount of the last hours");
  });
});
