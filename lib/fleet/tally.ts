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

/**
 * Recounts both tallies from the rows (hourly, with the prune): repairs any change that bypassed the triggers (a restore
 * with triggers disabled, a hand edit with session_replication_role = replica).
 */
export async function recountTally(): Promise<void> {
  await sql().query("select fleet_tally_recount()");
}
