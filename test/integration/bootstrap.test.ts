import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMBEDDED_PG_MAJOR, freePort } from "@/lib/bootstrap/embedded-postgres";
import { envWith, NO_STACK, runCli, tempDir } from "../support/bootstrap-fixtures";

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
