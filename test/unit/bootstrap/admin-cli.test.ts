import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatReset, formatUnlock, parseAdminArgs } from "@/lib/bootstrap/admin-cli";
import { relocatedDataDir } from "@/lib/bootstrap/root-placement";
import { findRunningServer, runningServerUrl } from "@/lib/bootstrap/running-embedded";
import { StartupError } from "@/lib/bootstrap/startup-error";

describe("parseAdminArgs", () => {
  it("reads reset-password and unlock with one email, lower-cased", () => {
    expect(parseAdminArgs(["reset-password", " Admin@LocalHost "])).toEqual({ command: "reset-password", email: "admin@localhost" });
    expect(parseAdminArgs(["unlock", "ops@corp"])).toEqual({ command: "unlock", email: "ops@corp" });
  });

  it("says what is wrong with anything else", () => {
    expect(parseAdminArgs([])).toEqual({ error: "missing admin command" });
    expect(parseAdminArgs(["reset-admin-password", "a@b"])).toEqual({ error: 'unknown admin command "reset-admin-password"' });
    expect(parseAdminArgs(["unlock"])).toEqual({ error: "admin unlock: which email?" });
    expect(parseAdminArgs(["unlock", "a@b", "c@d"])).toEqual({ error: "admin unlock takes one email, not 2 arguments" });
    expect(parseAdminArgs(["reset-password", "admin"])).toEqual({ error: 'admin reset-password: "admin" is not an email address' });
  });
});

describe("formatReset / formatUnlock", () => {
  it("prints the one-time password exactly once, and says what else happened", () => {
    const lines = formatReset({ email: "a@b", password: "Pw0123456789abcdefgh", disabled: true, unlocked: true });
    expect(lines.join("\n").split("Pw0123456789abcdefgh")).toHaveLength(2);
    expect(lines).toContain("  One-time password: Pw0123456789abcdefgh");
    expect(lines).toContain("The sign-in lock on a@b is lifted too.");
    expect(lines).toContain("Note: a@b is disabled; an admin must enable it (Users page) before it can sign in.");
    const plain = formatReset({ email: "a@b", password: "x", disabled: false, unlocked: false });
    expect(plain.join("\n")).not.toMatch(/lock|disabled/);
  });

  it("tells a lifted lock from forgotten failures and from nothing to do", () => {
    expect(formatUnlock({ email: "a@b", userId: "u", cleared: { failures: 7, lockedSeconds: 61 } })[0]).toBe(
      "Unlocked a@b: its lock (2 minutes left) and 7 failed sign-ins are forgotten.",
    );
    expect(formatUnlock({ email: "a@b", userId: "u", cleared: { failures: 1, lockedSeconds: 0 } })[0]).toBe(
      "a@b was not locked; its 1 failed sign-in is forgotten.",
    );
    expect(formatUnlock({ email: "a@b", userId: null, cleared: null })).toEqual([
      "a@b is not locked and has no failed sign-ins: nothing to do.",
      "(No account has the email a@b; the sign-in throttle counts guesses at any email.)",
    ]);
  });
});

describe("findRunningServer: the embedded PostgreSQL a running console serves from its data folder", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-running-"));
    dirs.push(d);
    return d;
  };
  const pidFile = (dataDir: string, pid: number, port: number) => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "postmaster.pid"), `${pid}\n${dataDir}\n1700000000\n${port}\n/tmp\n127.0.0.1\n  1234  5678\nready   \n`);
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("finds a live postmaster in <data>/postgres, or in root's stand-in folder, and nothing for a dead one", () => {
    const data = tmp();
    const home = tmp();
    expect(findRunningServer(data, home)).toBeNull();
    pidFile(path.join(data, "postgres"), 2 ** 22 + 12345, 54321); // beyond pid_max: not running
    expect(findRunningServer(data, home)).toBeNull();
    pidFile(relocatedDataDir(path.join(data, "postgres"), home), process.pid, 54399);
    expect(findRunningServer(data, home)).toEqual({
      pid: process.pid,
      port: 54399,
      dataDir: relocatedDataDir(path.join(data, "postgres"), home),
      movedFrom: path.join(data, "postgres"),
    });
    pidFile(path.join(data, "postgres"), process.pid, 54321);
    expect(findRunningServer(data, home)).toEqual({ pid: process.pid, port: 54321, dataDir: path.join(data, "postgres") });
  });

  it("connects with the password kept beside the data folder; without it, an old folder's fixed one, a moved one refused", () => {
    const data = tmp();
    const server = { pid: 1, port: 54321, dataDir: path.join(data, "postgres") };
    expect(runningServerUrl(server, data)).toBe("postgresql://postgres:postgres@127.0.0.1:54321/console");
    expect(() => runningServerUrl({ ...server, movedFrom: "/root/x/.data/postgres" }, data)).toThrow(StartupError);
    fs.writeFileSync(path.join(data, "postgres.password"), "s3/cr:t\n");
    expect(runningServerUrl(server, data)).toBe("postgresql://postgres:s3%2Fcr%3At@127.0.0.1:54321/console");
  });
});
