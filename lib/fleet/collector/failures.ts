import "server-only";
import { sql } from "../../db";
import { cleanText } from "../../harbor/schemas";
import { DATABASE_UNREACHABLE, isDatabaseUnavailable, shortError } from "../outage";

/**
 * Polls the console itself failed — their result could not be stored, the poll crashed, the database was
 * unreachable — kept in CollectorFailure for the collector status (a Harbor that fails a poll is that instance's
 * status, not this). While the database is down they wait here (bounded) and are written once it answers.
 */
export type FailureKind = "store" | "crash" | "database";

export interface ConsoleFailure {
  at: Date;
  instanceId: string | null;
  sweepId: string | null;
  kind: FailureKind;
  message: string;
}

const MAX_PENDING = 1_000;
const g = globalThis as unknown as { collectorFailures?: ConsoleFailure[] };
const pending = (g.collectorFailures ??= []);

/** What an error of the console's own makes of the polls it hit: before polling (`read`) or when storing. */
export function failuresOf(
  error: unknown,
  jobs: { instanceId: string; sweepId: string | null }[],
  o: { kind?: FailureKind; stage?: "read" | "store" } = {},
): ConsoleFailure[] {
  const kind: FailureKind = o.kind ?? (isDatabaseUnavailable(error) ? "database" : "store");
  const what = o.stage === "read" ? "the poll could not start" : "the poll's result could not be stored";
  const message =
    kind === "database"
      ? `${DATABASE_UNREACHABLE.slice(0, -1)} (${shortError(error)}): ${what}.`
      : kind === "crash"
        ? `The poll failed inside the console (${shortError(error)}).`
        : `${what[0].toUpperCase()}${what.slice(1)} (${shortError(error)}).`;
  const at = new Date();
  return jobs.map((j) => ({ at, instanceId: j.instanceId, sweepId: j.sweepId, kind, message: cleanText(message, 500) }));
}

/** Keeps the failures and writes them (with any still waiting) when the database answers; never throws. */
export async function recordFailures(failures: ConsoleFailure[]): Promise<void> {
  pending.push(...failures);
  if (pending.length > MAX_PENDING) pending.splice(0, pending.length - MAX_PENDING);
  await flushFailures().catch(() => {});
}

/** Writes the failures waiting in this process; how many. Throws (and keeps them) when the database does not answer. */
export async function flushFailures(): Promise<number> {
  if (!pending.length) return 0;
  const batch = pending.splice(0);
  try {
    await sql().query(
      `insert into "CollectorFailure" (at, "instanceId", "sweepId", kind, message)
       select at, "instanceId", "sweepId", kind, message from json_to_recordset($1::json) as x(at timestamp, "instanceId" uuid, "sweepId" uuid, kind text, message text)`,
      [JSON.stringify(batch.map((f) => ({ ...f, at: f.at.toISOString() })))],
    );
    return batch.length;
  } catch (e) {
    const room = MAX_PENDING - pending.length;
    if (room > 0) pending.unshift(...batch.slice(Math.max(0, batch.length - room)));
    throw e;
  }
}
