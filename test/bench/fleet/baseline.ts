/**
 * What one poll costs on this machine with the console idle: polls one after another in this process (concurrency 1,
 * no database writes) — "one idle poll", the unit of the round's bound — and one collector batch by its parts.
 */
import crypto from "node:crypto";
import type pg from "pg";
import { median } from "../http";
import { CONCURRENCY } from "./config";

export interface Baseline {
  sampled: number;
  seqMs: number;
  perPollMs: number;
  health: Record<string, number>;
  batchSize: number;
  parts: { credentials: number[]; polls: number[]; writes: number[] };
}

export async function measureBaseline(sql: pg.Client, sample: number): Promise<Baseline> {
  const { listInstancesWithCredentials } = await import("../../../lib/fleet/instance-credentials");
  const { pollInstance } = await import("../../../lib/fleet/collector/poll");
  const { writePollResults } = await import("../../../lib/fleet/collector/store");
  const ids = ((await sql.query(`select id from "HarborInstance" order by name limit $1`, [sample])).rows as { id: string }[]).map((r) => r.id);
  const targets = await listInstancesWithCredentials(ids);
  const health: Record<string, number> = {};
  const t = performance.now();
  for (const target of targets) {
    const r = await pollInstance(target, { timeoutMs: 10_000, connectTimeoutMs: 5_000 });
    health[r.health] = (health[r.health] ?? 0) + 1;
  }
  const seqMs = performance.now() - t;

  const batchSize = Math.min(16, CONCURRENCY);
  const parts = { credentials: [] as number[], polls: [] as number[], writes: [] as number[] };
  const span = Math.max(1, ids.length - batchSize);
  for (let i = 0; i < 5; i++) {
    const batchIds = ids.slice((i * batchSize) % span, ((i * batchSize) % span) + batchSize);
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
  return { sampled: targets.length, seqMs, perPollMs: seqMs / targets.length, health, batchSize, parts };
}

export const partsLine = (b: Baseline) =>
  `credentials ${median(b.parts.credentials).toFixed(1)} ms + polls ${median(b.parts.polls).toFixed(1)} ms + writePollResults ${median(b.parts.writes).toFixed(1)} ms`;
