import "server-only";
import { log } from "../../log";
import { isDatabaseUnavailable, shortError } from "../outage";

/**
 * The collector's view of a database outage, per process. While PostgreSQL is down every part of the collector fails
 * (pg-boss's fetch loop of each worker about once a second, its supervisor, the schedule, the stores): the first
 * failure is logged, the rest are only counted, and a probe logs one "recovered after N s" line, with the count, once
 * the database answers again. Any other error is logged as it comes.
 *
 * On globalThis: Next.js compiles instrumentation (where the collector runs) apart from the pages and route handlers
 * (which read currentOutage for /api/health), and each compilation has its own copy of this module.
 */
interface OutageState {
  since: number | null;
  errors: number;
  lastError: string | null;
  probe: NodeJS.Timeout | null;
}
const g = globalThis as unknown as { collectorOutage?: OutageState };
const state = (g.collectorOutage ??= { since: null, errors: 0, lastError: null, probe: null });

export const PROBE_INTERVAL_MS = 2_000;

/** The outage this process's collector is in, if any: since when, how many errors meanwhile, the last one. */
export function currentOutage(): { since: Date; errors: number; lastError: string | null } | null {
  return state.since === null ? null : { since: new Date(state.since), errors: state.errors, lastError: state.lastError };
}

/** An error from the collector's machinery. `probe` answers once the database does (e.g. `select 1`). */
export function reportCollectorError(source: string, error: unknown, probe: () => Promise<unknown>): void {
  if (!isDatabaseUnavailable(error)) {
    log.error(`collector: ${source}`, { error });
    return;
  }
  state.errors++;
  state.lastError = shortError(error);
  if (state.since !== null) return;
  state.since = Date.now();
  state.errors = 1;
  log.error("collector: the database is unreachable; polling pauses until it answers (further errors are counted, not logged)", {
    source,
    error: state.lastError,
  });
  const tick = () => {
    state.probe = null;
    if (state.since === null) return;
    probe().then(databaseAnswered, () => {
      if (state.since !== null) state.probe = setTimeout(tick, PROBE_INTERVAL_MS).unref();
    });
  };
  state.probe = setTimeout(tick, PROBE_INTERVAL_MS).unref();
}

/** The database answered (a probe, or a store that went through): ends the outage, with its one log line. */
export function databaseAnswered(): void {
  if (state.since === null) return;
  const seconds = Math.max(1, Math.round((Date.now() - state.since) / 1000));
  log.warn(`collector: the database answers again, recovered after ${seconds} s`, { seconds, errorsWhileDown: state.errors, lastError: state.lastError });
  if (state.probe) clearTimeout(state.probe);
  Object.assign(state, { since: null, errors: 0, lastError: null, probe: null });
}
