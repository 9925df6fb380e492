import "server-only";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "./db-client";
import { Prisma } from "./generated/prisma/client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; sqlPool?: pg.Pool };

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
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 6, types, application_name: "harbor-fleet-console" });
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
export async function rawQuery<T extends unknown[]>(q: { text: string; values: unknown[] }): Promise<T> {
  const values = q.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return (await sql().query(q.text, values)).rows as T;
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
