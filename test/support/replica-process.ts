/** Console replicas in processes of their own (test/support/*-replica.ts), for the tests that stop and restart them. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface Replica {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Polls `fn` every `everyMs` until it answers something truthy; throws, naming `what`, after `timeoutMs`. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Starts `script` (a path from the repository's root) as a replica with the collector on, and waits for "replica ready";
 * `spawned` is told of it at once (to be killed at the end even if it never gets ready).
 */
export async function startReplicaProcess(script: string, env: Record<string, string>, spawned?: (r: Replica) => void): Promise<Replica> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", COLLECTOR_ENABLED: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const replica = { child, output: () => out, exited };
  spawned?.(replica);
  await until("the replica is ready", () => out.includes("replica ready") || (child.exitCode !== null && Promise.reject(new Error(out))), 60_000);
  return replica;
}
