import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveDatabase } from "@/lib/bootstrap/database";
import { EMBEDDED_PG_MAJOR, freePort, StartupError } from "@/lib/bootstrap/embedded-postgres";
import { relocatedDataDir } from "@/lib/bootstrap/root-placement";
import { seedFirstAdmin } from "@/lib/bootstrap/seed-admin";
import { createPrismaClient, type PrismaClient } from "@/lib/db-client";
import { verifyPassword } from "@/lib/security/password";
import { provisionTestDatabase, type TestDatabase } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const CHILD_TIMEOUT_MS = 60_000;

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
  timedOut: boolean;
}

/** Runs `tsx lib/bootstrap/cli.ts start` with exactly the given environment; kills its process group after 60 s. */
function runCli(env: NodeJS.ProcessEnv): Promise<CliResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["lib/bootstrap/cli.ts", "start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d) => chunks.push(d));
    child.stderr.on("data", (d) => chunks.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, CHILD_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: Buffer.concat(chunks).toString(), ms: Date.now() - t0, timedOut });
    });
  });
}

/** A copy of this process's environment with overrides; `undefined` removes a variable. */
function envWith(over: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

const tmpDirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-boot-"));
  tmpDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

const NO_STACK = /^\s{4}at /m;

describe("launcher (cli.ts start) refuses to start, with a message a person can act on", () => {
  it("names an unreachable DATABASE_URL with its password masked", { timeout: 70_000 }, async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const r = await runCli(envWith({ NODE_ENV: "development", CONSOLE_DATA_DIR: dataDir, DATABASE_URL: `postgresql://u:supersecretpw@127.0.0.1:${port}/x` }));
    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("Cannot reach the database");
    expect(r.output).toContain(`postgresql://u:****@127.0.0.1:${port}/x`);
    expect(r.output).not.toContain("supersecretpw");
    expect(r.output).not.toMatch(NO_STACK);
    expect(fs.existsSync(path.join(dataDir, "postgres"))).toBe(false);
  });

  it("a setting below its minimum stops the start before anything starts, naming the variable and its rule", { timeout: 70_000 }, async () => {
    const dataDir = tempDir();
    const r = await runCli(
      envWith({ NODE_ENV: "development", CONSOLE_DATA_DIR: dataDir, DATABASE_URL: undefined, COLLECTOR_INTERVAL_SECONDS: "30", PORT: "http" }),
    );
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.output).toContain("cannot start: Invalid console configuration");
    expect(r.output).toContain("COLLECTOR_INTERVAL_SECONDS: must be at least 60");
    expect(r.output).toContain("PORT: must be a whole number from 1 to 65535");
    expect(r.output).not.toMatch(NO_STACK);
    expect(r.output).not.toMatch(/database: |embedded PostgreSQL \d+ on|Next\.js/);
    expect(fs.existsSync(path.join(dataDir, "postgres"))).toBe(false);
  });

  it("DATABASE_URL=mysql://… is refused as not a postgresql:// URL, before any connection is tried", { timeout: 70_000 }, async () => {
    const r = await runCli(envWith({ NODE_ENV: "development", CONSOLE_DATA_DIR: tempDir(), DATABASE_URL: "mysql://u:supersecretpw@127.0.0.1:3306/x" }));
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.output).toContain("DATABASE_URL: DATABASE_URL must be a postgresql:// connection string");
    expect(r.output).not.toContain("Cannot reach the database");
    expect(r.output).not.toContain("supersecretpw");
    expect(r.output).not.toMatch(NO_STACK);
  });

  it("in production without CONSOLE_ENCRYPTION_KEY fails fast, before any database is started", { timeout: 70_000 }, async () => {
    const dataDir = tempDir();
    const r = await runCli(envWith({ NODE_ENV: "production", CONSOLE_DATA_DIR: dataDir, CONSOLE_ENCRYPTION_KEY: undefined, DATABASE_URL: undefined }));
    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("CONSOLE_ENCRYPTION_KEY is not set");
    expect(r.output).not.toMatch(NO_STACK);
    expect(r.output).not.toMatch(/database: |embedded PostgreSQL \d+ on/);
    // nothing was started or written: no cluster and no generated key in the data folder
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(r.ms).toBeLessThan(20_000);
  });

  it("in production with a malformed CONSOLE_ENCRYPTION_KEY says so, naming the variable", { timeout: 70_000 }, async () => {
    const dataDir = tempDir();
    const r = await runCli(envWith({ NODE_ENV: "production", CONSOLE_DATA_DIR: dataDir, CONSOLE_ENCRYPTION_KEY: "garbage", DATABASE_URL: undefined }));
    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/CONSOLE_ENCRYPTION_KEY is malformed/);
    expect(r.output).not.toContain("garbage");
    expect(r.output).not.toMatch(NO_STACK);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("refuses an embedded data folder from another PostgreSQL major version, without a stack trace", { timeout: 70_000 }, async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, "postgres"));
    fs.writeFileSync(path.join(dataDir, "postgres", "PG_VERSION"), "15\n");
    const r = await runCli(envWith({ NODE_ENV: "development", CONSOLE_DATA_DIR: dataDir, DATABASE_URL: undefined }));
    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("cannot start");
    expect(r.output).toMatch(new RegExp(`created by PostgreSQL 15, but this console embeds PostgreSQL ${EMBEDDED_PG_MAJOR}`));
    expect(r.output).not.toMatch(NO_STACK);
    // the old folder is left as it was
    expect(fs.readdirSync(path.join(dataDir, "postgres"))).toEqual(["PG_VERSION"]);
  });
});

describe("resolveDatabase", () => {
  it("uses DATABASE_URL when set and starts nothing", async () => {
    const url = process.env.DATABASE_URL!;
    const dataDir = tempDir();
    const resolved = await resolveDatabase({ dataDir, port: await freePort() });
    expect(resolved.url).toBe(url);
    expect(resolved.embedded).toBeNull();
    expect(resolved.description).toContain("(DATABASE_URL)");
    if (new URL(url).password) expect(resolved.description).toContain(":****@");
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("fails with a StartupError when DATABASE_URL is unreachable", async () => {
    const saved = process.env.DATABASE_URL;
    const port = await freePort();
    process.env.DATABASE_URL = `postgresql://u:pw-xyz@127.0.0.1:${port}/x`;
    try {
      const err = await resolveDatabase({ dataDir: tempDir(), port: await freePort() }).catch((e) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toContain("Cannot reach the database");
      expect(err.message).not.toContain("pw-xyz");
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});

// Only root meets this: PostgreSQL then runs as the `postgres` user (test/smoke/root-quickstart.sh runs the whole quick start so).
describe.runIf(process.getuid?.() === 0)("resolveDatabase as root, for a project inside a mode-700 folder (like /root)", () => {
  async function query(url: string, sql: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it(
    "keeps the database where the postgres user can reach it, says so, reuses it on the next start, and refuses it without its password",
    { timeout: 120_000 },
    async () => {
      const home = tempDir();
      fs.chmodSync(home, 0o700);
      const dataDir = path.join(home, "project", ".data");
      const inProject = path.join(dataDir, "postgres");
      const moved = relocatedDataDir(inProject);
      const saved = process.env.DATABASE_URL;
      delete process.env.DATABASE_URL;
      try {
        const first = await resolveDatabase({ dataDir, port: await freePort() });
        try {
          expect(first.embedded!.dataDir).toBe(moved);
          expect(first.description).toContain(`data in ${moved} (created;`);
          expect(first.notice).toContain(`cannot enter ${home}, so the data for ${inProject} is kept in ${moved}`);
          expect(fs.statSync(moved).uid).toBe(Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })));
          expect(fs.existsSync(inProject)).toBe(false);
          expect(fs.existsSync(path.join(dataDir, "postgres.password"))).toBe(true);
          await query(first.url, "create table kept (v text); insert into kept values ('across restarts')");
        } finally {
          await first.embedded!.stop();
        }
        expect(fs.existsSync(path.join(moved, "postmaster.pid"))).toBe(false);

        const second = await resolveDatabase({ dataDir, port: await freePort() });
        try {
          expect(second.embedded!.dataDir).toBe(moved);
          expect(second.description).toContain("(reused;");
          expect(await query(second.url, "select v from kept")).toEqual([{ v: "across restarts" }]);
        } finally {
          await second.embedded!.stop();
        }

        fs.rmSync(path.join(dataDir, "postgres.password"));
        const refused = await resolveDatabase({ dataDir, port: await freePort() }).catch((e) => e);
        expect(refused).toBeInstanceOf(StartupError);
        expect(refused.message).toContain(moved);
        expect(refused.message).toContain("password file");
        expect(refused.message).not.toContain("\n");
      } finally {
        process.env.DATABASE_URL = saved;
        fs.rmSync(path.dirname(moved), { recursive: true, force: true });
      }
    },
  );
});

describe("seedFirstAdmin on a fresh database", () => {
  let database: TestDatabase;
  let seedDb: PrismaClient;
  let savedEnv: NodeJS.ProcessEnv;
  let lines: string[];
  const log = (line: string) => void lines.push(line);

  beforeAll(async () => {
    database = await provisionTestDatabase("seed");
    seedDb = createPrismaClient(database.url, { max: 2 });
  });
  afterAll(async () => {
    await seedDb?.$disconnect();
    await database?.teardown();
  });
  beforeEach(async () => {
    savedEnv = { ...process.env };
    lines = [];
    await seedDb.user.deleteMany();
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  });

  it("creates exactly one admin from ADMIN_EMAIL/ADMIN_PASSWORD, with an audit row, and nothing on a second call", async () => {
    process.env.ADMIN_EMAIL = "  First.Admin@Example.com ";
    process.env.ADMIN_PASSWORD = "correct-horse-battery-staple";
    await seedFirstAdmin({ databaseUrl: database.url, production: true, log });
    const users = await seedDb.user.findMany();
    expect(users).toHaveLength(1);
    const [admin] = users;
    expect(admin).toMatchObject({ email: "first.admin@example.com", role: "admin", provider: "local", mustChangePassword: false, disabled: false });
    expect(await verifyPassword(admin.passwordHash!, "correct-horse-battery-staple")).toBe(true);
    const audit = await seedDb.auditEvent.findMany({ where: { targetId: admin.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorEmail: "system", actorId: null, action: "user.create", targetType: "user", targetName: admin.email });
    expect(JSON.stringify(audit[0].after)).not.toContain("correct-horse");
    expect(lines.join("\n")).toContain("first.admin@example.com");
    expect(lines.join("\n")).not.toContain("correct-horse");

    // a second start creates nothing, even with other values
    process.env.ADMIN_EMAIL = "someone.else@example.com";
    process.env.ADMIN_PASSWORD = "another-long-password";
    const auditCount = await seedDb.auditEvent.count();
    lines = [];
    await seedFirstAdmin({ databaseUrl: database.url, production: true, log });
    expect(await seedDb.user.count()).toBe(1);
    expect(await seedDb.auditEvent.count()).toBe(auditCount);
    expect(lines).toEqual([]);
    expect((await seedDb.user.findFirstOrThrow()).passwordHash).toBe(admin.passwordHash);
  });

  it("in development without ADMIN_* creates admin@localhost with a generated password shown once", async () => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    await seedFirstAdmin({ databaseUrl: database.url, production: false, log });
    const users = await seedDb.user.findMany();
    expect(users).toHaveLength(1);
    const [admin] = users;
    expect(admin).toMatchObject({ email: "admin@localhost", role: "admin", mustChangePassword: true });
    const match = lines.join("\n").match(/one-time password (\S+)/);
    expect(match).not.toBeNull();
    const password = match![1];
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await verifyPassword(admin.passwordHash!, password)).toBe(true);
    expect(lines.filter((l) => l.includes(password))).toHaveLength(1);
    const audit = await seedDb.auditEvent.findMany({ where: { targetId: admin.id } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).not.toContain(password);
  });

  it("in production without ADMIN_EMAIL/ADMIN_PASSWORD throws a StartupError naming ADMIN_EMAIL and creates nothing", async () => {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    const auditCount = await seedDb.auditEvent.count();
    const err = await seedFirstAdmin({ databaseUrl: database.url, production: true, log }).catch((e) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toContain("ADMIN_EMAIL");
    expect(await seedDb.user.count()).toBe(0);
    expect(await seedDb.auditEvent.count()).toBe(auditCount);

    // an email alone is not enough in production
    process.env.ADMIN_EMAIL = "ops@example.com";
    await expect(seedFirstAdmin({ databaseUrl: database.url, production: true, log })).rejects.toBeInstanceOf(StartupError);
    expect(await seedDb.user.count()).toBe(0);
  });

  it("refuses a short ADMIN_PASSWORD or a malformed ADMIN_EMAIL", async () => {
    process.env.ADMIN_EMAIL = "ops@example.com";
    process.env.ADMIN_PASSWORD = "short";
    await expect(seedFirstAdmin({ databaseUrl: database.url, production: false, log })).rejects.toThrow(/ADMIN_PASSWORD must be at least 12/);
    process.env.ADMIN_EMAIL = "not an email";
    process.env.ADMIN_PASSWORD = "long-enough-password";
    await expect(seedFirstAdmin({ databaseUrl: database.url, production: false, log })).rejects.toBeInstanceOf(StartupError);
    expect(await seedDb.user.count()).toBe(0);
  });
});
