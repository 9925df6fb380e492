/**
 * Where the embedded PostgreSQL's data lives when the console runs as root, and why: PostgreSQL then runs as the
 * `postgres` system user, who usually cannot enter the project (`/root` is mode 700, and so is many a home folder).
 * Pure but for `fs.statSync` (injectable); root-postgres.ts does the rest.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StartupError } from "./startup-error";

/** Where root keeps what the `postgres` user must reach. Not a temporary folder: the data must survive reboots. */
export const ROOT_HOME = "/var/lib/harbor-fleet-console";
/** The system user PostgreSQL runs as when the console runs as root. */
export const PG_SYSTEM_USER = "postgres";
const PG_USER = PG_SYSTEM_USER;

export interface PosixIds {
  uid: number;
  gid: number;
}
export interface DirStat {
  mode: number;
  uid: number;
  gid: number;
}

/** Whether a process with exactly these ids may enter a directory (libuv drops supplementary groups when it switches user). */
export function mayEnter(st: DirStat, ids: PosixIds): boolean {
  if (ids.uid === 0) return true;
  if (st.uid === ids.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === ids.gid) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/** The first directory from `/` down to `dir` (itself included) that `ids` may not enter, or null. Missing ones end the walk. */
export function firstClosedDir(dir: string, ids: PosixIds, stat: (p: string) => DirStat = fs.statSync): string | null {
  const chain: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of chain) {
    let st: DirStat;
    try {
      st = stat(d);
    } catch {
      return null;
    }
    if (!mayEnter(st, ids)) return d;
  }
  return null;
}

/** The data folder that stands in for `dataDir` when the `postgres` user cannot reach it: one per project data path. */
export function relocatedDataDir(dataDir: string, home = ROOT_HOME): string {
  const hash = crypto.createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(home, hash, "postgres");
}

export interface DataPlacement {
  dataDir: string;
  /** the project's data path, when the cluster lives elsewhere */
  movedFrom?: string;
  /** the directory the `postgres` user cannot enter, when that is why */
  closedDir?: string;
}

/**
 * Where the cluster for `dataDir` lives as root. A cluster already in the project stays there (it is never moved
 * silently; unreachable, it is refused); one already relocated stays relocated; a new one goes to the project when
 * the `postgres` user can reach it, else to ROOT_HOME.
 */
export function placeRootData(opts: { dataDir: string; closedDir: string | null; hasCluster: (dir: string) => boolean; home?: string }): DataPlacement {
  const { dataDir, closedDir } = opts;
  const moved = relocatedDataDir(dataDir, opts.home);
  if (opts.hasCluster(dataDir)) {
    if (closedDir) {
      throw new StartupError(
        `The embedded database in ${dataDir} cannot be used as root: PostgreSQL then runs as the \`${PG_USER}\` user, who cannot enter ${closedDir}; run the console as the user who created it, move that folder to ${moved}, or set DATABASE_URL.`,
      );
    }
    return { dataDir };
  }
  if (opts.hasCluster(moved)) return { dataDir: moved, movedFrom: dataDir, ...(closedDir ? { closedDir } : {}) };
  if (!closedDir) return { dataDir };
  return { dataDir: moved, movedFrom: dataDir, closedDir };
}
