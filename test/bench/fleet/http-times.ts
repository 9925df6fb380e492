/**
 * Response times of the pages and the API, signed in over HTTP as a browser is, with the app's own floors measured
 * in the same run (GET /api/health; a signed-in page that reads no data), and the SQL and in-process functions behind
 * the fleet page for the breakdown.
 */
import type pg from "pg";
import { Session } from "../http";
import { REQUESTS, WARMUP_REQUESTS, say } from "./config";

export interface HttpTimes {
  health: number[];
  floorPage: number[];
  upgradesPage: number[];
  page: number[];
  pageBytes: number;
  instance: number[];
  api: number[];
  apiBytes: number;
  serverTiming: Record<string, number[]>;
  sql: number[];
  sameSql: number[];
  pageSql: number[];
  listFleet: number[];
  summary: number[];
  history: number[];
  changes: number[];
}

const timeMany = async (fn: () => Promise<number>) => {
  for (let i = 0; i < WARMUP_REQUESTS; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < REQUESTS; i++) out.push(await fn());
  return out;
};
const timeIt = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
const iso = (v: unknown[]) => v.map((x) => (x instanceof Date ? x.toISOString() : x));

export async function measureHttp(o: { origin: string; admin: { email: string; password: string }; n: number; sql: pg.Client }): Promise<HttpTimes> {
  const { n, sql } = o;
  const session = new Session(o.origin);
  await session.signIn(o.admin.email, o.admin.password);
  say("signed in over HTTP (next-auth credentials)");
  const pageCheck = (status: number, body: string) => (status !== 200 ? `status ${status}` : body.includes("Fleet") ? null : "no fleet page in the answer");
  const apiCheck = (status: number, body: string) => {
    if (status !== 200) return `status ${status}`;
    const j = JSON.parse(body) as { total?: number; rows?: unknown[] };
    return j.total === n && j.rows?.length === Math.min(50, n) ? null : `unexpected answer: total ${j.total}, ${j.rows?.length} rows`;
  };
  const health = await timeMany(() => session.timedGet("/api/health"));
  // A signed-in console page that reads no data (the console's layout, the session check, a form): the floor of any
  // console page. /upgrades, the floor the bench took before, reads a page of instances and the fleet's upgrade facts.
  const floorPage = await timeMany(() =>
    session.timedGet("/instances/new", (status, body) => (status === 200 && body.includes("Add a Harbor instance") ? null : `status ${status}`)),
  );
  const upgradesPage = await timeMany(() =>
    session.timedGet("/upgrades", (status, body) => (status === 200 && body.includes("Upgrades") ? null : `status ${status}`)),
  );
  const page = await timeMany(() => session.timedGet("/", pageCheck));
  const pageBytes = session.lastBytes;
  const [{ id: firstId }] = (await sql.query(`select id from "HarborInstance" order by name limit 1`)).rows as { id: string }[];
  const instance = await timeMany(() =>
    session.timedGet(`/instances/${firstId}`, (status, body) => (status === 200 && body.includes("instance-history") ? null : `status ${status}`)),
  );
  const serverTiming: Record<string, number[]> = {};
  const api = await timeMany(() =>
    session.timedGet("/api/fleet", (status, body, r) => {
      for (const m of (r.headers.get("server-timing") ?? "").matchAll(/(\w+);dur=([\d.]+)/g)) (serverTiming[m[1]] ??= []).push(Number(m[2]));
      return apiCheck(status, body);
    }),
  );
  const apiBytes = session.lastBytes;

  const { listFleet, fleetPageSql } = await import("../../../lib/fleet/fleet-rows");
  const { getFleetSummary, fleetSummarySql } = await import("../../../lib/fleet/fleet-summary");
  const { getHealthHistory, healthHistorySql } = await import("../../../lib/fleet/health-history");
  const { getFleetChanges } = await import("../../../lib/fleet/changes");
  const { ZFleetParams } = await import("../../../lib/schemas/fleet");
  const PAGE_SQL = `select i.id, i.name, i.environment, i.labels, i."baseUrl", s.*
    from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id
    order by i.name asc limit 50 offset 0`;
  const rawSql = await timeMany(() =>
    timeIt(async () => {
      const rows = await sql.query(PAGE_SQL);
      const count = await sql.query(`select count(*)::int as n from "HarborInstance"`);
      if (rows.rowCount !== Math.min(50, n) || count.rows[0].n !== n) throw new Error("raw SQL: unexpected rows");
    }),
  );
  const params = ZFleetParams.parse({});
  // The endpoint's own two statements (the page with its count; the summary), run on the bench's connection one after
  // the other: the database's share of /api/fleet, with no framework, driver pool or JSON.
  const sameSql = await timeMany(() =>
    timeIt(async () => {
      const now = new Date();
      const pageQ = fleetPageSql(params, now);
      const summaryQ = fleetSummarySql(now);
      const rows = await sql.query(pageQ.text, iso(pageQ.values));
      await sql.query(summaryQ.text, iso(summaryQ.values));
      if (rows.rowCount !== Math.min(50, n)) throw new Error("raw SQL: unexpected rows");
    }),
  );
  // The SQL for every row the fleet page shows (its page, the summary, 24 hours of the health chart read whole), one
  // after another on one connection: the raw SQL for the same rows, not the page's own share of the database.
  const pageSql = await timeMany(() =>
    timeIt(async () => {
      const now = new Date();
      for (const q of [fleetPageSql(params, now), fleetSummarySql(now), healthHistorySql(24, now)]) await sql.query(q.text, iso(q.values));
    }),
  );
  return {
    health,
    floorPage,
    upgradesPage,
    page,
    pageBytes,
    instance,
    api,
    apiBytes,
    serverTiming,
    sql: rawSql,
    sameSql,
    pageSql,
    listFleet: await timeMany(() => timeIt(() => listFleet(params))),
    summary: await timeMany(() => timeIt(() => getFleetSummary())),
    history: await timeMany(() => timeIt(() => getHealthHistory({ hours: 24 }))),
    // What the page asks once loaded: changes since a visit that ended 2 hours ago (the history holds the polls before it).
    changes: await timeMany(() => timeIt(() => getFleetChanges(new Date(Date.now() - 2 * 3_600_000)))),
  };
}
