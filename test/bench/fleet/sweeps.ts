/**
 * Full collector rounds ("sweeps") run inside the console: enqueued from this process, polled by the console's
 * workers; each timed from enqueue to CollectorSweep.finishedAt, with the CPU of the console, the simulators and
 * PostgreSQL over it.
 */
import type pg from "pg";
import { cpuMs, descendants, type MemorySampler } from "../proc";
import { LATENCY, ms, say, sleep } from "./config";

export interface SweepFigure {
  label: string;
  total: number;
  durationMs: number; // CollectorSweep.finishedAt − startedAt (database clock: from enqueue to the last write)
  wallMs: number; // from the startSweep call until this process saw finishedAt
  firstPollMs: number; // first poll started (its status's checkedAt) − startedAt: worker pick-up delay
  lastPollMs: number; // last poll started − startedAt
  health: Record<string, number>;
  batches: number; // pg-boss fetches that carried this sweep's jobs
  batchMedianMs: number; // started_on → completed_on of a batch: polls + listInstancesWithCredentials + writePollResults
  workerBusy: number; // Σ batch time / (workers × duration): 1.0 = the workers never waited on a fetch
  cpu: Record<"console" | "simulator" | "bench" | "postgres", number>; // CPU ms used during the sweep
  pollLatency: { p50: number; p95: number }; // latencyMs (the health call) of this sweep's polls, from the statuses
}

export interface SweepContext {
  n: number;
  workers: number;
  launcherPid: number;
  simPids: number[];
  sql: pg.Client;
  sampler: MemorySampler;
  startSweep: (o: { trigger: "manual"; all: true }) => Promise<{ sweepId: string; total: number }>;
  log: () => string;
}

function cpuNow(c: SweepContext) {
  const consolePids = new Set(descendants(c.launcherPid));
  const simPids = new Set(c.simPids.flatMap((p) => descendants(p)));
  let con = 0;
  let sim = 0;
  let pgCpu = 0;
  for (const pid of descendants(process.pid)) {
    if (pid === process.pid) continue;
    if (consolePids.has(pid)) con += cpuMs(pid);
    else if (simPids.has(pid)) sim += cpuMs(pid);
    else pgCpu += cpuMs(pid); // the embedded PostgreSQL (not visible with DATABASE_URL)
  }
  return { console: con, simulator: sim, bench: cpuMs(process.pid), postgres: pgCpu };
}

export async function runSweep(c: SweepContext, label: string): Promise<SweepFigure> {
  c.sampler.mark("sweeps");
  const cpu0 = cpuNow(c);
  const t0 = performance.now();
  const { sweepId, total } = await c.startSweep({ trigger: "manual", all: true });
  if (total !== c.n) say(`WARNING: ${label}: ${total} of ${c.n} instances enqueued (the rest still had a queued poll)`);
  const until = Date.now() + 300_000;
  let row: { total: number; done: number; startedAt: Date; finishedAt: Date | null };
  for (;;) {
    row = (await c.sql.query(`select total, done, "startedAt", "finishedAt" from "CollectorSweep" where id = $1`, [sweepId])).rows[0];
    if (row.finishedAt) break;
    if (Date.now() > until) throw new Error(`${label}: stuck at ${row.done}/${row.total} after 300 s:\n${c.log()}`);
    await sleep(20);
  }
  const wallMs = performance.now() - t0;
  const cpu1 = cpuNow(c);
  c.sampler.mark("idle");
  const q = async <T>(text: string) => (await c.sql.query(text, [sweepId])).rows as T[];
  // Of a round's polls only changes become snapshots (store-sql.ts): its polls are read from the statuses they left,
  // each instance's latest (checked since the round started).
  const polled = `select * from "InstanceStatus" where "checkedAt" >= (select "startedAt" from "CollectorSweep" where id = $1)`;
  const [snap] = await q<{ first: Date | null; last: Date | null }>(`select min("checkedAt") as first, max("checkedAt") as last from (${polled}) p`);
  const health = Object.fromEntries(
    (await q<{ h: string; n: number }>(`select health::text as h, count(*)::int as n from (${polled}) p group by 1 order by 1`)).map((r) => [r.h, r.n]),
  );
  const [jobs] = await q<{ batches: number; median: number; busy: number }>(
    `select count(*)::int as batches, coalesce(percentile_cont(0.5) within group (order by ms), 'NaN')::float8 as median, coalesce(sum(ms), 0)::float8 as busy
     from (select extract(epoch from max(completed_on) - started_on) * 1000 as ms from pgboss.job
           where name = 'fleet-polls' and data->>'sweepId' = $1 and started_on is not null group by started_on) b`,
  );
  const [lat] = await q<{ p50: number; p95: number }>(
    `select percentile_cont(0.5) within group (order by "latencyMs")::float8 as p50, percentile_cont(0.95) within group (order by "latencyMs")::float8 as p95 from (${polled}) p`,
  );
  const start = row.startedAt.getTime();
  const durationMs = row.finishedAt.getTime() - start;
  const d = (k: keyof typeof cpu0) => cpu1[k] - cpu0[k];
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
    workerBusy: jobs.busy / (c.workers * durationMs),
    cpu: { console: d("console"), simulator: d("simulator"), bench: d("bench"), postgres: d("postgres") },
    pollLatency: lat,
  };
}

export function describeSweep(s: SweepFigure, workers: number): string {
  const cores = (v: number) => (v / s.wallMs).toFixed(2);
  return (
    `${s.label}: ${s.total} polled in ${ms(s.durationMs)} (enqueue→finishedAt; seen after ${ms(s.wallMs)}), first poll +${ms(s.firstPollMs)}, last poll +${ms(s.lastPollMs)}; ${Object.entries(
      s.health,
    )
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}\n` +
    `      ${s.batches} batches, median batch ${ms(s.batchMedianMs)}, ${workers} workers busy ${(s.workerBusy * 100).toFixed(0)}%; ` +
    `poll latency p50 ${ms(s.pollLatency.p50)} / p95 ${ms(s.pollLatency.p95)} (simulator +${LATENCY} ms); ` +
    `CPU ${cores(s.cpu.console + s.cpu.simulator + s.cpu.bench + s.cpu.postgres)} cores (console ${cores(s.cpu.console)}, simulators ${cores(s.cpu.simulator)}, ` +
    `bench ${cores(s.cpu.bench)}, postgres ${cores(s.cpu.postgres)}); console ${(s.cpu.console / s.total).toFixed(2)} ms CPU per poll`
  );
}

/** Untimed warm-up rounds (JIT-compiled, pools open, as a console spends its life), then the timed ones. */
export async function runSweeps(c: SweepContext, warmups: number, timed: number) {
  const warm: SweepFigure[] = [];
  for (let i = 1; i <= warmups; i++) {
    if (i > 1) await sleep(1500);
    warm.push(await runSweep(c, `warm-up sweep ${i}`));
    say(describeSweep(warm[warm.length - 1], c.workers));
  }
  const sweeps: SweepFigure[] = [];
  for (let i = 1; i <= timed; i++) {
    await sleep(1500); // enqueue into an idle console each time, as the schedule does
    sweeps.push(await runSweep(c, `sweep ${i}/${timed}`));
    say(describeSweep(sweeps[sweeps.length - 1], c.workers));
  }
  return { warm, sweeps };
}
