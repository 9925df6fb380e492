/**
 * Collector CPU profile: `npm run bench:collector` (a tool, not a test).
 *
 * Runs the collector in THIS process (no Next.js) against N simulated Harbors (+latency each), times full rounds
 * and, with the V8 inspector, profiles them: prints the functions with the most self time, grouped by package, and
 * writes the .cpuprofile (open it in Chrome DevTools). Env: BENCH_INSTANCES (1000), BENCH_LATENCY_MS (50),
 * BENCH_CONCURRENCY (64), BENCH_SWEEPS (3), DATABASE_URL (else an embedded PostgreSQL), BENCH_SIM=child (the simulator in
 * child processes of 2,500 instances, test/bench/sim-fleet.ts, so the CPU figure and the profile are the collector's alone).
 */
import fs from "node:fs";
import inspector from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { seedInstances } from "../../lib/bootstrap/seed-instances";
import { startHarborSim, type SimInstanceSpec } from "../harbor-sim";
import { provisionTestDatabase, TEST_ENV } from "../support/test-db";
import { startSimFleet } from "./sim-fleet";

const int = (name: string, def: number) => (/^\d+$/.test(process.env[name] ?? "") ? Number(process.env[name]) : def);
const N = int("BENCH_INSTANCES", 1000);
const LATENCY = int("BENCH_LATENCY_MS", 50);
const CONCURRENCY = int("BENCH_CONCURRENCY", 64);
const SWEEPS = int("BENCH_SWEEPS", 3);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function summarise(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us) continue;
    const url = n.callFrame.url.replace(/^file:\/\//, "");
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.includes("/work/") ? `app:${url.split("/").slice(-2).join("/")}` : url ? "node:internal" : `(${n.callFrame.functionName || "native"})`);
    const fn = `${n.callFrame.functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  }
  const total = [...byPkg.values()].reduce((a, b) => a + b, 0);
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join("\n");
  return { total, text: `by package:\n${top(byPkg, 15)}\n\nby function (self time):\n${top(byFn, 30)}` };
}

async function main() {
  const specs: SimInstanceSpec[] = Array.from({ length: N }, (_, i) => ({
    id: `h${String(i).padStart(4, "0")}`,
    version: ["2.15.2", "2.11.2", "2.8.6", "2.5.6"][i % 4],
    faults: { latencyMs: LATENCY },
  }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-profile-"));
  const sim = process.env.BENCH_SIM === "child" ? await startSimFleet(specs, tmp) : await startHarborSim({ instances: specs });
  const database = await provisionTestDatabase("profile");
  const seed = path.join(tmp, "fleet.json");
  fs.writeFileSync(
    seed,
    JSON.stringify({
      instances: specs.map((s) => ({
        name: s.id,
        environment: "staging",
        labels: "",
        baseUrl: sim.get(s.id).baseUrl,
        username: "admin",
        secret: "Harbor12345",
        caBundle: "",
        skipTlsVerify: false,
        deploymentMode: "helm",
      })),
    }),
  );
  await seedInstances({ databaseUrl: database.url, encryptionKey: TEST_ENV.CONSOLE_ENCRYPTION_KEY, file: seed, log: () => {} });
  Object.assign(process.env, { ...TEST_ENV, DATABASE_URL: database.url, LOG_LEVEL: "warn" });

  const { startCollector } = await import("../../lib/fleet/collector/collector");
  const { db } = await import("../../lib/db");
  const collector = await startCollector({
    databaseUrl: database.url,
    concurrency: CONCURRENCY,
    intervalSeconds: 60,
    timeoutMs: 10_000,
    retentionDays: 14,
    schedule: false,
  });
  const sweep = async () => {
    const t = performance.now();
    const { sweepId } = await collector.startSweep({ trigger: "manual", all: true });
    for (;;) {
      const s = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } });
      if (s.finishedAt) return performance.now() - t;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  let connects = 0;
  (await import("node:diagnostics_channel")).subscribe("undici:client:connected", () => void connects++);
  console.log(`warm-up round: ${(await sweep()).toFixed(0)} ms, ${connects} connections opened`);
  connects = 0;
  const session = new inspector.Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  const profiling = process.env.BENCH_PROFILE !== "0";
  if (profiling) await session.post("Profiler.start");
  const { monitorEventLoopDelay } = await import("node:perf_hooks");
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const times: number[] = [];
  const perRound: number[] = [];
  for (let i = 0; i < SWEEPS; i++) {
    const c = connects;
    times.push(await sweep());
    perRound.push(connects - c);
  }
  const cpu = process.cpuUsage(cpu0);
  const profile = profiling ? (await session.post("Profiler.stop")).profile : null;
  const file = path.join(tmp, "collector.cpuprofile");
  if (profile) fs.writeFileSync(file, JSON.stringify(profile));
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `rounds (ms): ${times.map((t) => t.toFixed(0)).join(", ")}; bound ${Math.ceil(N / CONCURRENCY) * LATENCY} ms; connections opened per round: ${perRound.join(", ")}`,
  );
  console.log(
    `process CPU during the rounds: ${cpuMs.toFixed(0)} ms = ${(cpuMs / (N * SWEEPS)).toFixed(2)} ms per poll ${process.env.BENCH_SIM === "child" ? "(the simulator runs in its own process)" : "(simulator included: it runs in this process; BENCH_SIM=child moves it out)"}`,
  );
  const lat = (
    await db.$queryRaw<{ p50: number; p95: number; max: number }[]>`
    select percentile_cont(0.5) within group (order by "latencyMs")::float8 as p50, percentile_cont(0.95) within group (order by "latencyMs")::float8 as p95, max("latencyMs")::float8 as max
    from "InstanceSnapshot" where "sweepId" = (select id from "CollectorSweep" order by "startedAt" desc limit 1)`
  )[0];
  loop.disable();
  console.log(
    `event-loop delay during the rounds: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
  );
  console.log(`last round's poll latency (health call, as stored): p50 ${lat.p50.toFixed(0)} ms, p95 ${lat.p95.toFixed(0)} ms, max ${lat.max.toFixed(0)} ms`);
  const m = process.memoryUsage();
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;
  console.log(
    `memory after the rounds: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})`,
  );
  if (process.env.BENCH_HEAP_SNAPSHOT) console.log(`heap snapshot: ${(await import("node:v8")).writeHeapSnapshot(path.join(tmp, "collector.heapsnapshot"))}`);
  if (profile) {
    console.log(summarise(profile as never).text);
    console.log(`\nprofile: ${file}`);
  }
  await collector.stop();
  await sim.stop();
  await database.teardown();
  process.exit(0);
}

void main();
