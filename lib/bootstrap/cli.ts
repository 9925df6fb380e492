/**
 * The console's launcher: `dev` and `start` resolve the database (DATABASE_URL, or an embedded PostgreSQL),
 * apply migrations, make sure keys and the first admin exist, then run Next.js and stop the database on exit.
 * `prisma ...` runs the Prisma CLI against the same database; `keys status|rotate` reports on or rotates the
 * encryption key of stored secrets (keys-cli.ts), then stops the database; `admin reset-password|unlock <email>`
 * gives a user a new one-time password or lifts their sign-in lock (admin-cli.ts), beside a running console too.
 */
import "dotenv/config";
import exitHook from "async-exit-hook";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ADMIN_USAGE, parseAdminArgs, runAdmin } from "./admin-cli";
import { authUrlEnv } from "./auth-url";
import { resolveDatabase, type ResolvedDatabase } from "./database";
import { StartupError } from "./embedded-postgres";
import { nextNodeOptions } from "./heap";
import { ensureAuthSecret, ensureEncryptionKey, previousEncryptionKeys } from "./keys";
import { KEYS_USAGE, parseKeysArgs, runKeys } from "./keys-cli";
import { migrateDeploy, runPrisma } from "./migrate";
import { attachToRunningEmbedded } from "./running-embedded";
import { seedFirstAdmin } from "./seed-admin";
import { seedInstances } from "./seed-instances";
import { parseEncryptionKey } from "../env-schema";
import { listenUrl } from "./listen-url";
import { validateLaunchEnv } from "./launch-env";
import { checkReplicaKeys } from "./replica-keys";

const log = (line: string) => console.log(line ? `[console] ${line}` : "");
const root = path.resolve(__dirname, "../..");

/**
 * The console runs on the Node it installs (package.json: the `node` package, pinned; `engines.node` is ^ of it).
 * npm puts node_modules/.bin first on PATH, so `npm run dev|start` runs tsx on it, and Next.js and Prisma through
 * process.execPath. Started on another Node (tsx called directly, the `node` package's install script skipped), stop.
 */
function wrongNode(): string | null {
  const pinned: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies.node;
  const [major, minor, patch] = pinned.split(".").map(Number);
  const [m, n, p] = process.versions.node.split(".").map(Number);
  if (m === major && (n > minor || (n === minor && p >= patch))) return null;
  return `this is Node ${process.versions.node} (${process.execPath}); the console runs on Node ^${pinned}, which \`npm install\` puts into node_modules/.bin. Start it with \`npm run dev\` or \`npm start\`; if node_modules/.bin/node is missing, npm skipped the \`node\` package's install script: allow it and run \`npm install\` again.`;
}

async function main() {
  const unsupported = wrongNode();
  if (unsupported) {
    console.error(`\n[console] cannot start: ${unsupported}\n`);
    process.exit(1);
  }
  const [command, ...rest] = process.argv.slice(2);
  if (!command || !["dev", "start", "prisma", "keys", "admin"].includes(command)) {
    console.error("usage: cli.ts dev|start|prisma|keys|admin <args...>");
    process.exit(2);
  }
  const keysCommand = command === "keys" ? parseKeysArgs(rest) : null;
  if (keysCommand && "error" in keysCommand) {
    console.error(`${keysCommand.error}\n${KEYS_USAGE}`);
    process.exit(2);
  }
  const adminCommand = command === "admin" ? parseAdminArgs(rest) : null;
  if (adminCommand && "error" in adminCommand) {
    console.error(`${adminCommand.error}\n${ADMIN_USAGE}`);
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
    const encryptionKey = command === "prisma" || command === "admin" ? "" : ensureEncryptionKey({ dataDir, production, log, create: command !== "keys" });
    const needsAuthSecret = command === "dev" || command === "start" || keysCommand?.command === "accept-session-secret";
    const authSecret = needsAuthSecret ? ensureAuthSecret({ dataDir, production, log }) : "";
    const previousKeys = command === "prisma" || command === "admin" ? [] : previousEncryptionKeys(encryptionKey);
    // dev/start: every setting is checked before the database is touched; a bad one stops the start here.
    const settings = command === "dev" || command === "start" ? validateLaunchEnv({ env: process.env, encryptionKey, authSecret }) : null;
    // `admin` may run beside a console: on its embedded server, which a second start on the folder would refuse.
    database =
      (adminCommand && !process.env.DATABASE_URL && (await attachToRunningEmbedded({ dataDir }))) || (await resolveDatabase({ dataDir, port: pgPort }));
    log(`database: ${database.description}`);
    if (database.notice) log(database.notice);
    if (command === "prisma") {
      await runPrisma(rest, database.url);
      return shutdown(0);
    }
    if (keysCommand) {
      const keyring = { current: parseEncryptionKey(encryptionKey)!, previous: previousKeys };
      return shutdown(
        await runKeys({ command: keysCommand, databaseUrl: database.url, keyring, authSecret, out: (l) => console.log(l), err: (l) => console.error(l) }),
      );
    }
    if (adminCommand) {
      return shutdown(await runAdmin({ command: adminCommand, databaseUrl: database.url, out: (l) => console.log(l), err: (l) => console.error(l) }));
    }
    await migrateDeploy(database.url, { quiet: true });
    log("migrations applied");
    if (!settings) throw new Error(`unreachable: ${command}`);
    // This replica must open what the others sealed and sign sessions as they do, or it does not start.
    await checkReplicaKeys({
      databaseUrl: database.url,
      keyring: { current: parseEncryptionKey(encryptionKey)!, previous: previousKeys },
      authSecret,
      lostKeyIds: settings.CONSOLE_LOST_ENCRYPTION_KEYS,
      log,
    });
    await seedFirstAdmin({ databaseUrl: database.url, production, log });
    if (settings.CONSOLE_SEED_INSTANCES) {
      await seedInstances({ databaseUrl: database.url, encryptionKey, file: path.resolve(settings.CONSOLE_SEED_INSTANCES), log });
    }

    const port = String(settings.PORT);
    const host = settings.HOSTNAME;
    const nextBin = path.join(root, "node_modules/next/dist/bin/next");
    const args = [nextBin, command, "-p", port, "-H", host, ...rest];
    const auth = authUrlEnv({ command: command as "dev" | "start", production, port, env: process.env });
    log(`ready to start Next.js after ${Date.now() - t0} ms; console on ${listenUrl(host, port)}`);
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
        // `start`: SIGTERM is the console's to handle (instrumentation.ts drains the collector, then exits); Next.js
        // would exit at once. `dev` keeps Next's own handling.
        ...(command === "start" ? { NEXT_MANUAL_SIG_HANDLE: "true" } : {}),
        // `start` caps the heap (CONSOLE_MAX_HEAP_MB, default 256); `dev` does not unless told (heap.ts).
        NODE_OPTIONS: nextNodeOptions({
          command: command as "dev" | "start",
          nodeOptions: process.env.NODE_OPTIONS,
          maxHeapMb: settings.CONSOLE_MAX_HEAP_MB?.toString(),
        }),
      },
    });
    // A child killed by a signal (e.g. the OOM killer's SIGKILL) exits the launcher with 128 + its number.
    child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  } catch (e) {
    if (e instanceof StartupError) console.error(`\n[console] ${command === "keys" || command === "admin" ? command : "cannot start"}: ${e.message}\n`);
    else console.error(e);
    await shutdown(1);
  }
}

void main();
