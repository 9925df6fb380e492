import fs from "node:fs";
import path from "node:path";
import { checkReachable, type ResolvedDatabase } from "./database";
import { maskDatabaseUrl } from "./mask-url";
import { relocatedDataDir } from "./root-placement";
import { StartupError } from "./startup-error";

/**
 * The embedded PostgreSQL a running console already serves from this data folder, for the commands that may run
 * beside it (`npm run admin`). Starting a second server on the folder is refused (embedded-postgres.ts, "in use by
 * another PostgreSQL process"); these commands connect to the running one instead and leave it running.
 */

export interface RunningServer {
  pid: number;
  port: number;
  /** the cluster's folder: <data>/postgres, or its stand-in under ROOT_HOME when the console runs as root */
  dataDir: string;
  movedFrom?: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shared memory key, status — one a
 * line. A file whose process is gone is a crash's leftover: nothing runs.
 */
export function findRunningServer(consoleDataDir: string, home?: string): RunningServer | null {
  const inProject = path.join(path.resolve(consoleDataDir), "postgres");
  const candidates = [{ dataDir: inProject }, { dataDir: relocatedDataDir(inProject, home), movedFrom: inProject }];
  for (const c of candidates) {
    let lines: string[];
    try {
      lines = fs.readFileSync(path.join(c.dataDir, "postmaster.pid"), "utf8").split("\n");
    } catch {
      continue;
    }
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0 && pidAlive(pid)) return { pid, port, ...c };
  }
  return null;
}

/** The running server's URL for the console's database, with the password the launcher keeps beside the data folder. */
export function runningServerUrl(server: RunningServer, consoleDataDir: string, database = "console"): string {
  const file = path.join(consoleDataDir, "postgres.password");
  let password: string;
  if (fs.existsSync(file)) password = fs.readFileSync(file, "utf8").trim();
  else if (!server.movedFrom)
    password = "postgres"; // a data folder made before passwords were generated
  else
    throw new StartupError(
      `The embedded PostgreSQL for ${server.movedFrom} runs from ${server.dataDir}, but its password file ${file} is gone: restore it, or stop the console and set DATABASE_URL.`,
    );
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${server.port}/${encodeURIComponent(database)}`;
}

/** The database of the console running on this data folder, if one is: connected, never started or stopped here. */
export async function attachToRunningEmbedded(opts: { dataDir: string; home?: string }): Promise<ResolvedDatabase | null> {
  const server = findRunningServer(opts.dataDir, opts.home);
  if (!server) return null;
  const url = runningServerUrl(server, opts.dataDir);
  try {
    await checkReachable(url);
  } catch (e) {
    throw new StartupError(
      `An embedded PostgreSQL (pid ${server.pid}) is running on ${server.dataDir} — a console started from this folder — but connecting to it at ${maskDatabaseUrl(url)} failed: ${(e as Error).message.split("\n")[0]}\n` +
        `Stop that console and run this again (the command then starts the database itself), or set DATABASE_URL.`,
    );
  }
  return {
    url,
    description: `the embedded PostgreSQL of the console running from this folder (pid ${server.pid}, 127.0.0.1:${server.port}, data in ${server.dataDir}); left running`,
    embedded: null,
  };
}
