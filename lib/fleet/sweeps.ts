import "server-only";
import { db } from "../db";

/** A collector round's progress, for the "Refresh all" bar. */

export interface SweepProgress {
  id: string;
  trigger: string;
  total: number;
  done: number;
  startedAt: string;
  finishedAt: string | null;
}

export async function getSweep(id: string): Promise<SweepProgress | null> {
  const s = await db.collectorSweep.findUnique({ where: { id } });
  return s
    ? { id: s.id, trigger: s.trigger, total: s.total, done: s.done, startedAt: s.startedAt.toISOString(), finishedAt: s.finishedAt?.toISOString() ?? null }
    : null;
}
