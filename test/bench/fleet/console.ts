/**
 * The built console, started through its own launcher (`tsx lib/bootstrap/cli.ts start`) in its own process group,
 * as an operator starts it; resolves once /api/health answers, with the pid of the Next.js server process.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../../lib/bootstrap/embedded-postgres";
import { cmdline, descendants, listeningPid } from "../proc";
import { alive, res } from "./resources";
import { ms, root, say, sleep } from "./config";

export interface StartedConsole {
  origin: string;
  admin: { email: string; password: string };
  launcherPid: number;
  serverPid: number;
  log: () => string;
}

export async function startConsole(databaseUrl: string, dir: string): Promise<StartedConsole> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const admin = { email: "bench@example.com", password: crypto.randomBytes(12).toString("base64url") };
  const logFile = path.join(dir, "console.log");
  const out = fs.openSync(logFile, "w");
  const t = performance.now();
  alive();
  const proc = spawn(path.join(root, "node_modules/.bin/tsx"), ["lib/bootstrap/cli.ts", "start"], {
    cwd: root,
    detached: true, // its own process group: cleanup can reach every process of it by the group id
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CONSOLE_DATA_DIR: path.join(dir, "data"),
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: origin,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: "info",
      ...(process.env.BENCH_CONSOLE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CONSOLE_NODE_OPTIONS } : {}),
    },
  });
  res.consoleProc = proc;
  fs.closeSync(out);
  const launcherPid = proc.pid!;
  const log = () => fs.readFileSync(logFile, "utf8").slice(-3000);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the console exited during start:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`the console did not answer /api/health within 120 s:\n${log()}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  const serverPid = listeningPid(launcherPid, port);
  if (!serverPid) throw new Error(`no process under the launcher (pid ${launcherPid}) listens on port ${port}`);
  res.consoleTree = descendants(launcherPid);
  say(
    `console up in ${ms(performance.now() - t)}: Next.js server pid ${serverPid} (${cmdline(serverPid).slice(0, 90)}), launcher tree ${res.consoleTree.length} processes`,
  );
  return { origin, admin, launcherPid, serverPid, log };
}
