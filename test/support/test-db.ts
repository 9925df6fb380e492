/**
 * A fresh database for one test run, by the console's own rule: on the server in DATABASE_URL when set,
 * otherwise on an embedded PostgreSQL started in a temporary folder. Runs never see each other's rows.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "../../lib/bootstrap/embedded-postgres";
import { migrateDeploy } from "../../lib/bootstrap/migrate";

export interface TestDatabase {
  url: string;
  name: string;
  teardown(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function provisionTestDatabase(label = "test"): Promise<TestDatabase> {
  const name = `hfc_${label}_${crypto.randomBytes(4).toString("hex")}`;
  const external = process.env.DATABASE_URL;
  let embedded: EmbeddedServer | null = null;
  let tmp: string | null = null;
  let url: string;
  if (external) {
    const admin = new pg.Client({ connectionString: withDatabase(external, "postgres") });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    url = withDatabase(external, name);
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-pg-"));
    if (process.getuid?.() === 0) fs.chmodSync(tmp, 0o777); // the embedded server runs as a `postgres` user when we are root
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), port: await freePort(), password: crypto.randomBytes(16).toString("hex") });
    await embedded.createDatabaseIfMissing(name);
    url = embedded.urlFor(name);
  }
  await migrateDeploy(url, { quiet: true });
  return {
    url,
    name,
    async teardown() {
      if (embedded) {
        await embedded.stop();
        fs.rmSync(tmp!, { recursive: true, force: true });
      } else {
        const admin = new pg.Client({ connectionString: withDatabase(external!, "postgres") });
        await admin.connect();
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    },
  };
}

/**
 * Environment for code under test: a fixed test encryption key and session secret, and loopback allowed for outbound
 * connections (the Harbor simulator listens on 127.0.0.1, which the console refuses by default).
 */
export const TEST_ENV = {
  CONSOLE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  NEXTAUTH_SECRET: "test-session-secret-0123456789-abcdefghijkl",
  LOGIN_MAX_FAILURES: "3",
  LOGIN_LOCK_SECONDS: "60",
  CONSOLE_OUTBOUND_ALLOW: "127.0.0.0/8",
};
