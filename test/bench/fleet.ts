/**
 * Fleet benchmark: `npm run bench:fleet`.
 *
 * Starts 1,000 simulated Harbors (+50 ms on every answer), a fresh database with those instances registered,
 * and the built console through its own launcher (COLLECTOR_CONCURRENCY=64). Then measures and PRINTS:
 *   1. full collector sweeps run inside the console (warm-up + timed), against the ⌈N/c⌉ × latency bound and
 *      a sequential poll (concurrency 1) run in this process;
 *   2. server response time of the fleet page (GET /) and GET /api/fleet, signed in, against the raw SQL for
 *      the same first page (pg directly);
 *   3. peak RSS of the Next.js server process during the sweeps (/proc, every 100 ms).
 * No pass/fail assertions on timings: exit 0 unless something breaks. Everything runs on 127.0.0.1 and is
 * cleaned up on exit and on SIGINT/SIGTERM.
 *
 * Knobs (env): BENCH_INSTANCES (1000), BENCH_LATENCY_MS (50), BENCH_CONCURRENCY (64), BENCH_SWEEPS (5), BENCH_WARMUP_SWEEPS (3),
 * BENCH_SEQ_SAMPLE (200; 0 = all instances), BENCH_REQUESTS (30), BENCH_HISTORY_HOURS (24: that many hours of polls
 * at the default 60 s interval are stored before the console starts, as a day-old fleet has them; 0 = none), BENCH_REBUILD=1 (force `next build`),
 * BENCH_NO_BUILD=1 (use .next as it is), BENCH_TIMEOUT_SECONDS (480), DATABASE_URL (use that server
 * instead of an embedded PostgreSQL), BENCH_HOLD=1 (after the figures, keep the console, the simulator and the
 * database up and print how to sign in, until Ctrl-C: for profiling the server by hand, e.g. `kill -USR1 <pid>`
 * and a CPU profile through its inspector).
 */
import exitHook from "async-exit-hook";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../lib/bootstrap/embedded-postgres";
import { seedInstances } from "../../lib/bootstrap/seed-instances";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "../harbor-sim";
import { provisionTestDatabase, TEST_ENV, type TestDatabase } from "../support/test-db";
import { median, percentile, Session } from "./http";
import { cmdline, cpuMs, descendants, listeningPid, memoryOf, MemorySampler } from "./proc";

const root = path.resolve(__dirname, "../..");
const int = (name: string, def: number) => {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : def;
};
const N = int("BENCH_INSTANCES", 1000);
const LATENCY = int("BENCH_LATENCY_MS", 50);
const CONCURRENCY = int("BENCH_CONCURRENCY", 64);
const SWEEPS = Math.max(1, int("BENCH_SWEEPS", 5));
const WARMUP_SWEEPS = Math.max(1, int("BENCH_WARMUP_SWEEPS", 3));
const SEQ_SAMPLE = (() => {
  const s = int("BENCH_SEQ_SAMPLE", 200);
  return s === 0 || s >= N ? N : s;
})();
const REQUESTS = Math.max(5, int("BENCH_REQUESTS", 30));
const WARMUP_REQUESTS = 5;
const TIMEOUT_S = int("BENCH_TIMEOUT_SECONDS", 480);
const HISTORY_HOURS = int("BENCH_HISTORY_HOURS", 24);
const VERSIONS = ["2.15.2", "2.11.2", "2.8.6", "2.5.6", "2.0.6", "1.10.19"];
const ENVS = ["production", "staging", "development"] as const;
const DB_KIND = process.env.DATABASE_URL ? "DATABASE_URL's PostgreSQL" : "embedded PostgreSQL";

const t00 = performance.now();
const say = (line: string) => console.log(`[bench +${((performance.now() - t00) / 1000).toFixed(1)}s] ${line}`);
const ms = (v: number) => (Number.isFinite(v) ? `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms` : "n/a");
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "n/a");
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

// ---------------------------------------------------------------- resources and cleanup

let database: TestDatabase | null = null;
let sim: HarborSim | null = null;
let consoleProc: ChildProcess | null = null;
let consoleTree: number[] = [];
let tmpDir: string | null = null;
let sampler: MemorySampler | null = null;
const closers: (() => Promise<unknown>)[] = []; // in-process handles (pg, Prisma, pg-boss), closed first
let cleaning: Promise<void> | null = null;

async function stopConsole() {
  const p = consoleProc;
  if (!p || p.pid === undefined) return;
  consoleProc = null;
  const pid = p.pid;
  const tree = [...new Set([...consoleTree, ...descendants(pid)])];
  if (p.exitCode === null && p.signalCode === null) {
    const exited = new Promise<void>((r) => p.once("exit", () => r()));
    try {
      process.kill(pid, "SIGTERM"); // the launcher forwards it to Next.js, which stops its collector
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(15_000)]);
  }
  // Anything of ours still alive (by pid: the launcher's process group and the processes we saw under it).
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // group gone
  }
  for (const q of tree) {
    try {
      if (fs.existsSync(`/proc/${q}`)) process.kill(q, "SIGKILL");
    } catch {
      // gone
    }
  }
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    sampler?.stop();
    for (const close of closers.reverse()) await Promise.race([close().catch(() => {}), sleep(10_000)]);
    await stopConsole().catch((e: unknown) => console.error(`[bench] stopping the console: ${String(e)}`));
    if (sim) await sim.stop().catch((e: unknown) => console.error(`[bench] stopping the simulator: ${String(e)}`));
    sim = null;
    if (database) await database.teardown().catch((e: unknown) => console.error(`[bench] dropping the database: ${String(e)}`));
    database = null;
    if (tmpDir && process.env.BENCH_KEEP_LOG) fs.copyFileSync(path.join(tmpDir, "console.log"), process.env.BENCH_KEEP_LOG);
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    tmpDir = null;
  })();
  return cleaning;
}

class Interrupted extends Error {}
/** Throws once cleanup has begun (SIGINT/SIGTERM or the watchdog), so main() starts nothing new. */
function alive() {
  if (cleaning) throw new Interrupted("interrupted");
}

// embedded-postgres hooks SIGINT/SIGTERM to stop its servers and exit at once; we stop in order instead.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(sig);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    if (cleaning) return;
    console.error(`\n[bench] ${sig}: cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- build

function newestSource(): { file: string; mtime: number } {
  let best = { file: "", mtime: 0 };
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) visit(path.join(p, e));
    } else if (/\.(tsx?|mjs|css|json)$/.test(p) && st.mtimeMs > best.mtime) best = { file: path.relative(root, p), mtime: st.mtimeMs };
  };
  for (const p of ["app", "lib", "components", "instrumentation.ts", "proxy.ts", "next.config.mjs", "prisma/schema.prisma"]) visit(path.join(root, p));
  return best;
}

function ensureBuild() {
  const buildId = path.join(root, ".next/BUILD_ID");
  let reason: string | null = null;
  if (process.env.BENCH_REBUILD === "1") reason = "BENCH_REBUILD=1";
  else if (!fs.existsSync(buildId)) reason = "no production build (.next/BUILD_ID missing)";
  else if (process.env.BENCH_NO_BUILD !== "1") {
    const newest = newestSource();
    if (newest.mtime > fs.statSync(buildId).mtimeMs) reason = `the build is older than ${newest.file}`;
  }
  if (!reason) {
    say(`using the production build in .next (${fs.readFileSync(buildId, "utf8").trim()})`);
    return;
  }
  say(`running \`next build\`: ${reason} (set BENCH_NO_BUILD=1 to skip)`);
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`next build failed (${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  say("build done");
}

// ---------------------------------------------------------------- main

interface SweepFigure {
  label: string;
  total: number;
  durationMs: number; // CollectorSweep.finishedAt − startedAt (database clock: from enqueue to the last write)
  wallMs: number; // from the startSweep call until this process saw finishedAt
  firstPollMs: number; // first poll started (snapshot checkedAt) − startedAt: worker pick-up delay
  lastPollMs: number; // last poll started − startedAt
  health: Record<string, number>;
  batches: number; // pg-boss fetches that carried this sweep's jobs
  batchMedianMs: number; // started_on → completed_on of a batch: polls + listInstancesWithCredentials + writePollResults
  workerBusy: number; // Σ batch time / (workers × duration): 1.0 = the workers never waited on a fetch
  cpu: Record<"console" | "bench" | "postgres", number>; // CPU ms used during the sweep
  pollLatency: { p50: number; p95: number }; // stored latencyMs (the health call) of this sweep's polls
  simLoopDelay: { p50: number; p99: number }; // this process's event-loop delay (the simulator answers from it)
}

/**
 * A day-old fleet's history, as the collector would have stored it: one poll per instance per minute for `hours`
 * (1 poll in 40 degraded, with an error; latency 40–90 ms), the hourly rows built from them (the statement the
 * migration backfilled with), then of the snapshots only those the collector keeps. The pages read these; the sweeps
 * write next to them.
 */
async function seedHistory(url: string, hours: number): Promise<{ snapshots: number; hours: number; size: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const components = JSON.stringify(
      ["core", "database", "jobservice", "portal", "redis", "registry", "registryctl", "trivy"].map((name) => ({ name, status: "healthy" })),
    );
    const snaps = await c.query(
      `insert into "InstanceSnapshot" ("instanceId", "checkedAt", health, credential, "harborVersion", "apiGeneration", components, "projectCount", "repoCount",
         "storageBytes", "readOnly", "authMode", "latencyMs", "errorKind", "errorMessage")
       select i.id, date_trunc('second', now() at time zone 'utc') - make_interval(mins => m),
         case when bad then 'degraded' else 'healthy' end::"HealthState", 'valid', i.version, 'v2.0', $2::jsonb, 3, 12, 5368709120, false, 'db_auth',
         40 + (m * 7 + n) % 50, case when bad then 'unhealthy' end, case when bad then 'redis: dial tcp: connection refused' end
       from (select id, row_number() over (order by name) as n, substring(array_to_string(labels, ',') from 'version=([0-9.]+)') as version from "HarborInstance") i
       cross join generate_series(1, $1::int * 60) m
       cross join lateral (select (m + i.n) % 40 = 0 as bad) b`,
      [hours, components],
    );
    const { HOURS_FROM_SNAPSHOTS_SQL } = await import("../../lib/fleet/collector/hours");
    const hourRows = await c.query(HOURS_FROM_SNAPSHOTS_SQL, [null, null]);
    // Then only the snapshots the collector keeps (lib/fleet/collector/store.ts): each hour's first poll, every error,
    // every poll that differs from the one before (here only health and the error move).
    const dropped = await c.query(`delete from "InstanceSnapshot" s using (
        select id, health, "errorKind", date_trunc('hour', "checkedAt") as hour,
          lag(health) over w as "prevHealth", lag(date_trunc('hour', "checkedAt")) over w as "prevHour"
        from "InstanceSnapshot" window w as (partition by "instanceId" order by "checkedAt")
      ) p where s.id = p.id and p."errorKind" is null and p.health = p."prevHealth" and p.hour = p."prevHour"`);
    await c.query(`vacuum full analyze "InstanceSnapshot"`); // one statement: VACUUM refuses to run in a multi-statement query
    await c.query(`analyze "InstanceHealthHour"`);
    const size = (await c.query(`select pg_size_pretty(pg_total_relation_size('"InstanceSnapshot"') + pg_total_relation_size('"InstanceHealthHour"')) as s`))
      .rows[0].s as string;
    return { snapshots: (snaps.rowCount ?? 0) - (dropped.rowCount ?? 0), hours: hourRows.rowCount ?? 0, size: `history tables ${size}` };
  } finally {
    await c.end();
  }
}

async function main() {
  if (process.platform !== "linux") throw new Error("the benchmark reads /proc: Linux only");
  const watchdog = setTimeout(() => {
    console.error(`[bench] still running after ${TIMEOUT_S} s: giving up`);
    void cleanup().finally(() => process.exit(1));
  }, TIMEOUT_S * 1000);
  watchdog.unref();

  say(
    `Harbor Fleet Console fleet benchmark: ${N} instances, +${LATENCY} ms each, concurrency ${CONCURRENCY}, ${os.cpus().length} CPU(s), Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  ensureBuild();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-bench-"));

  // -- the simulated fleet
  const specs: SimInstanceSpec[] = Array.from({ length: N }, (_, i) => ({
    id: `h${String(i).padStart(4, "0")}`,
    version: VERSIONS[i % VERSIONS.length],
    faults: { latencyMs: LATENCY },
  }));
  let t = performance.now();
  alive();
  sim = await startHarborSim({ instances: specs });
  if (cleaning) await sim.stop();
  alive();
  say(`simulator: ${N} instances up in ${ms(performance.now() - t)} (${VERSIONS.join(", ")}; plain HTTP)`);

  // -- the database, with the instances registered as the app registers them
  t = performance.now();
  database = await provisionTestDatabase("bench");
  if (cleaning) await database.teardown();
  alive();
  say(`database ${database.name} ready in ${ms(performance.now() - t)} (${DB_KIND})`);
  const seedFile = path.join(tmpDir, "fleet.json");
  fs.writeFileSync(
    seedFile,
    JSON.stringify({
      instances: specs.map((s, i) => ({
        name: s.id,
        environment: ENVS[i % ENVS.length],
        labels: `bench=fleet, version=${s.version}`,
        baseUrl: sim!.get(s.id).baseUrl,
        username: "admin",
        secret: "Harbor12345",
        caBundle: "",
        skipTlsVerify: false,
        deploymentMode: "helm",
      })),
    }),
  );
  t = performance.now();
  await seedInstances({ databaseUrl: database.url, encryptionKey: TEST_ENV.CONSOLE_ENCRYPTION_KEY, file: seedFile, log: () => {} });
  say(`registered ${N} instances in ${ms(performance.now() - t)}`);
  if (HISTORY_HOURS > 0) {
    t = performance.now();
    const stored = await seedHistory(database.url, HISTORY_HOURS);
    say(`stored ${HISTORY_HOURS} h of history in ${ms(performance.now() - t)}: ${stored.snapshots} snapshots, ${stored.hours} instance-hours (${stored.size})`);
  }

  // Server code in this process (collector handle, sequential polls, listFleet) reads env() on first use.
  Object.assign(process.env, {
    ...TEST_ENV,
    DATABASE_URL: database.url,
    COLLECTOR_CONCURRENCY: String(CONCURRENCY),
    COLLECTOR_TIMEOUT_SECONDS: "10",
    // The production default (connections are kept across it). The every-minute schedule never mixes into the timed
    // rounds: each instance was polled within the last few seconds, so none is due.
    COLLECTOR_INTERVAL_SECONDS: "60",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });

  // -- the console, through its launcher
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const admin = { email: "bench@example.com", password: crypto.randomBytes(12).toString("base64url") };
  const logFile = path.join(tmpDir, "console.log");
  const out = fs.openSync(logFile, "w");
  t = performance.now();
  alive();
  consoleProc = spawn(path.join(root, "node_modules/.bin/tsx"), ["lib/bootstrap/cli.ts", "start"], {
    cwd: root,
    detached: true, // its own process group: cleanup can reach every process of it by the group id
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      CONSOLE_DATA_DIR: path.join(tmpDir, "data"),
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: origin,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: "info",
      ...(process.env.BENCH_CONSOLE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CONSOLE_NODE_OPTIONS } : {}),
    },
  });
  fs.closeSync(out);
  const launcherPid = consoleProc.pid!;
  const consoleLog = () => fs.readFileSync(logFile, "utf8").slice(-3000);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!consoleProc || consoleProc.exitCode !== null) throw new Error(`the console exited during start:\n${consoleLog()}`);
    if (Date.now() > deadline) throw new Error(`the console did not answer /api/health within 120 s:\n${consoleLog()}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const serverPid = listeningPid(launcherPid, port);
  if (!serverPid) throw new Error(`no process under the launcher (pid ${launcherPid}) listens on port ${port}`);
  consoleTree = descendants(launcherPid);
  say(
    `console up in ${ms(performance.now() - t)}: Next.js server pid ${serverPid} (${cmdline(serverPid).slice(0, 90)}), launcher tree ${consoleTree.length} processes`,
  );
  const rssAtStart = memoryOf(serverPid)!;
  sampler = new MemorySampler(serverPid, launcherPid, 100);
  sampler.start();

  // -- in-process handles (server-only modules: imported after env is set)
  const { db } = await import("../../lib/db");
  closers.push(() => db.$disconnect());
  const { startCollector } = await import("../../lib/fleet/collector/collector");
  const { listInstancesWithCredentials } = await import("../../lib/fleet/instance-credentials");
  const { pollInstance } = await import("../../lib/fleet/collector/poll");
  const { writePollResults } = await import("../../lib/fleet/collector/store");
  const { listFleet, fleetPageSql } = await import("../../lib/fleet/fleet-rows");
  const { getFleetSummary, fleetSummarySql } = await import("../../lib/fleet/fleet-summary");
  const { getHealthHistory, healthHistorySql } = await import("../../lib/fleet/health-history");
  const { ZFleetParams } = await import("../../lib/schemas/fleet");
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  closers.push(() => sql.end());
  const enqueuer = await startCollector({
    databaseUrl: database.url,
    concurrency: CONCURRENCY,
    intervalSeconds: 86400,
    timeoutMs: 10_000,
    retentionDays: 14,
    schedule: false,
    work: false,
  });
  closers.push(() => enqueuer.stop());

  // ---------------------------------------------------------------- 1. sweeps in the console
  const workers = Math.max(1, Math.ceil(CONCURRENCY / Math.min(16, CONCURRENCY))); // as lib/fleet/collector/collector.ts
  const cpuNow = () => {
    const consolePids = new Set(descendants(launcherPid));
    let c = 0;
    let p = 0;
    for (const pid of descendants(process.pid)) {
      if (consolePids.has(pid)) c += cpuMs(pid);
      else if (pid !== process.pid) p += cpuMs(pid); // the embedded PostgreSQL (not visible with DATABASE_URL)
    }
    return { console: c, bench: cpuMs(process.pid), postgres: p };
  };
  // The simulator answers from this process: its event-loop delay adds to every poll's latency.
  const simLoop = monitorEventLoopDelay({ resolution: 5 });
  simLoop.enable();
  const runSweep = async (label: string): Promise<SweepFigure> => {
    sampler!.mark("sweeps");
    simLoop.reset();
    const cpu0 = cpuNow();
    const t0 = performance.now();
    const { sweepId, total } = await enqueuer.startSweep({ trigger: "manual", all: true });
    if (total !== N) say(`WARNING: ${label}: ${total} of ${N} instances enqueued (the rest still had a queued poll)`);
    const until = Date.now() + 120_000;
    let row: { total: number; done: number; startedAt: Date; finishedAt: Date | null };
    for (;;) {
      row = (await sql.query(`select total, done, "startedAt", "finishedAt" from "CollectorSweep" where id = $1`, [sweepId])).rows[0];
      if (row.finishedAt) break;
      if (Date.now() > until) throw new Error(`${label}: stuck at ${row.done}/${row.total} after 120 s:\n${consoleLog()}`);
      await sleep(20);
    }
    const wallMs = performance.now() - t0;
    const cpu1 = cpuNow();
    sampler!.mark("idle");
    const snap = (await sql.query(`select min("checkedAt") as first, max("checkedAt") as last from "InstanceSnapshot" where "sweepId" = $1`, [sweepId]))
      .rows[0] as { first: Date | null; last: Date | null };
    const health = Object.fromEntries(
      (await sql.query(`select health::text as h, count(*)::int as n from "InstanceSnapshot" where "sweepId" = $1 group by 1 order by 1`, [sweepId])).rows.map(
        (r: { h: string; n: number }) => [r.h, r.n],
      ),
    );
    const jobs = (
      await sql.query(
        `select count(*)::int as batches, coalesce(percentile_cont(0.5) within group (order by ms), 'NaN')::float8 as median, coalesce(sum(ms), 0)::float8 as busy
         from (select extract(epoch from max(completed_on) - started_on) * 1000 as ms from pgboss.job
               where name = 'fleet-polls' and data->>'sweepId' = $1 and started_on is not null group by started_on) b`,
        [sweepId],
      )
    ).rows[0] as { batches: number; median: number; busy: number };
    const lat = (
      await sql.query(
        `select percentile_cont(0.5) within group (order by "latencyMs")::float8 as p50, percentile_cont(0.95) within group (order by "latencyMs")::float8 as p95 from "InstanceSnapshot" where "sweepId" = $1`,
        [sweepId],
      )
    ).rows[0] as { p50: number; p95: number };
    const simLoopDelay = { p50: simLoop.percentile(50) / 1e6, p99: simLoop.percentile(99) / 1e6 };
    const start = row.startedAt.getTime();
    const durationMs = row.finishedAt.getTime() - start;
    return {
      label,
      total,
      durationMs,
      wallMs,
      firstPollMs: snap.first ? snap.first.getTime() - start : NaN,
      lastPollMs: snap.last ? snap.last.getTime() - start : NaN,
      health,
      batches: jobs.batches,
      batchMedianMs: jobs.median,
      workerBusy: jobs.busy / (workers * durationMs),
      cpu: { console: cpu1.console - cpu0.console, bench: cpu1.bench - cpu0.bench, postgres: cpu1.postgres - cpu0.postgres },
      pollLatency: lat,
      simLoopDelay,
    };
  };
  const describeSweep = (s: SweepFigure) =>
    `${s.label}: ${s.total} polled in ${ms(s.durationMs)} (enqueue→finishedAt; seen after ${ms(s.wallMs)}), first poll +${ms(s.firstPollMs)}, last poll +${ms(s.lastPollMs)}; ${Object.entries(
      s.health,
    )
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}\n` +
    `      ${s.batches} batches, median batch ${ms(s.batchMedianMs)}, ${workers} workers busy ${(s.workerBusy * 100).toFixed(0)}%; ` +
    `poll latency p50 ${ms(s.pollLatency.p50)} / p95 ${ms(s.pollLatency.p95)} (simulator +${LATENCY} ms; its event-loop delay p50 ${ms(s.simLoopDelay.p50)}, p99 ${ms(s.simLoopDelay.p99)}); ` +
    `CPU ${((s.cpu.console + s.cpu.bench + s.cpu.postgres) / s.wallMs).toFixed(2)} cores (console ${(s.cpu.console / s.wallMs).toFixed(2)}, simulator+bench ${(s.cpu.bench / s.wallMs).toFixed(2)}, postgres ${(s.cpu.postgres / s.wallMs).toFixed(2)})`;

  // A console polls every minute for as long as it runs: measure it warm (JIT-compiled, pools open), as it
  // spends its life, after a few untimed rounds.
  let warm = await runSweep("warm-up sweep 1");
  say(describeSweep(warm));
  for (let i = 2; i <= WARMUP_SWEEPS; i++) {
    await sleep(1500);
    warm = await runSweep(`warm-up sweep ${i}`);
    say(describeSweep(warm));
  }
  const sweeps: SweepFigure[] = [];
  for (let i = 1; i <= SWEEPS; i++) {
    await sleep(1500); // enqueue into an idle console each time, as the schedule does
    const s = await runSweep(`sweep ${i}/${SWEEPS}`);
    sweeps.push(s);
    say(describeSweep(s));
  }
  const sweepDurations = sweeps.map((s) => s.durationMs);
  const sweepBest = Math.min(...sweepDurations);
  const sweepMedian = median(sweepDurations);
  const bound = Math.ceil(N / CONCURRENCY) * LATENCY;
  const sweepMemory = { rss: sampler.peakRss.get("sweeps") ?? 0, tree: sampler.peakTreeRss.get("sweeps") ?? 0 };
  const hwmAfterSweeps = memoryOf(serverPid)?.hwmKiB ?? NaN;
  const loadAfterSweeps = os.loadavg()[0];

  // ---------------------------------------------------------------- 2. page and API response times
  const session = new Session(origin);
  await session.signIn(admin.email, admin.password);
  say("signed in over HTTP (next-auth credentials)");
  const pageCheck = (status: number, body: string) => (status !== 200 ? `status ${status}` : body.includes("Fleet") ? null : "no fleet page in the answer");
  const apiCheck = (status: number, body: string) => {
    if (status !== 200) return `status ${status}`;
    const j = JSON.parse(body) as { total?: number; rows?: unknown[] };
    return j.total === N && j.rows?.length === Math.min(50, N) ? null : `unexpected answer: total ${j.total}, ${j.rows?.length} rows`;
  };
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
  sampler.mark("http");
  const healthTimes = await timeMany(() => session.timedGet("/api/health"));
  // A signed-in page without data (layout, session check, an empty state): the floor of any console page.
  const floorPageTimes = await timeMany(() =>
    session.timedGet("/upgrades", (status, body) => (status === 200 && body.includes("Upgrades") ? null : `status ${status}`)),
  );
  const pageTimes = await timeMany(() => session.timedGet("/", pageCheck));
  const pageBytes = session.lastBytes;
  const [{ id: firstId }] = (await sql.query(`select id from "HarborInstance" order by name limit 1`)).rows as { id: string }[];
  const instanceTimes = await timeMany(() =>
    session.timedGet(`/instances/${firstId}`, (status, body) => (status === 200 && body.includes("instance-history") ? null : `status ${status}`)),
  );
  const serverTiming: Record<string, number[]> = {};
  const apiTimes = await timeMany(() =>
    session.timedGet("/api/fleet", (status, body, res) => {
      for (const m of (res.headers.get("server-timing") ?? "").matchAll(/(\w+);dur=([\d.]+)/g)) (serverTiming[m[1]] ??= []).push(Number(m[2]));
      return apiCheck(status, body);
    }),
  );
  const apiBytes = session.lastBytes;
  sampler.mark("idle");
  const PAGE_SQL = `select i.id, i.name, i.environment, i.labels, i."baseUrl", s.*
    from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id
    order by i.name asc limit 50 offset 0`;
  const sqlTimes = await timeMany(() =>
    timeIt(async () => {
      const rows = await sql.query(PAGE_SQL);
      const count = await sql.query(`select count(*)::int as n from "HarborInstance"`);
      if (rows.rowCount !== Math.min(50, N) || count.rows[0].n !== N) throw new Error("raw SQL: unexpected rows");
    }),
  );
  const params = ZFleetParams.parse({});
  // The endpoint's own two statements (page with its window count; the summary), run as they are on the bench's
  // connection one after the other: the database's share of /api/fleet, with no framework, driver pool or JSON.
  const sameSqlTimes = await timeMany(() =>
    timeIt(async () => {
      const now = new Date();
      const page = fleetPageSql(params, now);
      const summary = fleetSummarySql(now);
      const iso = (v: unknown[]) => v.map((x) => (x instanceof Date ? x.toISOString() : x));
      const rows = await sql.query(page.text, iso(page.values));
      await sql.query(summary.text, iso(summary.values));
      if (rows.rowCount !== Math.min(50, N)) throw new Error("raw SQL: unexpected rows");
    }),
  );
  // The SQL for every row the fleet page shows (its page, the summary, 24 hours of the health chart read whole), one
  // after another on one connection. The page itself reads the chart's closed hours from a short-lived cache and only
  // the current hour each time; this is the raw SQL for the same rows, not the page's own share of the database.
  const pageSqlTimes = await timeMany(() =>
    timeIt(async () => {
      const now = new Date();
      const iso = (v: unknown[]) => v.map((x) => (x instanceof Date ? x.toISOString() : x));
      for (const q of [fleetPageSql(params, now), fleetSummarySql(now), healthHistorySql(24, now)]) await sql.query(q.text, iso(q.values));
    }),
  );
  const listFleetTimes = await timeMany(() => timeIt(() => listFleet(params)));
  const summaryTimes = await timeMany(() => timeIt(() => getFleetSummary()));
  const historyTimes = await timeMany(() => timeIt(() => getHealthHistory({ hours: 24 })));
  // What the page asks once loaded: changes since a visit that ended 2 hours ago (the history holds the polls before it).
  const { getFleetChanges } = await import("../../lib/fleet/changes");
  const changesTimes = await timeMany(() => timeIt(() => getFleetChanges(new Date(Date.now() - 2 * 3_600_000))));
  say(`GET /          median ${ms(median(pageTimes))}, p95 ${ms(percentile(pageTimes, 95))} (${REQUESTS} requests after ${WARMUP_REQUESTS} warm-up)`);
  say(`GET /api/fleet median ${ms(median(apiTimes))}, p95 ${ms(percentile(apiTimes, 95))}`);
  say(`GET /instances/:id median ${ms(median(instanceTimes))}, p95 ${ms(percentile(instanceTimes, 95))} (hourly history over the retention window)`);
  say(
    `raw SQL for the rows the fleet page shows (page + summary + 24 h history, uncached) median ${ms(median(pageSqlTimes))}, p95 ${ms(percentile(pageSqlTimes, 95))}`,
  );
  say(
    `/api/fleet Server-Timing medians: ${Object.entries(serverTiming)
      .map(([k, v]) => `${k} ${ms(median(v))}`)
      .join(
        ", ",
      )} (both from the handler's start: db until the data was read, handler until the user was known too; the rest of the response time is Next.js, the proxy and JSON)`,
  );
  say(`response sizes: GET / ${(pageBytes / 1024).toFixed(0)} KiB, GET /api/fleet ${(apiBytes / 1024).toFixed(0)} KiB`);
  say(`raw SQL (page of 50 + count) median ${ms(median(sqlTimes))}, p95 ${ms(percentile(sqlTimes, 95))}`);
  say(`raw SQL (the endpoint's own page + summary statements) median ${ms(median(sameSqlTimes))}, p95 ${ms(percentile(sameSqlTimes, 95))}`);
  say(`GET /api/health median ${ms(median(healthTimes))} (Next.js + one "select 1": the floor of any route)`);
  say(`GET /upgrades median ${ms(median(floorPageTimes))} (a signed-in page with no data: the floor of any console page)`);
  say(
    `in-process listFleet() median ${ms(median(listFleetTimes))}; getFleetSummary() median ${ms(median(summaryTimes))}; getHealthHistory(24 h) median ${ms(median(historyTimes))} (for the breakdown)`,
  );

  // ---------------------------------------------------------------- sequential baseline (this process)
  const ids = ((await sql.query(`select id from "HarborInstance" order by name limit $1`, [SEQ_SAMPLE])).rows as { id: string }[]).map((r) => r.id);
  const targets = await listInstancesWithCredentials(ids);
  const seqHealth: Record<string, number> = {};
  t = performance.now();
  for (const target of targets) {
    const r = await pollInstance(target, { timeoutMs: 10_000, connectTimeoutMs: 5_000 });
    seqHealth[r.health] = (seqHealth[r.health] ?? 0) + 1;
  }
  const seqMs = performance.now() - t;
  const seqFull = (seqMs / targets.length) * N;
  const extrapolated = targets.length < N;
  say(
    `sequential poll (concurrency 1, in this process, no database writes): ${targets.length} instances in ${ms(seqMs)} = ${ms(seqMs / targets.length)}/poll` +
      `${extrapolated ? ` → ${N} extrapolated: ${(seqFull / 1000).toFixed(1)} s` : ""}; ${Object.entries(seqHealth)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}`,
  );

  // ---------------------------------------------------------------- one collector batch, by parts (this process, console idle)
  const batchSize = Math.min(16, CONCURRENCY);
  const parts = { credentials: [] as number[], polls: [] as number[], writes: [] as number[] };
  for (let i = 0; i < 5; i++) {
    const batchIds = ids.slice((i * batchSize) % Math.max(1, ids.length - batchSize), ((i * batchSize) % Math.max(1, ids.length - batchSize)) + batchSize);
    const jobs = batchIds.map((instanceId) => ({ instanceId, sweepId: crypto.randomUUID() }));
    let t1 = performance.now();
    const batchTargets = await listInstancesWithCredentials(batchIds);
    parts.credentials.push(performance.now() - t1);
    t1 = performance.now();
    const results = await Promise.all(batchTargets.map((target) => pollInstance(target, { timeoutMs: 10_000, connectTimeoutMs: 5_000 })));
    parts.polls.push(performance.now() - t1);
    t1 = performance.now();
    await writePollResults({ results, jobs, intervalSeconds: 86400 });
    parts.writes.push(performance.now() - t1);
  }
  say(
    `one batch of ${batchSize} (as pollBatch does it, in this process, console idle; median of 5): listInstancesWithCredentials ${ms(median(parts.credentials))}, ` +
      `polls ${ms(median(parts.polls))}, writePollResults ${ms(median(parts.writes))}`,
  );

  // ---------------------------------------------------------------- report
  sampler.stop();
  const hwmEnd = memoryOf(serverPid)?.hwmKiB ?? NaN;
  // The issue's target is 350 MB (decimal): 350,000,000 bytes = 341,797 KiB = 333.8 MiB.
  const rssTarget = (350 * 1000 * 1000) / 1024;
  const rows: [string, string, string, string][] = [
    ["Full sweep, best of " + SWEEPS, ms(sweepBest), `${ratio(sweepBest, bound)} bound (${bound} ms)`, sweepBest <= 1.25 * bound ? "≤1.25× ✓" : "≤1.25× ✗"],
    ["Full sweep, median of " + SWEEPS, ms(sweepMedian), `${ratio(sweepMedian, bound)} bound`, sweepMedian <= 1.25 * bound ? "≤1.25× ✓" : "≤1.25× ✗"],
    [
      `Sequential poll (c=1)${extrapolated ? `, ${targets.length}→${N} extrap.` : ""}`,
      `${(seqFull / 1000).toFixed(1)} s`,
      `sweep ${ratio(seqFull, sweepMedian).replace("×", "× faster")}`,
      "",
    ],
    // What one poll really takes on this machine, idle (the simulator's 50 ms plus the HTTP stacks of both sides), in
    // place of the nominal 50 ms: the bound the round could reach if concurrency cost nothing.
    [
      "  Full sweep median vs ⌈N/c⌉ × 1 poll at c=1",
      ms(sweepMedian),
      `${ratio(sweepMedian, Math.ceil(N / CONCURRENCY) * (seqMs / targets.length))} (${ms(Math.ceil(N / CONCURRENCY) * (seqMs / targets.length))}: ${ms(seqMs / targets.length)}/poll)`,
      "machine",
    ],
    [
      "GET / (fleet page) median",
      ms(median(pageTimes)),
      `${ratio(median(pageTimes), median(sqlTimes))} SQL`,
      median(pageTimes) <= 3 * median(sqlTimes) ? "≤3× ✓" : "≤3× ✗",
    ],
    [
      "GET / vs SQL of its rows (3 stmts)",
      ms(median(pageTimes)),
      `${ratio(median(pageTimes), median(pageSqlTimes))} SQL (${ms(median(pageSqlTimes))})`,
      median(pageTimes) <= 3 * median(pageSqlTimes) ? "≤3× ✓" : "≤3× ✗",
    ],
    ["GET / p95", ms(percentile(pageTimes, 95)), `${ratio(percentile(pageTimes, 95), percentile(sqlTimes, 95))} SQL p95`, ""],
    [
      "GET /api/fleet median",
      ms(median(apiTimes)),
      `${ratio(median(apiTimes), median(sqlTimes))} SQL`,
      median(apiTimes) <= 3 * median(sqlTimes) ? "≤3× ✓" : "≤3× ✗",
    ],
    ["GET /api/fleet p95", ms(percentile(apiTimes, 95)), `${ratio(percentile(apiTimes, 95), percentile(sqlTimes, 95))} SQL p95`, ""],
    ["Raw SQL page+count median / p95", `${ms(median(sqlTimes))} / ${ms(percentile(sqlTimes, 95))}`, "pg, one connection", ""],
    ["Raw SQL, the endpoint's own 2 statements", `${ms(median(sameSqlTimes))} / ${ms(percentile(sameSqlTimes, 95))}`, "pg, one connection", ""],
    [
      "GET /api/fleet vs its own statements",
      ms(median(apiTimes)),
      `${ratio(median(apiTimes), median(sameSqlTimes))} SQL`,
      median(apiTimes) <= 3 * median(sameSqlTimes) ? "≤3× ✓" : "≤3× ✗",
    ],
    ["  breakdown: GET /api/health median", ms(median(healthTimes)), `${ratio(median(healthTimes), median(sqlTimes))} SQL`, "floor"],
    ["  breakdown: GET /upgrades (no data) median", ms(median(floorPageTimes)), `${ratio(median(floorPageTimes), median(sqlTimes))} SQL`, "page floor"],
    ["  breakdown: listFleet() in-process", ms(median(listFleetTimes)), `${ratio(median(listFleetTimes), median(sqlTimes))} SQL`, "raw pool"],
    ["  breakdown: getFleetSummary() in-process", ms(median(summaryTimes)), "", "raw pool"],
    ["  breakdown: getHealthHistory() in-process", ms(median(historyTimes)), `page only; ${HISTORY_HOURS} h stored`, "raw pool"],
    ["GET /instances/:id median", ms(median(instanceTimes)), "hourly history", ""],
    ["since your last visit (2 h), in-process", ms(median(changesTimes)), "asked once the page has loaded", ""],
    [
      "Console RSS peak during sweeps",
      `${mib(sweepMemory.rss)} = ${((sweepMemory.rss * 1024) / 1e6).toFixed(0)} MB`,
      `VmHWM ${mib(hwmAfterSweeps)} (start ${mib(rssAtStart.rssKiB)})`,
      sweepMemory.rss <= rssTarget ? "≤350 MB ✓" : "≤350 MB ✗",
    ],
    ["Console process tree RSS peak", mib(sweepMemory.tree), `launcher+tsx+next, ${consoleTree.length} procs`, ""],
  ];
  const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ["Measure", "Value", "Ratio", "Target"][c].length));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(" | ")} |`;
  console.log("");
  console.log(`Fleet benchmark — ${N} simulated Harbors (+${LATENCY} ms), COLLECTOR_CONCURRENCY=${CONCURRENCY}, ${os.cpus().length} CPUs, ${DB_KIND}`);
  console.log(line(["Measure", "Value", "Ratio", "Target"]));
  console.log(line(w.map((n) => "-".repeat(n))));
  for (const r of rows) console.log(line(r));
  console.log(
    `Sweeps (ms, enqueue→CollectorSweep.finishedAt): warm-up ${warm.durationMs}, timed ${sweepDurations.join(", ")}; worker pick-up after ${sweeps.map((s) => Math.round(s.firstPollMs)).join(", ")} ms`,
  );
  console.log(
    `Collector batches (timed sweeps): median ${sweeps.map((s) => ms(s.batchMedianMs)).join(", ")} in the console, ${workers} workers busy ${sweeps.map((s) => `${(s.workerBusy * 100).toFixed(0)}%`).join(", ")}; ` +
      `a batch of ${batchSize} by parts: credentials ${ms(median(parts.credentials))} + polls ${ms(median(parts.polls))} + writePollResults ${ms(median(parts.writes))}`,
  );
  const cpuAll = sweeps.reduce((a, s) => ({ c: a.c + s.cpu.console, b: a.b + s.cpu.bench, p: a.p + s.cpu.postgres, w: a.w + s.wallMs }), {
    c: 0,
    b: 0,
    p: 0,
    w: 0,
  });
  console.log(
    `CPU during timed sweeps (cores of ${os.cpus().length}): console ${(cpuAll.c / cpuAll.w).toFixed(2)}, simulator+bench ${(cpuAll.b / cpuAll.w).toFixed(2)}, postgres ${(cpuAll.p / cpuAll.w).toFixed(2)}; ` +
      `console ${(cpuAll.c / (SWEEPS * N)).toFixed(2)} ms CPU per poll`,
  );
  console.log(
    `Load average (1 min) after the sweeps: ${loadAfterSweeps.toFixed(2)} on ${os.cpus().length} CPUs${loadAfterSweeps > os.cpus().length ? " — other work was competing for the CPUs: figures are pessimistic" : ""}`,
  );
  console.log(
    `Memory samples: ${sampler.samples} (every 100 ms); server VmHWM at the end ${mib(hwmEnd)}; peak during HTTP ${mib(sampler.peakRss.get("http") ?? 0)}`,
  );
  if (extrapolated)
    console.log(`Note: the sequential baseline polled ${targets.length} of ${N} instances and is extrapolated linearly (BENCH_SEQ_SAMPLE=0 polls all).`);
  console.log("");
  console.log("README line:");
  console.log("```");
  console.log(
    `Fleet bench (${N} simulated Harbors, +${LATENCY} ms each, ${os.cpus().length} cores): full sweep at concurrency ${CONCURRENCY} ` +
      `best ${ms(sweepBest)} / median ${ms(sweepMedian)} = ${ratio(sweepMedian, bound)} the ⌈${N}/${CONCURRENCY}⌉×${LATENCY} ms bound (${bound} ms; target ≤1.25×), ` +
      `${(seqFull / 1000).toFixed(1)} s sequentially${extrapolated ? " (extrapolated)" : ""}; ` +
      `fleet page median ${ms(median(pageTimes))} (p95 ${ms(percentile(pageTimes, 95))}), /api/fleet median ${ms(median(apiTimes))} (p95 ${ms(percentile(apiTimes, 95))}) ` +
      `vs raw SQL ${ms(median(sqlTimes))} = ${ratio(median(pageTimes), median(sqlTimes))} / ${ratio(median(apiTimes), median(sqlTimes))} (target ≤3×); ` +
      `console peak RSS ${mib(sweepMemory.rss)} during sweeps (target ≤350 MB).`,
  );
  console.log("```");

  if (process.env.BENCH_HOLD) {
    clearTimeout(watchdog);
    say(`holding (BENCH_HOLD): console ${origin}, Next.js server pid ${serverPid}, sign in as ${admin.email} / ${admin.password}; Ctrl-C cleans up`);
    await new Promise(() => {}); // until a signal: the exit hook cleans up
  }
}

main()
  .then(async () => {
    await cleanup();
    say("cleaned up");
    process.exit(0);
  })
  .catch(async (e: unknown) => {
    if (cleaning) {
      await cleaning; // interrupted: the signal handler reports and exits
      return;
    }
    console.error(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await cleanup();
    process.exit(1);
  });
