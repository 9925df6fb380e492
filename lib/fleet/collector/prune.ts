import "server-only";
import { db } from "../../db";
import { log } from "../../log";

/** The hourly maintenance's prune: history older than the retention, in bounded slices. */

/** Rows one DELETE of the prune removes at most: a backlog never becomes one long transaction. */
export const PRUNE_SLICE = 5_000;

/** Runs `del(limit)` until it removes fewer than `limit` rows; how many rows and statements that took. */
export async function deleteInSlices(del: (limit: number) => Promise<number>, limit = PRUNE_SLICE): Promise<{ rows: number; statements: number }> {
  let rows = 0;
  for (let statements = 1; ; statements++) {
    const n = await del(limit);
    rows += n;
    if (n < limit) return { rows, statements };
  }
}

/** Snapshots older than the retention, then the hours wholly before it (the hour holding the cutoff keeps its later polls). */
export async function pruneSnapshots(retentionDays: number, opts: { slice?: number } = {}): Promise<{ snapshots: number; hours: number; statements: number }> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
  const cutoffHour = new Date(Math.floor(cutoff.getTime() / 3_600_000) * 3_600_000);
  const snapshots = await deleteInSlices(
    (limit) => db.$executeRaw`delete from "InstanceSnapshot" where id in (select id from "InstanceSnapshot" where "checkedAt" < ${cutoff} limit ${limit})`,
    opts.slice,
  );
  // After a pause of the collector or a shorter retention, a backlog of days at 24 rows per instance per day.
  const hours = await deleteInSlices(
    (limit) => db.$executeRaw`delete from "InstanceHealthHour" where ctid in (select ctid from "InstanceHealthHour" where hour < ${cutoffHour} limit ${limit})`,
    opts.slice,
  );
  await db.collectorSweep.deleteMany({ where: { startedAt: { lt: cutoff } } });
  await db.collectorFailure.deleteMany({ where: { at: { lt: cutoff } } });
  if (snapshots.rows) log.info("collector: pruned snapshots", { count: snapshots.rows, hours: hours.rows, retentionDays });
  return { snapshots: snapshots.rows, hours: hours.rows, statements: snapshots.statements + hours.statements };
}
