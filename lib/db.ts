import "server-only";
import { createPrismaClient, type PrismaClient } from "./db-client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

/** The one PrismaClient of the console process (kept across hot reloads in development). */
export const db: PrismaClient = globalForDb.prisma ?? createPrismaClient(env().DATABASE_URL);
if (process.env.NODE_ENV !== "production") globalForDb.prisma = db;
