/**
 * The fleet benchmark's knobs (environment) and formatting, shared by main.ts and each size's run (size-run.ts).
 * BENCH_INSTANCES: 1000 (default) measures 1,000 instances; 10000 measures both sizes, 1,000 then 10,000, each in
 * its own console process with a fresh database, and prints the targets of issue #19 that compare them.
 */
import os from "node:os";
import path from "node:path";

export const root = path.resolve(__dirname, "../../..");

export const int = (name: string, def: number) => {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : def;
};

export const LATENCY = int("BENCH_LATENCY_MS", 50);
export const CONCURRENCY = int("BENCH_CONCURRENCY", 64);
export const SWEEPS = Math.max(1, int("BENCH_SWEEPS", 5));
export const WARMUP_SWEEPS = Math.max(1, int("BENCH_WARMUP_SWEEPS", 3));
export const REQUESTS = Math.max(5, int("BENCH_REQUESTS", 30));
export const WARMUP_REQUESTS = 5;
export const HISTORY_HOURS = int("BENCH_HISTORY_HOURS", 24);
/** simulated Harbors per simulator process */
export const SIM_PER_PROCESS = Math.max(1, int("BENCH_SIM_PER_PROCESS", 2500));
export const VERSIONS = ["2.15.2", "2.11.2", "2.8.6", "2.5.6", "2.0.6", "1.10.19"];
export const ENVS = ["production", "staging", "development"] as const;
export const DB_KIND = process.env.DATABASE_URL ? "DATABASE_URL's PostgreSQL" : "embedded PostgreSQL";
export const CPUS = os.cpus().length;

/** The fleet sizes of this run: 10,000 means both sizes, 1,000 then 10,000 (the targets compare them). */
export function fleetSizes(): number[] {
  const n = int("BENCH_INSTANCES", 1000);
  return n === 10_000 ? [1_000, 10_000] : [n];
}

/** Instances polled one after another for the idle-poll baseline (0 = all). */
export function seqSample(n: number): number {
  const s = int("BENCH_SEQ_SAMPLE", 200);
  return s === 0 || s >= n ? n : s;
}

/** Seconds one size may take before its run gives up (seeding a day of history at 10,000 takes minutes). */
export function timeoutSeconds(n: number): number {
  return int("BENCH_TIMEOUT_SECONDS", n > 1_000 ? 480 + Math.ceil((n / 1000) * 180) : 480);
}

const t00 = performance.now();
export const say = (line: string) => console.log(`[bench +${((performance.now() - t00) / 1000).toFixed(1)}s] ${line}`);
export const ms = (v: number) => (Number.isFinite(v) ? `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms` : "n/a");
export const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "n/a");
export const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
