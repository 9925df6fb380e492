/**
 * After a database outage (#16 item 3), on a PostgreSQL of its own that the test stops and starts again mid-round:
 * the polls that were running when it died are taken back within about one poll timeout, a refresh right after it
 * returns queues every instance, /api/health says 503 with the collector's state meanwhile, and the outage is logged
 * once, with a count and a "recovered after N s" line, instead of an error every half second.
 */
// First: Next's request stores (see next-route.ts).
import { inRequest } from "../support/next-route";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/bootstrap/embedded-postgres";
import { migrateDeploy } from "@/lib/bootstrap/migrate";
import { db, rawQuery } from "@/lib/db";
import { startCollector, type Collector } from "@/lib/fleet/collector/collector";
import { createInstance } from "@/lib/fleet/instances";
import { isDatabaseUnavailable } from "@/lib/fleet/outage";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { startHarborSim } from "../harbor-sim";
import { storedPolls, storedSince } from "../support/stored-polls";
import type { HarborSim } from "../harbor-sim/types";

const TIMEOUT_MS = 4_000;
const OUTAGE_MS = 12_000;
const N = 8;

let tmp: string;
let server: EmbeddedServer;
let url: string;
let port: number;
const password = crypto.randomBytes(12).toString("hex");
let sim: HarborSim;
let collector: Collector;
const ids: string[] = [];
const lines: string[] = [];

const dataDir = () => path.join(tmp, "data");
const startServer = async () => (server = await startEmbeddedPostgres({ dataDir: dataDir(), port, password }));

/** Reads the test database on a connection of its own (the console's pools are what is under test). */
async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => {});
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const activePolls = async () => (await query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'fleet-polls' and state = 'active'`))[0].n;
const sweepOf = async (id: string) =>
  (await query<{ total: number; done: number; finishedAt: Date | null }>(`select total, done, "finishedAt" from "CollectorSweep" where id = $1`, [id]))[0];
const collectorLines = (from: number) => lines.slice(from).filter((l) => l.includes('"msg":"collector:') || l.includes('"msg":"collector '));

async function slowRoundThenStop(): Promise<{ sweepId: string; logFrom: number; storedBefore: Map<string, number> }> {
  for (const i of sim.instances) sim.setFaults(i.spec.id, { latencyMs: 1_500 });
  const storedBefore = await storedPolls(ids, query);
  const { sweepId, total } = await collector.startSweep({ trigger: "manual", all: true });
  expect(total).toBe(N);
  // Every poll of the round is running (its Harbor answers slowly) when PostgreSQL goes away.
  await until("all polls active", async () => (await activePolls()) === N, 5_000, 50);
  const logFrom = lines.length;
  await server.stop();
  return { sweepId, logFrom, storedBefore };
}

async function healthDuringOutage() {
  const res = await inRequest({ page: "/api/health", url: "http://localhost:3000/api/health" }, () => health());
  return { status: res.status, body: (await res.json()) as { status: string; collector: { status: string; reasons: string[] } } };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-outage-"));
  if (process.getuid?.() === 0) fs.chmodSync(tmp, 0o777); // the embedded server runs as `postgres` when we are root
  port = await freePort();
  await startServer();
  await server.createDatabaseIfMissing("outage");
  url = server.urlFor("outage");
  await migrateDeploy(url, { quiet: true });
  // This file's console uses this server (nothing has read the environment yet).
  process.env.DATABASE_URL = url;

  for (const stream of ["log", "error", "warn"] as const) {
    vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  }
  sim = await startHarborSim({ instances: Array.from({ length: N }, (_, i) => ({ id: `o${i}`, version: i % 2 ? "2.11.2" : "2.8.6" })) });
  for (const inst of sim.instances) {
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `outage-${inst.spec.id}`,
        environment: "production",
        baseUrl: inst.baseUrl,
        username: "admin",
        secret: "Harbor12345",
        deploymentMode: "helm",
      }),
      actor: { id: null, email: "outage-test@example.com" },
      requestId: "collector-outage-test",
    });
    ids.push(created.id);
  }
  collector = await startCollector({ databaseUrl: url, concurrency: 16, intervalSeconds: 60, timeoutMs: TIMEOUT_MS, retentionDays: 14, schedule: false });
  // A first round, quick: every instance's version is detected and cached.
  const { sweepId } = await collector.startSweep({ trigger: "manual", all: true });
  await until("first round", async () => (await sweepOf(sweepId)).finishedAt, 20_000);
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await collector?.stop().catch(() => {});
  await sim?.stop();
  await db.$disconnect().catch(() => {});
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe("a database outage", () => {
  it("polls running when PostgreSQL died are taken back within about one poll timeout of its return; the outage is logged once", async () => {
    const { sweepId, logFrom, storedBefore } = await slowRoundThenStop();
    await new Promise((r) => setTimeout(r, 3_000));

    // Meanwhile /api/health answers 503, and says that the collector cannot work either.
    const h = await healthDuringOutage();
    expect(h.status).toBe(503);
    expect(h.body.status).toBe("database_unreachable");
    expect(h.body.collector.status).toBe("degraded");
    expect(h.body.collector.reasons.join(" ")).toMatch(/database unreachable/);
    // What pages see (Prisma, and the raw pool of the fleet queries) is recognised as the database being unreachable,
    // so that the console's layout and pages say so (see app/(console)/layout.tsx, lib/fleet/outage.ts).
    const prismaError = await db.user.findFirst().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(prismaError), String(prismaError)).toBe(true);
    const rawError = await rawQuery({ text: "select 1", values: [] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(rawError), String(rawError)).toBe(true);

    await new Promise((r) => setTimeout(r, OUTAGE_MS - 3_000));
    for (const i of sim.instances) sim.setFaults(i.spec.id, {});
    await startServer();
    const back = Date.now();

    // Nobody asks for a refresh: the round in progress completes on its own, its polls given back and done again.
    const round = await until("the interrupted round finishes", async () => ((await sweepOf(sweepId)).finishedAt ? sweepOf(sweepId) : null), 30_000, 200);
    const tookMs = Date.now() - back;
    expect(round.done).toBe(round.total);
    expect(tookMs, "reclaimed and polled again within one poll timeout plus the supervisor's period").toBeLessThan(TIMEOUT_MS + 10_000);
    expect((await storedSince(storedBefore, ids, query)).size).toBe(round.total);

    // Logged once, counted, with the recovery.
    await until("recovery logged", async () => collectorLines(logFrom).some((l) => /recovered after \d+ s/.test(l)), 10_000);
    const during = collectorLines(logFrom);
    expect(during.filter((l) => /database is unreachable/.test(l))).toHaveLength(1);
    expect(during.filter((l) => /pg-boss error/.test(l)).length, during.join("\n")).toBeLessThanOrEqual(1);
    const recovered = during.find((l) => /recovered after \d+ s/.test(l))!;
    expect(JSON.parse(recovered.slice(recovered.indexOf("{"))).errorsWhileDown).toBeGreaterThan(1);
    expect(during.length, during.join("\n")).toBeLessThanOrEqual(8);
  }, 90_000);

  it('"Refresh all" right after the database returns queues every instance: a poll marked running past its time is not in flight', async () => {
    const { sweepId: interrupted } = await slowRoundThenStop();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    for (const i of sim.instances) sim.setFaults(i.spec.id, {});
    await startServer();
    // The operator presses "Refresh all" as soon as the console answers again.
    const storedBefore = await storedPolls(ids, query);
    const refresh = await until(
      "a refresh goes through",
      () => collector.startSweep({ trigger: "manual", requestedBy: "outage-test@example.com", all: true }),
      10_000,
      200,
    );
    expect(refresh.total).toBe(N);
    const done = await until("the refresh finishes", async () => ((await sweepOf(refresh.sweepId)).finishedAt ? sweepOf(refresh.sweepId) : null), 20_000, 200);
    expect(done.done).toBe(N);
    expect((await storedSince(storedBefore, ids, query)).size).toBe(N);
    // The interrupted round no longer waits for the polls the refresh took over.
    await until("the interrupted round is released", async () => (await sweepOf(interrupted)).finishedAt, 10_000, 200);
  }, 90_000);
});
