import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/bootstrap/embedded-postgres";
import { migrateDeploy } from "@/lib/bootstrap/migrate";
import { hashPassword, verifyPassword } from "@/lib/security/password";
import { provisionTestDatabase, type TestDatabase } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const USAGE = "usage: npm run admin -- reset-password <email> | unlock <email>";

let database: TestDatabase;
let pool: pg.Pool;
let dataDir: string;

type Run = { code: number | null; stdout: string; stderr: string };

/** `npm run admin -- <args>` as an operator runs it; against this file's database unless `over` says otherwise; killed after 90 s. */
function admin(args: string[], over: Record<string, string | undefined> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", CONSOLE_DATA_DIR: dataDir, DATABASE_URL: database.url };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "admin", "--", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function makeUser(db: pg.Pool, opts: { email: string; role?: string; password?: string; sso?: boolean }): Promise<string> {
  const { rows } = await db.query(
    `insert into "User" (id, email, name, role, provider, "passwordHash", "oidcSubject", "updatedAt")
     values (gen_random_uuid(), $1, 'cli', $2::"Role", $3::"AuthProvider", $4, $5, now()) returning id`,
    [
      opts.email,
      opts.role ?? "admin",
      opts.sso ? "oidc" : "local",
      opts.sso ? null : await hashPassword(opts.password ?? "old-password-123"),
      opts.sso ? `sub-${opts.email}` : null,
    ],
  );
  return rows[0].id;
}

const lock = (db: pg.Pool, email: string) =>
  db.query(
    `insert into "LoginThrottle" (email, failures, "lockedUntil", "lastFailureAt") values ($1, 7, (now() at time zone 'utc') + interval '14 minutes', now() at time zone 'utc')`,
    [email],
  );

/** The one-time passwords a run printed: each "One-time password: X" line. */
const printed = (r: Run) => [...r.stdout.matchAll(/One-time password: (\S+)/g)].map((m) => m[1]);

beforeAll(async () => {
  database = await provisionTestDatabase("admincli");
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-admin-cli-"));
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await database?.teardown();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run admin", () => {
  it("reset-password prints a new one-time password once, ends the sessions, lifts the lock and is audited as the system", { timeout: 120_000 }, async () => {
    const email = `lost-${crypto.randomBytes(3).toString("hex")}@example.com`;
    const id = await makeUser(pool, { email });
    await lock(pool, email);
    const before = (await pool.query(`select "sessionVersion", "passwordHash" from "User" where id = $1`, [id])).rows[0];

    const r = await admin(["reset-password", email.toUpperCase()]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [password, ...again] = printed(r);
    expect(again).toEqual([]);
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(r.stdout.split(password)).toHaveLength(2); // printed once, nowhere else
    expect(r.stdout).toContain(`The password of ${email} is reset and every session of theirs has ended.`);
    expect(r.stdout).toContain(`The sign-in lock on ${email} is lifted too.`);
    expect(r.stdout).toContain("Recorded in the audit trail as user.password_reset.");

    const after = (await pool.query(`select "sessionVersion", "passwordHash", "mustChangePassword" from "User" where id = $1`, [id])).rows[0];
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(true);
    expect(await verifyPassword(after.passwordHash, password)).toBe(true);
    expect(await verifyPassword(after.passwordHash, "old-password-123")).toBe(false);
    expect((await pool.query(`select 1 from "LoginThrottle" where email = $1`, [email])).rowCount).toBe(0);
    const audit = (
      await pool.query(
        `select "actorId", "actorEmail", "targetType", "targetId", "after"::text as after from "AuditEvent" where action = 'user.password_reset' and "targetName" = $1`,
        [email],
      )
    ).rows;
    expect(audit).toEqual([{ actorId: null, actorEmail: "system", targetType: "user", targetId: id, after: expect.not.stringContaining(password) }]);
  });

  it("unlock lifts a lock once and is audited; refusals exit 1 and bad usage 2", { timeout: 240_000 }, async () => {
    const email = `locked-${crypto.randomBytes(3).toString("hex")}@example.com`;
    const id = await makeUser(pool, { email, role: "viewer" });
    await lock(pool, email);

    const r = await admin(["unlock", email]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Unlocked ${email.replace(".", "\\.")}: its lock \\(1[45] minutes left\\) and 7 failed sign-ins are forgotten\\.`));
    expect((await pool.query(`select 1 from "LoginThrottle" where email = $1`, [email])).rowCount).toBe(0);
    const audit = (
      await pool.query(`select "actorId", "actorEmail", "targetType", "targetId" from "AuditEvent" where action = 'user.unlock' and "targetName" = $1`, [email])
    ).rows;
    expect(audit).toEqual([{ actorId: null, actorEmail: "system", targetType: "user", targetId: id }]);

    const nothing = await admin(["unlock", email]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain(`${email} is not locked and has no failed sign-ins: nothing to do.`);
    expect((await pool.query(`select count(*)::int as n from "AuditEvent" where action = 'user.unlock' and "targetName" = $1`, [email])).rows[0].n).toBe(1);

    const sso = `sso-${crypto.randomBytes(3).toString("hex")}@example.com`;
    await makeUser(pool, { email: sso, sso: true });
    const refused = await admin(["reset-password", sso]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`${sso} signs in through single sign-on and has no password to reset: their identity provider manages it.`);
    expect(printed(refused)).toEqual([]);
    const unknown = await admin(["reset-password", "nobody@example.com"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe("No user has the email nobody@example.com.");

    for (const args of [[], ["reset-password"], ["reset-password", "not-an-email"], ["unlock", "a@b", "c@d"], ["reset-admin-password", "a@b"]]) {
      const bad = await admin(args);
      expect(bad.code, args.join(" ")).toBe(2);
      expect(bad.stderr, args.join(" ")).toContain(USAGE);
    }
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it(
    "beside a console running on the embedded database it uses that server and leaves it running; with none running it starts and stops one",
    { timeout: 240_000 },
    async () => {
      // A console's data folder as the launcher keeps it: <data>/postgres and <data>/postgres.password.
      const consoleData = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-admin-embedded-"));
      if (process.getuid?.() === 0) fs.chmodSync(consoleData, 0o777); // as root the server runs as the `postgres` user
      const password = crypto.randomBytes(12).toString("hex");
      fs.writeFileSync(path.join(consoleData, "postgres.password"), `${password}\n`, { mode: 0o600 });
      const port = await freePort();
      let server: EmbeddedServer | null = await startEmbeddedPostgres({ dataDir: path.join(consoleData, "postgres"), port, password });
      try {
        await server.createDatabaseIfMissing("console");
        await migrateDeploy(server.urlFor("console"), { quiet: true });
        const local = new pg.Pool({ connectionString: server.urlFor("console"), max: 1 });
        try {
          const email = "admin@localhost";
          await makeUser(local, { email });
          const env = { DATABASE_URL: undefined, CONSOLE_DATA_DIR: consoleData, EMBEDDED_PG_PORT: String(await freePort()) };

          const beside = await admin(["reset-password", email], env);
          expect(beside.stderr).toBe("");
          expect(beside.code).toBe(0);
          expect(beside.stdout).toContain(`database: the embedded PostgreSQL of the console running from this folder (pid `);
          expect(beside.stdout).toContain(`127.0.0.1:${port}`);
          const [first] = printed(beside);
          const hash = (await local.query(`select "passwordHash" from "User" where email = $1`, [email])).rows[0].passwordHash;
          expect(await verifyPassword(hash, first)).toBe(true);
          expect((await local.query("select 1")).rowCount).toBe(1); // still running

          await local.end();
          await server.stop();
          server = null;
          const alone = await admin(["reset-password", email], env);
          expect(alone.stderr).toBe("");
          expect(alone.code).toBe(0);
          expect(alone.stdout).toMatch(/database: embedded PostgreSQL 17 on 127\.0\.0\.1:\d+, data in .* \(reused;/);
          expect(alone.stdout).toContain("embedded PostgreSQL stopped");
          expect(printed(alone)).toHaveLength(1);
          expect(printed(alone)[0]).not.toBe(first);
          expect(fs.existsSync(path.join(consoleData, "postgres", "postmaster.pid"))).toBe(false);
        } finally {
          await local.end().catch(() => {});
        }
      } finally {
        await server?.stop();
        fs.rmSync(consoleData, { recursive: true, force: true });
      }
    },
  );
});
