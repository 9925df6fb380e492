import "server-only";
import { sql } from "../../db";
import { log } from "../../log";
import { isDatabaseUnavailable, shortError } from "../outage";
import { failuresOf, recordFailures } from "./failures";
import type { PollResult } from "./poll";
import { rejectedRow, toRow, type Row } from "./store-rows";
import { STORE_SQL } from "./store-sql";
import { compactTally } from "../tally";

/** Longest wait between polls of an instance that keeps failing. */
const MAX_BACKOFF_SECONDS = 30 * 60;

/** PostgreSQL refused the values (data exception, constraint, size limit), not the statement's circumstances. */
const refusedValues = (e: unknown) => /^(22|23|54)/.test(String((e as { code?: unknown }).code ?? ""));

export interface StoreReport {
  stored: number;
  /** instances whose answer was refused and stored as invalid_response instead */
  rejected: { instanceId: string; reason: string }[];
  /** instances of which nothing could be stored (recorded as console failures) */
  failed: string[];
}

/**
 * Stores a batch of polls in ONE statement (data-modifying CTEs; atomic like a transaction, one round trip
 * whatever the batch size): the snapshots worth keeping (KEPT_SQL), each instance's hour of polls (the charts'
 * source: every poll counts there, with its latency), each
 * instance's current status with its next poll time
 * (backoff when it keeps failing, from its stored failure count), the cached detection where it changed, and the
 * rounds' progress. Instances deleted meanwhile drop out by the join. Raw pg, not Prisma: it runs for every batch.
 *
 * When PostgreSQL refuses the batch for its values, one instance's answer must not cost the others theirs: each poll
 * is then stored on its own, a refused one as invalid_response with the reason, and every job of the batch counts in
 * its round's progress whatever became of it. An unreachable database throws (the jobs are retried).
 */
export async function writePollResults(opts: Parameters<typeof storePolls>[0]): Promise<StoreReport> {
  const report = await storePolls(opts);
  await compactTally(); // the statements' tally deltas, folded while they are few (lib/fleet/tally.ts)
  return report;
}

async function storePolls(opts: {
  results: PollResult[];
  jobs: { instanceId: string; sweepId: string }[];
  intervalSeconds: number;
  /** keep every poll as a snapshot, as the console did before it kept only changes (the replay test's reference) */
  keepEveryPoll?: boolean;
}): Promise<StoreReport> {
  const { results, jobs, intervalSeconds, keepEveryPoll = false } = opts;
  const sweepOf = new Map(jobs.map((j) => [j.instanceId, j.sweepId]));
  const rows = results.map((r) => toRow(r, sweepOf.get(r.instanceId) ?? null));
  const run = (batch: Row[], progressJobs: { sweepId: string }[]) =>
    sql().query(STORE_SQL, [JSON.stringify(batch), JSON.stringify(progressOf(progressJobs)), intervalSeconds, MAX_BACKOFF_SECONDS, keepEveryPoll]);
  try {
    await run(rows, jobs);
    return { stored: rows.length, rejected: [], failed: [] };
  } catch (e) {
    if (isDatabaseUnavailable(e) || !refusedValues(e)) throw e;
    log.warn("collector: a batch was refused for its values; storing its polls one by one", { size: rows.length, error: shortError(e) });
  }
  const report: StoreReport = { stored: 0, rejected: [], failed: [] };
  const counted = new Set<string>();
  for (const row of rows) {
    const own = jobs.filter((j) => j.instanceId === row.instanceId);
    own.forEach((j) => counted.add(j.instanceId));
    try {
      await run([row], own);
      report.stored++;
      continue;
    } catch (e) {
      if (isDatabaseUnavailable(e) || !refusedValues(e)) throw e;
      const reason = shortError(e);
      log.warn("collector: a poll's answer was refused by the database; stored as invalid_response", { instanceId: row.instanceId, error: reason });
      try {
        await run([rejectedRow(row, reason)], own);
        report.rejected.push({ instanceId: row.instanceId, reason });
        continue;
      } catch (again) {
        if (isDatabaseUnavailable(again)) throw again;
        report.failed.push(row.instanceId);
        await recordFailures(failuresOf(again, own.length ? own : [{ instanceId: row.instanceId, sweepId: row.sweepId }]));
      }
    }
    await run([], own); // nothing stored, but the job is done: its round moves on
  }
  const rest = jobs.filter((j) => !counted.has(j.instanceId));
  if (rest.length) await run([], rest);
  return report;
}

function progressOf(jobs: { sweepId: string }[]) {
  const perSweep = new Map<string, number>();
  for (const j of jobs) perSweep.set(j.sweepId, (perSweep.get(j.sweepId) ?? 0) + 1);
  return [...perSweep].map(([sweepId, n]) => ({ sweepId, n }));
}
