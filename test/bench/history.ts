/**
 * History size benchmark: `npm run bench:history` (a tool, not a test).
 *
 * Stores a simulated day of polls (one a minute) of a fleet of steady instances through the collector's own writer,
 * in its batches of up to 32 polls per statement, with the hourly seal as the maintenance runs it: once keeping every
 * poll as a snapshot (the console before #19 item 3) and once keeping only what changed (now). Prints the history
 * tables' size with their indexes (pg_total_relation_size of InstanceSnapshot and InstanceHealthHour, after a plain
 * VACUUM as autovacuum would run) per instance-day, against the target of 0.1 MB (10^6 bytes), and the write time per
 * statement. Env: BENCH_INSTANCES (64), DATABASE_URL (else an embedded PostgreSQL).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedInstances } from "../../lib/bootstrap/seed-instances";
import type { PollResult } from "../../lib/fleet/collector/poll";
import { pollResult } from "../support/poll-result";
import { provisionTestDatabase, TEST_ENV } from "../support/test-db";

const int = (name: string, def: number) => (/^\d+$/.test(process.env[name] ?? "") ? Number(process.env[name]) : def);
const N = int("BENCH_INSTANCES", 64);
const POLLS = 1_440;
const BATCH = 32;
const MIN = 60_000;
const HOUR = 3_600_000;
const TARGET_MB = 0.1;
const COMPONENTS = ["core", "database", "jobservice", "portal", "redis", "registry", "registryctl", "trivy"].map((name) => ({ name, status: "healthy" }));

/** A steady instance's poll: the same answer every minute but for its latency and a storage figure moving within 0.1 %. */
const steadyPoll = (instanceId: string, at: Date, n: number): PollResult =>
  pollResult(instanceId, at, {
    harborVersion: "2.11.2",
    components: COMPONENTS,
    projectCount: 12,
    repoCount: 340,
    storageBytes: BigInt(Math.round(8.4e10 * (1 + 0.001 * Math.sin(n)))),
    latencyMs: 45 + (n % 11),
  });

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-history-"));
  const database = await provisionTestDatabase("history");
  const seed = path.join(tmp, "fleet.json");
  const instances = Array.from({ length: N }, (_, i) => ({
    name: `h${String(i).padStart(5, "0")}`,
    environment: "staging",
    labels: "",
    baseUrl: `https://10.0.${i >> 8}.${i & 255}`,
    username: "admin",
    secret: "Harbor12345",
    caBundle: "",
    skipTlsVerify: false,
    deploymentMode: "helm",
  }));
  fs.writeFileSync(seed, JSON.stringify({ instances }));
  await seedInstances({ databaseUrl: database.url, encryptionKey: TEST_ENV.CONSOLE_ENCRYPTION_KEY, file: seed, log: () => {} });
  Object.assign(process.env, { ...TEST_ENV, DATABASE_URL: database.url, LOG_LEVEL: "warn" });
  const { sql } = await import("../../lib/db");
  const { writePollResults } = await import("../../lib/fleet/collector/store");
  const { sealHours } = await import("../../lib/fleet/collector/hours");
  const ids = (await sql().query<{ id: string }>(`select id from "HarborInstance" order by name`)).rows.map((r) => r.id);
  const t0 = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR;

  async function day(keepEveryPoll: boolean) {
    await sql().query(`truncate "InstanceSnapshot", "InstanceHealthHour", "InstanceStatus"`);
    let statements = 0;
    let writeMs = 0;
    for (let i = 0; i < POLLS; i++) {
      const at = new Date(t0 + i * MIN);
      if (i > 0 && i % 60 === 0) await sealHours(new Date(at.getTime() - 3 * HOUR), at);
      for (let b = 0; b < ids.length; b += BATCH) {
        const results = ids.slice(b, b + BATCH).map((id, k) => steadyPoll(id, at, i + b + k));
        const t = performance.now();
        await writePollResults({ results, jobs: [], intervalSeconds: 60, keepEveryPoll });
        writeMs += performance.now() - t;
        statements++;
      }
    }
    await sql().query(`vacuum analyze "InstanceSnapshot", "InstanceHealthHour"`);
    const { rows } = await sql().query<{ snapshots: string; hours: string; rows: string }>(
      `select pg_total_relation_size('"InstanceSnapshot"') as snapshots, pg_total_relation_size('"InstanceHealthHour"') as hours,
        (select count(*) from "InstanceSnapshot") as rows`,
    );
    const bytes = Number(rows[0].snapshots) + Number(rows[0].hours);
    return { mbPerDay: bytes / N / 1e6, snapshotsPerDay: Number(rows[0].rows) / N, msPerStatement: writeMs / statements };
  }

  console.log(`a day of polls (${POLLS} per instance, one a minute) of ${N} steady instances, ${BATCH} polls per statement`);
  const every = await day(true);
  const changes = await day(false);
  const line = (label: string, r: typeof every) =>
    `${label}: ${r.mbPerDay.toFixed(3)} MB per instance-day (snapshots and hourly rows with their indexes), ${r.snapshotsPerDay.toFixed(0)} snapshots, ${r.msPerStatement.toFixed(1)} ms per statement`;
  console.log(line("every poll kept (before)", every));
  console.log(line("changes kept (now)     ", changes));
  console.log(
    `${changes.mbPerDay <= TARGET_MB ? "✓" : "✗"} ${changes.mbPerDay.toFixed(3)} MB per instance-day ≤ ${TARGET_MB} MB; ${(every.mbPerDay / changes.mbPerDay).toFixed(1)}× smaller than keeping every poll`,
  );
  await sql().end();
  await database.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

void main();
