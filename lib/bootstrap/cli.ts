/**
 * The console's launcher: `dev` and `start` resolve the database (DATABASE_URL, or an embedded PostgreSQL),
 * apply migrations, make sure keys and the first admin exist, then run Next.js and stop the database on exit.
 * `prisma ...` runs the Prisma CLI against the same database.
 */
import "dotenv/config";
import exitHook from "async-exit-hook";
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { authUrlEnv } from "./auth-url";
import { resolveDatabase, type ResolvedDatabase } from "./database";
import { StartupError } from "./embedded-postgres";
import { ensureAuthSecret, ensureEncryptionKey } from "./keys";
import { migrateDeploy, runPrisma } from "./migrate";
import { seedFirstAdmin } from "./seed-admin";
import { seedInstances } from "./seed-instances";

const log = (line: string) => console.log(line ? `[console] ${line}` : "");
const root = path.resolve(__dirname, "../..");

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || !["dev", "start", "prisma"].includes(command)) {
    console.error("usage: cli.ts dev|start|prisma <args...>");
    process.exit(2);
  }
  const production = process.env.NODE_ENV === "production";
  const dataDir = path.resolve(root, process.env.CONSOLE_DATA_DIR ?? ".data");
  const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54320);
  const t0 = Date.now();

  let database: ResolvedDatabase | null = null;
  let child: ChildProcess | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (database?.embedded) {
      await database.embedded.stop().catch((e) => console.error(`[console] stopping the embedded database: ${e}`));
      log("embedded PostgreSQL stopped");
    }
    process.exit(code);
  };
  // embedded-postgres hooks these signals to stop its servers and exit at once; the launcher stops in order
  // instead: Next.js first, then the database.
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(sig);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      if (child && child.exitCode === null) child.kill(sig);
      else void shutdown(130);
    });
  }

  try {
    if (production && !process.env.DATABASE_URL) {
      log("WARNING: NODE_ENV=production without DATABASE_URL: using the embedded single-node database. Use your own PostgreSQL server for production.");
    }
    // Keys first: a production start without them fails before anything is started.
    const encryptionKey = command === "prisma" ? "" : ensureEncryptionKey({ dataDir, production, log });
    const authSecret = command === "prisma" ? "" : ensureAuthSecret({ dataDir, production, log });
    database = await resolveDatabase({ dataDir, port: pgPort });
    log(`database: ${database.description}`);
    if (database.notice) log(database.notice);
    if (command === "prisma") {
      await runPrisma(rest, database.url);
      return shutdown(0);
    }
    await migrateDeploy(database.url, { quiet: true });
    log("migrations applied");
    await seedFirstAdmin({ databaseUrl: database.url, production, log });
    if (process.env.CONSOLE_SEED_INSTANCES) {
      await seedInstances({ databaseUrl: database.url, encryptionKey, file: path.resolve(process.env.CONSOLE_SEED_INSTANCES), log });
    }

    const port = process.env.PORT ?? "3000";
    const host = process.env.HOSTNAME ?? "0.0.0.0";
    const nextBin = path.join(root, "node_modules/next/dist/bin/next");
    const args = [nextBin, command, "-p", port, "-H", host, ...rest];
    const auth = authUrlEnv({ command: command as "dev" | "start", production, port, env: process.env });
    log(`ready to start Next.js after ${Date.now() - t0} ms; console on http://localhost:${port}`);
    log(auth.note);
    child = spawn(process.execPath, args, {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        CONSOLE_ENCRYPTION_KEY: encryptionKey,
        NEXTAUTH_SECRET: authSecret,
        ...auth.env,
        NEXT_TELEMETRY_DISABLED: "1",
        // A modest heap cap keeps the console's memory flat: without it V8 lets garbage from polling grow
        // the heap toward its default limit. Operators can override it with their own NODE_OPTIONS.
        NODE_OPTIONS: /max-old-space-size/.test(process.env.NODE_OPTIONS ?? "") ? process.env.NODE_OPTIONS : `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${process.env.CONSOLE_MAX_HEAP_MB ?? 256}`.trim(),
      },
    });
    // A child killed by a signal (e.g. the OOM killer's SIGKILL) exits the launcher with 128 + its number.
    child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  } catch (e) {
    if (e instanceof StartupError) console.error(`\n[console] cannot start: ${e.message}\n`);
    else console.error(e);
    await shutdown(1);
  }
}

void main();
