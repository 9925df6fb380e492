import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

/** A Prisma client on the pg driver adapter. The app uses the singleton in lib/db.ts; scripts and tests make their own. */
export function createPrismaClient(connectionString: string, opts: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max: opts.max ?? 10 },
    {
      // An idle pooled connection that fails must not crash the process. PostgreSQL ending its connections as it shuts
      // down (57P01, "terminating connection due to administrator command") is expected when a command stops the
      // embedded server it started, and a real outage is reported by the collector's outage log: neither is printed.
      onPoolError: (err) => {
        if ((err as { code?: string }).code !== "57P01") console.error(`[db] pool error: ${err.message}`);
      },
      onConnectionError: (err) => console.error(`[db] connection error: ${err.message}`),
    },
  );
  return new PrismaClient({ adapter });
}
export type { PrismaClient };
