/**
 * The fleet page's statements that read only a page's worth of rows (worst first rank by rank; the summary over the
 * status rows alone) answer exactly what ranking and counting every row answers: checked on a database of its own, so
 * "the whole fleet" is this file's fleet, with every state the ranks separate (robots with and without a known expiry,
 * instances never polled) over several pages, both directions and the filters.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createOwnDatabase } from "../support/own-database";
import { Prisma } from "@/lib/generated/prisma/client";
import { credentialProblemSql, whereSql } from "@/lib/fleet/fleet-filters";
import { FLEET_PAGE_SIZE, fleetCountSql, fleetPageSql } from "@/lib/fleet/fleet-rows";
import { fleetSummarySql } from "@/lib/fleet/fleet-summary";
import { ZFleetParams, type TFleetParams } from "@/lib/schemas/fleet";

let url: string;
let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let c: pg.Client;
const now = new Date();
const day = 86_400_000;

const q = async <T>(s: Prisma.Sql) =>
  (
    await c.query(
      s.text,
      s.values.map((v) => (v instanceof Date ? v.toISOString() : v)),
    )
  ).rows as T[];

/** Twelve kinds of status, one per instance in turn; names run against the ranks so an order by name alone fails. */
const KINDS: (Record<string, unknown> | null)[] = [
  { health: "healthy" },
  { health: "down" },
  { health: "degraded" },
  { health: "healthy", credential: "invalid" },
  { health: "unknown", credential: "forbidden" },
  { health: "unknown" },
  null, // never polled: no status row
  { health: "healthy", credentialKind: "robot", robotExpiry: "expires", robotExpiresAt: new Date(now.getTime() + 3 * day) },
  { health: "healthy", credentialKind: "robot", robotExpiry: "expires", robotExpiresAt: new Date(now.getTime() + 90 * day) },
  { health: "healthy", credentialKind: "robot", robotExpiry: "expires", robotExpiresAt: null }, // expiry not known
  { health: "degraded", credentialKind: "robot", robotExpiry: "expires", robotExpiresAt: new Date(now.getTime() - day) },
  { health: "unknown", credentialKind: "robot", robotExpiry: "never" },
];
const N = 12 * 23; // 276 instances: six pages
let expectedStale = 0;

beforeAll(async () => {
  own = await createOwnDatabase("rank");
  url = own.url;
  c = new pg.Client({ connectionString: url });
  await c.connect();
  for (let i = 0; i < N; i++) {
    const id = crypto.randomUUID();
    const env = ["production", "staging", "development"][i % 3];
    // an hour old, so never-polled instances are stale too
    await c.query(
      `insert into "HarborInstance" (id, name, environment, labels, "labelKeys", "baseUrl", username, "secretCipher", "deploymentMode", "createdAt", "updatedAt")
       values ($1, $2, $3, array['fleet=rank'], array['fleet'], 'https://h.example', 'u', 'x', 'helm', now() - interval '1 hour', now())`,
      [id, `i${String(N - i).padStart(4, "0")}`, env],
    );
    const k = KINDS[i % KINDS.length];
    if (!k || i % 7 === 0) expectedStale++;
    if (!k) continue;
    // a Harbor down since it was registered was polled but never reached: reachedAt stays null
    await c.query(`update "HarborInstance" set "reachedAt" = now() where id = $1 and $2`, [id, k.health !== "down"]);
    const version = ["2.15.2", "2.11.2", "1.10.19"][i % 3];
    await c.query(
      `insert into "InstanceStatus" ("instanceId", health, credential, "credentialKind", "robotExpiry", "robotExpiresAt", "harborVersion", "versionLine",
         "versionNum", "projectCount", "repoCount", "storageBytes", "usagePartial", "errorKind", "checkedAt")
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 3, 12, 1024, $10, $11, $12)`,
      [
        id,
        k.health,
        k.credential ?? "valid",
        k.credentialKind ?? null,
        k.robotExpiry ?? null,
        k.robotExpiresAt ?? null,
        version,
        version.split(".").slice(0, 2).join("."),
        Number(version.split(".")[0]) * 10000 + Number(version.split(".")[1]) * 100,
        i % 5 === 0,
        k.health === "down" ? "unreachable" : null,
        // one in seven polled long ago: stale
        new Date(now.getTime() - (i % 7 === 0 ? 3_600_000 : 1_000)),
      ],
    );
  }
  await c.query("analyze");
}, 60_000);

afterAll(async () => {
  await c?.end();
  await own?.drop();
});

/** The definition the ranks must keep: every row ranked by one CASE, then by name. */
function referenceIds(p: TFleetParams): Promise<{ id: string }[]> {
  const rank = Prisma.sql`case when s.health = 'down' then 0 when s.health = 'degraded' then 1 when ${credentialProblemSql(now)} then 2
    when s."instanceId" is null or s.health = 'unknown' then 3 else 4 end`;
  return q(Prisma.sql`select i.id from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id ${whereSql(p, now)}
    order by ${rank} ${Prisma.raw(p.dir === "desc" ? "desc" : "asc")}, i.name asc limit ${FLEET_PAGE_SIZE} offset ${(p.page - 1) * FLEET_PAGE_SIZE}`);
}

const FILTERS: Record<string, unknown>[] = [
  {},
  { dir: "desc" },
  { health: "unknown" },
  { health: "healthy" },
  { credential: "problem" },
  { environment: "staging" },
  { q: "i01" },
  { stale: "1", dir: "desc" },
  { version: "2.15" },
];

describe("worst first, rank by rank", () => {
  it.each(FILTERS)("pages the same rows as ranking every row: %o", async (f) => {
    for (let page = 1; page <= Math.ceil(N / FLEET_PAGE_SIZE) + 1; page++) {
      const p = ZFleetParams.parse({ ...f, page });
      const got = (await q<{ id: string }>(fleetPageSql(p, now))).map((r) => r.id);
      expect(got, `page ${page}`).toEqual((await referenceIds(p)).map((r) => r.id));
    }
    const p = ZFleetParams.parse(f);
    const [{ n }] = await q<{ n: number }>(fleetCountSql(p, now));
    const [{ n: all }] = await q<{ n: number }>(
      Prisma.sql`select count(*)::int as n from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id ${whereSql(p, now)}`,
    );
    expect(n).toBe(all);
  });
});

describe("the summary from the tally", () => {
  const totals = (rows: Record<string, unknown>[]) => {
    const t: Record<string, number> = {};
    for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== "line") t[k] = (t[k] ?? 0) + Number(v);
    const lines = Object.fromEntries(rows.filter((r) => r.line !== null).map((r) => [r.line, r.total]));
    return { t, lines };
  };

  it("counts what counting every instance with its status counts", async () => {
    const whole = totals(await q(fleetSummarySql(now)));
    // a scope every instance is in: the statement that joins each instance with its status
    const joined = totals(await q(fleetSummarySql(now, { label: "fleet=rank" })));
    expect(whole).toEqual(joined);
    // the same once the tally's pending deltas (one per row inserted above) are folded
    await c.query("select fleet_tally_compact()");
    expect(totals(await q(fleetSummarySql(now)))).toEqual(joined);
    expect(whole.t.total).toBe(N);
    expect(whole.t.stale).toBe(expectedStale);
    expect(whole.t.healthy).toBe((N / 12) * 5);
    // the never-polled instances, and only they, have no version line (the rows of time-dependent counts count no instance)
    expect((await q<{ line: string | null; total: number }>(fleetSummarySql(now))).filter((r) => r.line === null && r.total > 0).map((r) => r.total)).toEqual([
      N / 12,
    ]);
  });
});

describe("once every instance has been polled", () => {
  it("the page and the summary still agree with ranking and counting every row", async () => {
    await c.query(`delete from "HarborInstance" i where not exists (select 1 from "InstanceStatus" s where s."instanceId" = i.id)`);
    for (const f of [{}, { dir: "desc" }, { health: "unknown" }]) {
      for (let page = 1; page <= 6; page++) {
        const p = ZFleetParams.parse({ ...f, page });
        expect((await q<{ id: string }>(fleetPageSql(p, now))).map((r) => r.id)).toEqual((await referenceIds(p)).map((r) => r.id));
      }
    }
    const rows = await q<{ line: string | null; total: number }>(fleetSummarySql(now));
    expect(rows.filter((r) => r.line === null && r.total > 0)).toEqual([]);
    expect(rows.reduce((a, r) => a + r.total, 0)).toBe(N - N / 12);
  });
});
