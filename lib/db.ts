import "server-only";
import { createPrismaClient, type PrismaClient } from "./db-client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

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
