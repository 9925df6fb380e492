/** What the audit tests write and read: instance inputs, a connection of their own, a statement tried and rolled back, a target's rows. */
import crypto from "node:crypto";
import pg from "pg";
import { db } from "@/lib/db";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";

export const rand = () => crypto.randomBytes(4).toString("hex");
export const actor = { id: null, email: "auditor@example.com" };
export const input = (over: Record<string, unknown> = {}) =>
  ZInstanceCreateInput.parse({
    name: `audit-${rand()}`,
    environment: "staging",
    labels: "region=eu",
    baseUrl: "https://127.0.0.1:9/harbor",
    username: "robot$audit",
    secret: `Initial-Secret-${rand()}`,
    deploymentMode: "docker_compose",
    ...over,
  });

export async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs sql in a transaction that is always rolled back, so a missing guard cannot damage the shared table. */
export async function attemptAndRollback(sql: string, params: unknown[] = []): Promise<unknown> {
  return withClient(async (c) => {
    await c.query("begin");
    try {
      await c.query(sql, params);
      return null;
    } catch (e) {
      return e;
    } finally {
      await c.query("rollback");
    }
  });
}

export const auditRows = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });
