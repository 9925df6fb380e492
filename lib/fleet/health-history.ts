import "server-only";
import { Prisma } from "../generated/prisma/client";
import { rawQuery } from "../db";
import type { THealthState } from "../schemas/fleet";
import { foldSoon } from "./tally";

/** The fleet chart: instances per health state per hour, from the hourly rows' tally, with the closed hours cached. */

const hourOf = (ms: number) => Math.floor(ms / 3_600_000) * 3_600_000;

/**
 * Instances per health state per hour, for the hours in [since, until): from the tally the hourly rows' triggers keep
 * (HealthHourTally and its pending deltas, in one snapshot; migration 20261205090000_fleet_tally), a row per hour and
 * state instead of one per instance.
 */
const healthHoursSql = (since: Date, until?: Date) => {
  const range = Prisma.sql`hour >= ${since} ${until ? Prisma.sql`and hour < ${until}` : Prisma.empty}`;
  return Prisma.sql`select hour as t, health::text as health, sum(n)::bigint as n
    from (select hour, health, n from "HealthHourTally" where ${range} union all select hour, health, n from "HealthHourTallyDelta" where ${range}) x
    group by hour, health having sum(n) <> 0 order by hour`;
};

/** The same counted over the hourly rows themselves: the reference the tally is tested against. */
export const healthHoursRowsSql = (since: Date, until?: Date) =>
  Prisma.sql`select hour as t, health::text as health, count(*) as n from "InstanceHealthHour"
    where hour >= ${since} ${until ? Prisma.sql`and hour < ${until}` : Prisma.empty} group by hour, health order by hour`;

/** The statement behind getHealthHistory, uncached (the benchmark times it as the raw SQL for the chart's rows). */
export function healthHistorySql(hours: number, now = new Date(), until?: Date) {
  return healthHoursSql(new Date(hourOf(now.getTime() - hours * 3_600_000)), until);
}

export type HealthPoint = { t: string; healthy: number; degraded: number; down: number; unknown: number };

/**
 * The chart's closed hours, per process. They no longer change but for a poll stored late and the hourly maintenance's
 * recount of the last three, so they are read at most every CLOSED_HOURS_TTL_MS (and afresh when an hour closes); each
 * page view then reads only the current hour's counts (README Performance).
 *
 * On globalThis: Next.js compiles instrumentation (where the collector's maintenance runs and calls forgetClosedHours)
 * apart from the pages, and each compilation has its own copy of this module.
 */
type ClosedHours = { key: string; at: number; generation: number; points: HealthPoint[]; pending: { key: string; promise: Promise<HealthPoint[]> } | null };
const g = globalThis as unknown as { fleetClosedHours?: ClosedHours };
const closedHours = (g.fleetClosedHours ??= { key: "", at: 0, generation: 0, points: [], pending: null });
export const CLOSED_HOURS_TTL_MS = 5 * 60_000;

/** Drops the cached closed hours of this process (after the hours were recounted or pruned here, and in tests). */
export function forgetClosedHours(): void {
  closedHours.key = "";
  closedHours.pending = null;
  closedHours.generation++;
}

async function healthPoints(q: Prisma.Sql): Promise<HealthPoint[]> {
  const rows = await rawQuery<{ t: Date; health: THealthState; n: bigint }[]>(q);
  const byT = new Map<string, HealthPoint>();
  for (const r of rows) {
    const key = r.t.toISOString();
    const point = byT.get(key) ?? { t: key, healthy: 0, degraded: 0, down: 0, unknown: 0 };
    point[r.health] = Number(r.n);
    byT.set(key, point);
  }
  return [...byT.values()];
}

/** The closed hours from the cache, or read once for all the views that miss it at the same moment. */
function closedHoursFor(hours: number, now: Date, current: Date): Promise<HealthPoint[]> | HealthPoint[] {
  const key = `${hours}|${current.toISOString()}`;
  if (closedHours.key === key && now.getTime() - closedHours.at < CLOSED_HOURS_TTL_MS) return closedHours.points;
  if (closedHours.pending?.key === key) return closedHours.pending.promise;
  const generation = closedHours.generation;
  const promise = healthPoints(healthHistorySql(hours, now, current)).then((points) => {
    // A forget while this read ran (a recount committed meanwhile): answer it, but do not keep it.
    if (closedHours.generation === generation) Object.assign(closedHours, { key, at: now.getTime(), points });
    return points;
  });
  const pending = { key, promise };
  closedHours.pending = pending;
  void promise.catch(() => {}).finally(() => closedHours.pending === pending && (closedHours.pending = null));
  return promise;
}

/**
 * Health over time: per hour, how many instances were seen in each state (their last poll in that hour). Reads the
 * hourly rows the collector keeps (24 per instance per day), counted by their tally, so its cost grows neither with the
 * poll interval nor with the fleet; the closed hours come from a short-lived cache (see closedHours).
 */
export async function getHealthHistory(opts: { hours: number; now?: Date }): Promise<HealthPoint[]> {
  const now = opts.now ?? new Date();
  const current = new Date(hourOf(now.getTime()));
  const next = new Date(current.getTime() + 3_600_000);
  const [closed, open] = await Promise.all([closedHoursFor(opts.hours, now, current), healthPoints(healthHoursSql(current, next))]);
  foldSoon();
  return [...closed, ...open];
}
