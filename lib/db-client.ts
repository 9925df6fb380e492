import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

/** A Prisma client on the pg driver adapter. The app uses the singleton in lib/db.ts; scripts and tests make their own. */
export function createPrismaClient(connectionString: string, opts: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max: opts.max ?? 10 },
    {
      // PostgreSQL ends pooled connections when it shuts down (57P01): log instead of crashing the process.
      onPoolError: (err) => console.error(`[db] pool error: ${err.message}`),
      onConnectionError: (err) => console.error(`[db] connection error: ${err.message}`),
    },
  );
  return new PrismaClient({ adapter });
}
export type { PrismaClient };
