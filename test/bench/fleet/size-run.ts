/**
 * One fleet size's run, in its own process (started by main.ts with BENCH_SIZE and BENCH_RESULT_FILE): simulated
 * Harbors in child processes (+latency on every answer), a fresh database with them registered and a day of history,
 * and the built console through its own launcher. Measures full rounds in the console, pages and API, one idle poll;
 * prints its table and writes its figures (figures.ts) for main.ts's targets.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { SimInstanceSpec } from "../../harbor-sim/types";
import { provisionTestDatabase, TEST_ENV } from "../../support/test-db";
import { median } from "../http";
import { memoryOf, MemorySampler } from "../proc";
import { startSimFleet } from "../sim-fleet";
import { measureBaseline, partsLine } from "./baseline";
import * as cfg from "./config";
import { startConsole } from "./console";
import type { SizeFigures } from "./figures";
import { measureHttp } from "./http-times";
import { alive, cleanup, hookSignals, isCleaning, res } from "./resources";
import { registerInstances, seedHistory } from "./seed";
import { cpuLine, printTable, sizeRows } from "./size-table";
import { runSweeps } from "./sweeps";

const { say, ms, mib } = cfg;
const N = cfg.int("BENCH_SIZE", 1000);
const C = cfg.CONCURRENCY;

async function run(): Promise<SizeFigures> {
  say(
    `fleet benchmark, ${N} instances: +${cfg.LATENCY} ms each, concurrency ${C}, ${cfg.CPUS} CPU(s), Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-bench-"));
  res.tmpDir = dir;
  const specs: SimInstanceSpec[] = Array.from({ length: N }, (_, i) => ({
    id: `h${String(i).padStart(5, "0")}`,
    version: cfg.VERSIONS[i % cfg.VERSIONS.length],
    faults: { latencyMs: cfg.LATENCY },
  }));
  let t = performance.now();
  alive();
  const sim = await startSimFleet(specs, dir, cfg.SIM_PER_PROCESS);
  res.sim = sim;
  alive();
  say(`simulators: ${N} instances up in ${ms(performance.now() - t)} in ${sim.pids.length} process(es) of ≤${cfg.SIM_PER_PROCESS} (plain HTTP)`);
  t = performance.now();
  const database = await provisionTestDatabase("bench");
  res.database = database;
  alive();
  say(`database ${database.name} ready in ${ms(performance.now() - t)} (${cfg.DB_KIND})`);
  t = performance.now();
  await registerInstances({ url: database.url, specs, sim, dir });
  say(`registered ${N} instances in ${ms(performance.now() - t)}`);
  let history = "no history";
  if (cfg.HISTORY_HOURS > 0) {
    t = performance.now();
    const stored = await seedHistory(database.url, cfg.HISTORY_HOURS);
    history = `${cfg.HISTORY_HOURS} h: ${stored.snapshots} snapshots, ${stored.hours} instance-hours (${stored.size})`;
    say(`stored ${history} in ${ms(performance.now() - t)}`);
  }
  // Server code in this process (collector handle, the idle polls, listFleet) reads env() on first use.
  Object.assign(process.env, {
    ...TEST_ENV,
    DATABASE_URL: database.url,
    COLLECTOR_CONCURRENCY: String(C),
    COLLECTOR_TIMEOUT_SECONDS: "10",
    // The production default (connections are kept across it when the fd limit allows; BENCH_INTERVAL_SECONDS=120
    // keeps none, as at 10,000 instances under a 20,000 fd limit). The schedule never mixes into the timed rounds:
    // each instance was polled within the last few seconds, so none is due.
    COLLECTOR_INTERVAL_SECONDS: String(cfg.int("BENCH_INTERVAL_SECONDS", 60)),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  const con = await startConsole(database.url, dir);
  const rssAtStart = memoryOf(con.serverPid)!;
  const sampler = new MemorySampler(con.serverPid, con.launcherPid, 100);
  res.sampler = sampler;
  sampler.start();

  const { db } = await import("../../../lib/db");
  res.closers.push(() => db.$disconnect());
  const { startCollector } = await import("../../../lib/fleet/collector/collector");
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  res.closers.push(() => sql.end());
  const enqueuer = await startCollector({
    databaseUrl: database.url,
    concurrency: C,
    intervalSeconds: 86400,
    timeoutMs: 10_000,
    retentionDays: 14,
    schedule: false,
    work: false,
  });
  res.closers.push(() => enqueuer.stop());

  const workers = Math.max(1, Math.ceil(C / Math.min(16, C))); // as lib/fleet/collector/collector.ts
  const ctx = { n: N, workers, launcherPid: con.launcherPid, simPids: sim.pids, sql, sampler, startSweep: enqueuer.startSweep, log: con.log };
  const { warm, sweeps } = await runSweeps(ctx, cfg.WARMUP_SWEEPS, cfg.SWEEPS);
  const rssPeak = Math.max(sampler.peakRss.get("sweeps") ?? 0);
  const treePeak = sampler.peakTreeRss.get("sweeps") ?? 0;
  const hwm = memoryOf(con.serverPid)?.hwmKiB ?? NaN;
  const loadAverage = os.loadavg()[0];

  sampler.mark("http");
  const http = await measureHttp({ origin: con.origin, admin: con.admin, n: N, sql });
  sampler.mark("idle");
  const base = await measureBaseline(sql, cfg.seqSample(N));
  sampler.stop();

  const m = median;
  say(
    `GET /          median ${ms(m(http.page))} (${(http.pageBytes / 1024).toFixed(0)} KiB); GET /instances/new (no data) ${ms(m(http.floorPage))}, GET /upgrades ${ms(m(http.upgradesPage))}`,
  );
  say(`GET /api/fleet median ${ms(m(http.api))} (${(http.apiBytes / 1024).toFixed(0)} KiB); GET /api/health ${ms(m(http.health))}`);
  say(
    `/api/fleet Server-Timing medians: ${Object.entries(http.serverTiming)
      .map(([k, v]) => `${k} ${ms(m(v))}`)
      .join(", ")} (db until the data was read, handler until the user was known too)`,
  );
  say(`idle poll (c=1, this process, no writes): ${base.sampled} polls in ${ms(base.seqMs)} = ${ms(base.perPollMs)}/poll`);

  const rows = sizeRows({
    n: N,
    concurrency: C,
    sweeps,
    http,
    base,
    historyHours: cfg.HISTORY_HOURS,
    rss: { peak: rssPeak, tree: treePeak, hwm, start: rssAtStart.rssKiB, procs: res.consoleTree.length },
  });
  printTable(`Fleet benchmark — ${N} simulated Harbors (+${cfg.LATENCY} ms), COLLECTOR_CONCURRENCY=${C}, ${cfg.CPUS} CPUs, ${cfg.DB_KIND}`, rows);
  const d = sweeps.map((s) => s.durationMs);
  console.log(`Sweeps (ms, enqueue→CollectorSweep.finishedAt): warm-up ${warm.map((s) => s.durationMs).join(", ")}, timed ${d.join(", ")}`);
  console.log(
    `Collector batches (timed sweeps): median ${sweeps.map((s) => ms(s.batchMedianMs)).join(", ")}, ${workers} workers busy ${sweeps.map((s) => `${(s.workerBusy * 100).toFixed(0)}%`).join(", ")}; ` +
      `a batch of ${base.batchSize} by parts: ${partsLine(base)}`,
  );
  const cpu = cpuLine(sweeps, N);
  console.log(cpu.line);
  console.log(
    `Load average (1 min) after the sweeps: ${loadAverage.toFixed(2)} on ${cfg.CPUS} CPUs${loadAverage > cfg.CPUS ? " — other work was competing: figures are pessimistic" : ""}`,
  );
  console.log(
    `Memory samples: ${sampler.samples} (every 100 ms); server VmHWM ${mib(hwm)}; peak during HTTP ${mib(sampler.peakRss.get("http") ?? 0)}; history ${history}`,
  );

  if (process.env.BENCH_HOLD) {
    clearTimeout(watchdog);
    say(
      `holding (BENCH_HOLD): console ${con.origin}, Next.js server pid ${con.serverPid}, sign in as ${con.admin.email} / ${con.admin.password}; Ctrl-C cleans up`,
    );
    await new Promise(() => {});
  }
  return {
    n: N,
    concurrency: C,
    latencyMs: cfg.LATENCY,
    sweepDurations: d,
    warmDurations: warm.map((s) => s.durationMs),
    sweepMedianMs: m(d),
    sweepBestMs: Math.min(...d),
    nominalBoundMs: Math.ceil(N / C) * cfg.LATENCY,
    idlePollMs: base.perPollMs,
    idlePollSample: base.sampled,
    cpuPerPollMs: cpu.perPoll,
    cores: cpu.cores as SizeFigures["cores"],
    pageMs: m(http.page),
    apiMs: m(http.api),
    floorPageMs: m(http.floorPage),
    healthMs: m(http.health),
    instanceMs: m(http.instance),
    rssPeakKiB: rssPeak,
    hwmKiB: hwm,
    history,
    loadAverage,
  };
}

hookSignals();
const watchdog = setTimeout(
  () => {
    console.error(`[bench] ${N} instances: still running after ${cfg.timeoutSeconds(N)} s: giving up`);
    void cleanup().finally(() => process.exit(1));
  },
  cfg.timeoutSeconds(N) * 1000,
);
watchdog.unref();
if (process.platform !== "linux") throw new Error("the benchmark reads /proc: Linux only");
run()
  .then(async (figures) => {
    if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
    await cleanup();
    say("cleaned up");
    process.exit(0);
  })
  .catch(async (e: unknown) => {
    if (isCleaning()) {
      await isCleaning(); // interrupted: the signal handler reports and exits
      return;
    }
    console.error(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await cleanup();
    process.exit(1);
  });
