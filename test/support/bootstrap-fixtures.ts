/** What the bootstrap tests share: the launcher run as a child with a given environment, temporary folders removed afterwards. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

export const root = path.resolve(import.meta.dirname, "../..");
export const tsx = path.join(root, "node_modules/.bin/tsx");
export const CHILD_TIMEOUT_MS = 60_000;

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
  timedOut: boolean;
}

/** Runs `tsx lib/bootstrap/cli.ts start` with exactly the given environment; kills its process group after 60 s. */
export function runCli(env: NodeJS.ProcessEnv): Promise<CliResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["lib/bootstrap/cli.ts", "start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d) => chunks.push(d));
    child.stderr.on("data", (d) => chunks.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, CHILD_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: Buffer.concat(chunks).toString(), ms: Date.now() - t0, timedOut });
    });
  });
}

/** A copy of this process's environment with overrides; `undefined` removes a variable. */
export function envWith(over: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export const tmpDirs: string[] = [];
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-boot-"));
  tmpDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

export const NO_STACK = /^\s{4}at /m;
