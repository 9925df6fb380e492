import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "./db-client";
import { Prisma } from "./generated/prisma/client";
import { env } from "./env";
import { log } from "./log";

const globalForDb = globalThis as unknown as {
  prisma?: PrismaClient;
  sqlPool?: pg.Pool;
  prepared?: { names: Map<string, string>; issued: number; off: boolean };
};

function client(): PrismaClient {
  // Kept on globalThis so hot reloads in development reuse one pool.
  return (globalForDb.prisma ??= createPrismaClient(env().DATABASE_URL));
}

/**
 * The one PrismaClient of the console process. Created on first use, not at import, so that `next build`
 * can load route modules without a database or runtime secrets.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/**
 * Type parsers of the raw pool: the schema's `timestamp` columns hold UTC (as Prisma writes and reads them), so they
 * are read as UTC whatever the server's time zone; bigints stay exact.
 */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
    if (oid === INT8_OID) return (v: string) => BigInt(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

/**
 * A small raw pg pool for the hot paths where Prisma's per-query cost shows: the collector's batch reads and
 * writes (every poll) and the fleet page's two queries (every few seconds per open page). Parameterised SQL only.
 */
export function sql(): pg.Pool {
  if (!globalForDb.sqlPool) {
    // Connections are replaced after 10 minutes (when idle): PostgreSQL chooses a prepared statement's plan kind from
    // the data its connection saw, so a plan chosen while the fleet looked unusual (every instance stale after an
    // outage: measured 2.6 × slower on the summary afterwards) lasts at most that long (queryOn).
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 6, maxLifetimeSeconds: 600, types, application_name: "harbor-fleet-console" });
    pool.on("error", (err) => console.error(`[db] raw pool error: ${err.message}`));
    globalForDb.sqlPool = pool;
  }
  return globalForDb.sqlPool;
}

/**
 * Runs a Prisma.sql fragment on the raw pool (same placeholders, same values). Dates are sent as UTC ISO strings:
 * pg would send local time with an offset, which a `timestamp` column compares by wall time, shifted on a server
 * outside UTC.
 */
export async function rawQuery<T extends unknown[]>(q: { text: string; values: unknown[] }, o: { prepare?: boolean } = {}): Promise<T> {
  return (await queryOn(sql(), q, o)).rows as T;
}

/** How many names one process ever gives statements (so no connection holds more); past it, statements run unnamed. */
export const MAX_PREPARED = 32;
/**
 * "cached plan must not change result type": a migration changed what a prepared statement returns. Told apart from
 * the rest of SQLSTATE 0A000 (feature not supported) by the server routine that raises it, whatever its language.
 */
const planChanged = (e: { code?: unknown; routine?: unknown }) => e.code === "0A000" && e.routine === "RevalidateCachedQuery";
/**
 * A pooler between the console and PostgreSQL that hands each transaction another server connection (PgBouncer in
 * transaction mode before 1.21, or with max_prepared_statements = 0) loses named statements: "prepared statement …
 * does not exist" (26000) where it ran on another, "… already exists" (42P05) where another client had named it.
 */
const POOLER_LOST = new Set(["26000", "42P05"]);
// On globalThis like the pool, whose connections keep what was prepared across hot reloads in development.
const prepared = (globalForDb.prepared ??= { names: new Map<string, string>(), issued: 0, off: false });

/**
 * A Prisma.sql fragment on a pool or client. With `prepare`, as a named prepared statement (pg parses it once per
 * connection; PostgreSQL may then reuse one plan), for the statements every open fleet page repeats every few seconds,
 * whose planning cost as much as running them (README Performance). The callers name only their unfiltered texts (a
 * handful: one per sort order, and the tally); MAX_PREPARED bounds the names all the same, per process and so per
 * connection. Either failure below comes before the statement runs (at Parse or Bind), so it is run again unnamed:
 * a statement whose result a migration changed under a running process (planChanged) gets a new name next time;
 * behind a pooler that loses named statements (POOLER_LOST) the process stops naming them, once, and says so in its
 * log. Should that second run fail too (inside a transaction the first failure aborted it), the first error is thrown.
 */
export async function queryOn(on: pg.Pool | pg.ClientBase, q: { text: string; values: unknown[] }, o: { prepare?: boolean } = {}): Promise<pg.QueryResult> {
  const values = q.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const name = o.prepare ? statementName(q.text) : undefined;
  if (!name) return on.query(q.text, values);
  try {
    return await on.query({ name, text: q.text, values });
  } catch (e) {
    const err = e as { code?: unknown; routine?: unknown };
    if (planChanged(err)) {
      // only this name: a concurrent failure must not drop the one a request issued meanwhile
      if (prepared.names.get(q.text) === name) prepared.names.delete(q.text);
    } else if (typeof err.code === "string" && POOLER_LOST.has(err.code)) {
      if (!prepared.off)
        log.warn("db: named prepared statements are lost between connections (a pooler?); running them unnamed from now on", { code: err.code });
      prepared.off = true;
    } else throw e;
    try {
      return await on.query(q.text, values);
    } catch {
      throw e;
    }
  }
}

function statementName(text: string): string | undefined {
  if (prepared.off) return undefined;
  const known = prepared.names.get(text);
  if (known || prepared.issued >= MAX_PREPARED) return known;
  const name = `hfc_${createHash("sha1").update(text).digest("hex").slice(0, 20)}_${prepared.issued++}`;
  prepared.names.set(text, name);
  return name;
}

/**
 * A unique constraint refused the write: Prisma's P2002 from a model call, or PostgreSQL's 23505 from a raw query (as
 * Prisma's P2010 or the pool's own error). The callers turn it into their conflict — a duplicate name, a revision saved
 * meanwhile.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError)
    return e.code === "P2002" || (e.code === "P2010" && (e.meta as { code?: unknown } | undefined)?.code === "23505");
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "23505";
}
