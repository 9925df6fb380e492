import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rootNotice } from "@/lib/bootstrap/database";
import { firstClosedDir, mayEnter, placeRootData, relocatedDataDir, ROOT_HOME, type DirStat } from "@/lib/bootstrap/root-placement";
import { StartupError } from "@/lib/bootstrap/startup-error";

const PG = { uid: 101, gid: 104 };

describe("mayEnter: the directory permission check, as PostgreSQL's process would meet it", () => {
  it("uses the owner bits for the owner, the group bits for the group, the other bits for everyone else", () => {
    expect(mayEnter({ mode: 0o700, uid: 0, gid: 0 }, PG)).toBe(false); // /root
    expect(mayEnter({ mode: 0o755, uid: 0, gid: 0 }, PG)).toBe(true);
    expect(mayEnter({ mode: 0o711, uid: 0, gid: 0 }, PG)).toBe(true); // enter without listing is enough
    expect(mayEnter({ mode: 0o700, uid: 101, gid: 0 }, PG)).toBe(true);
    expect(mayEnter({ mode: 0o070, uid: 101, gid: 104 }, PG)).toBe(false); // the owner bits decide for the owner
    expect(mayEnter({ mode: 0o750, uid: 0, gid: 104 }, PG)).toBe(true);
    expect(mayEnter({ mode: 0o705, uid: 0, gid: 104 }, PG)).toBe(false); // the group bits decide for the group
    expect(mayEnter({ mode: 0o750, uid: 0, gid: 105 }, PG)).toBe(false); // supplementary groups are dropped
  });
});

describe("firstClosedDir", () => {
  const tree: Record<string, DirStat> = {
    "/": { mode: 0o755, uid: 0, gid: 0 },
    "/root": { mode: 0o700, uid: 0, gid: 0 },
    "/root/x": { mode: 0o755, uid: 0, gid: 0 },
    "/home": { mode: 0o755, uid: 0, gid: 0 },
    "/home/alice": { mode: 0o750, uid: 1000, gid: 1000 },
    "/srv": { mode: 0o755, uid: 0, gid: 0 },
    "/srv/app": { mode: 0o755, uid: 0, gid: 0 },
    "/srv/app/.data": { mode: 0o700, uid: 0, gid: 0 },
  };
  const stat = (p: string) => {
    const st = tree[p];
    if (!st) throw Object.assign(new Error(`ENOENT ${p}`), { code: "ENOENT" });
    return st;
  };

  it("names the first directory on the way that the postgres user cannot enter", () => {
    expect(firstClosedDir("/root/x", PG, stat)).toBe("/root");
    expect(firstClosedDir("/home/alice", PG, stat)).toBe("/home/alice");
    expect(firstClosedDir("/srv/app/.data", PG, stat)).toBe("/srv/app/.data"); // the folder itself counts
  });

  it("is null when every directory is open, and stops at the first missing one", () => {
    expect(firstClosedDir("/srv/app", PG, stat)).toBeNull();
    expect(firstClosedDir("/srv/app/new/deeper", PG, stat)).toBeNull();
    expect(firstClosedDir("/", PG, stat)).toBeNull();
  });

  it("reads real modes from disk", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-closed-"));
    try {
      const other = { uid: 54321, gid: 54321 };
      fs.mkdirSync(path.join(tmp, "open", "deep"), { recursive: true });
      fs.chmodSync(tmp, 0o755);
      fs.chmodSync(path.join(tmp, "open"), 0o755);
      expect(firstClosedDir(path.join(tmp, "open", "deep"), other)).toBeNull();
      fs.chmodSync(tmp, 0o700);
      expect(firstClosedDir(path.join(tmp, "open", "deep"), other)).toBe(tmp);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("relocatedDataDir", () => {
  it("is one stable folder per project data path, under /var/lib/harbor-fleet-console", () => {
    const a = relocatedDataDir("/root/x/.data/postgres");
    expect(a).toMatch(new RegExp(`^${ROOT_HOME}/[0-9a-f]{16}/postgres$`));
    expect(ROOT_HOME).toBe("/var/lib/harbor-fleet-console");
    expect(relocatedDataDir("/root/x/.data/postgres")).toBe(a);
    expect(relocatedDataDir("/root/x/.data/../.data/postgres")).toBe(a);
    expect(relocatedDataDir("/root/y/.data/postgres")).not.toBe(a);
    expect(relocatedDataDir("/root/x/.data/postgres", "/elsewhere")).toMatch(/^\/elsewhere\/[0-9a-f]{16}\/postgres$/);
  });
});

describe("placeRootData: where the cluster lives when root runs the console", () => {
  const dataDir = "/root/x/.data/postgres";
  const moved = relocatedDataDir(dataDir, "/h");
  const clusters =
    (...dirs: string[]) =>
    (dir: string) =>
      dirs.includes(dir);

  it("keeps a new cluster in the project when the postgres user can reach it (as for every regular user)", () => {
    expect(placeRootData({ dataDir, closedDir: null, hasCluster: clusters(), home: "/h" })).toEqual({ dataDir });
  });

  it("moves a new cluster out of a project it cannot reach, saying from where and why", () => {
    expect(placeRootData({ dataDir, closedDir: "/root", hasCluster: clusters(), home: "/h" })).toEqual({
      dataDir: moved,
      movedFrom: dataDir,
      closedDir: "/root",
    });
  });

  it("finds the moved cluster again on the next start, even once the project became reachable", () => {
    expect(placeRootData({ dataDir, closedDir: "/root", hasCluster: clusters(moved), home: "/h" })).toEqual({
      dataDir: moved,
      movedFrom: dataDir,
      closedDir: "/root",
    });
    expect(placeRootData({ dataDir, closedDir: null, hasCluster: clusters(moved), home: "/h" })).toEqual({ dataDir: moved, movedFrom: dataDir });
  });

  it("keeps a cluster that is in the project, and refuses it in one sentence when it cannot be reached", () => {
    expect(placeRootData({ dataDir, closedDir: null, hasCluster: clusters(dataDir, moved), home: "/h" })).toEqual({ dataDir });
    let error: unknown;
    try {
      placeRootData({ dataDir, closedDir: "/root", hasCluster: clusters(dataDir), home: "/h" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as Error).message;
    expect(message).toContain(dataDir);
    expect(message).toContain("cannot enter /root");
    expect(message).toContain(moved); // what to do: where to move it
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain("\n");
  });
});

describe("rootNotice: the start-log line as root", () => {
  it("says who runs PostgreSQL, from where, and why the data is not in the project", () => {
    expect(rootNotice({ dataDir: "/srv/app/.data/postgres" })).toBeUndefined();
    expect(rootNotice({ dataDir: "/srv/app/.data/postgres", runAs: { user: "postgres", binDir: "/var/lib/harbor-fleet-console/postgres-17" } })).toBe(
      "running as root: PostgreSQL runs as the `postgres` system user from /var/lib/harbor-fleet-console/postgres-17",
    );
    const moved = "/var/lib/harbor-fleet-console/0123456789abcdef/postgres";
    const notice = rootNotice({ dataDir: moved, runAs: { user: "postgres", binDir: "/b", movedFrom: "/root/x/.data/postgres", closedDir: "/root" } });
    expect(notice).toContain("cannot enter /root, so the data for /root/x/.data/postgres is kept in " + moved);
  });
});
