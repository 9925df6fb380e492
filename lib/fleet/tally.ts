import "server-only";
import { sql } from "../db";
import { log } from "../log";
import { shortError } from "./outage";

/**
 * The fleet's tallies (migration 20261205090000_fleet_tally): the summary's counts per version line and the chart's
 * instances per hour and health, kept by statement triggers on InstanceStatus and InstanceHealthHour. Each statement
 * appends what it changed as a delta (inserts only: concurrent poll batches never wait for each other there); readers
 * sum the tally and the pending deltas (lib/fleet/fleet-summary.ts fleetTallySql, lib/fleet/health-history.ts).
 */

/**
 * Folds the pending deltas into the tallies, so that a reader sums a handful of rows. The collector calls it after each
 * batch it stores; one folder at a time (a caller that finds another folding returns false and leaves it the deltas).
 * A failure loses nothing: the deltas stay for the next fold.
 */
export async function compactTally(): Promise<boolean> {
  try {
    const res = await sql().query<{ folded: boolean }>("select fleet_tally_compact() as folded");
    return res.rows[0]?.folded ?? false;
  } catch (e) {
    log.warn("fleet tally: folding the deltas failed; they stay for the next fold", { error: shortError(e) });
    return false;
  }
}

/** The hours the hourly recount covers: the chart's day and the current hour. */
export const RECOUNT_HOURS = 25;

/**
 * Recounts the tallies from the rows (hourly, with the prune): every version line, and the chart's hours from `since`
 * on. Repairs any change that bypassed the triggers (a restore with triggers disabled, a hand edit with
 * session_replication_role = replica). Older hours are only ever removed, by the prune's deletes.
 */
export async function recountTally(since: Date = new Date(Math.floor(Date.now() / 3_600_000 - RECOUNT_HOURS) * 3_600_000)): Promise<void> {
  await sql().query("select fleet_tally_recount($1)", [since.toISOString()]);
}

/** How often a page folds the deltas at most, per process. */
export const READER_FOLD_MS = 5_000;
const g = globalThis as unknown as { fleetTallyFoldAt?: number };

/**
 * A page that reads a tally folds its deltas, at most every READER_FOLD_MS, without waiting for it: where no collector
 * of this release folds them (replicas with the collector off while an older release polls, during a rollout), the
 * deltas a reader sums stay a few seconds' worth instead of growing with every batch.
 */
export function foldSoon(now = Date.now()): void {
  if (now - (g.fleetTallyFoldAt ?? 0) < READER_FOLD_MS) return;
  g.fleetTallyFoldAt = now;
  void compactTally();
}
