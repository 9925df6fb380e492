import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveDatabase } from "@/lib/bootstrap/database";
import { freePort, StartupError } from "@/lib/bootstrap/embedded-postgres";
import { relocatedDataDir } from "@/lib/bootstrap/root-placement";
import { seedFirstAdmin } from "@/lib/bootstrap/seed-admin";
import { createPrismaClient, type PrismaClient } from "@/lib/db-client";
import { verifyPassword } from "@/lib/security/password";
import { provisionTestDatabase, type TestDatabase } from "../support/test-db";
import { tempDir } from "../support/bootstrap-fixtures";

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
