import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { migrateDeploy } from "../../lib/bootstrap/migrate";

/**
 * A migrated database of the test file's own, on the integration run's server: for tests about "the whole fleet",
 * which the other files' rows in the shared database would change. `drop` removes it (afterAll).
 */
export async function createOwnDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hfc_${label}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new URL(inject("databaseUrl"));
  admin.pathname = "/postgres";
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  const asAdmin = async (statement: string) => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await asAdmin(`create database "${name}"`);
  await migrateDeploy(url.toString(), { quiet: true });
  return { url: url.toString(), drop: () => asAdmin(`drop database if exists "${name}" with (force)`) };
}
