/**
 * A large simulated fleet for the benchmarks: the Harbor simulator's CLI (test/harbor-sim/cli.ts) in child processes
 * of at most `perProcess` instances each (2,500 by default). One process holding 10,000 simulated Harbors runs out of
 * file descriptors (a listening socket per instance, plus the connections) and of CPU (one event loop answers every
 * poll), which then shows up as the console's latency. Resolves once every child has printed every instance's URL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { SimInstanceSpec } from "../harbor-sim/types";

export interface SimFleet {
  get(id: string): { baseUrl: string };
  /** the children's process ids (for CPU accounting) */
  pids: number[];
  stop(): Promise<void>;
}

const CLI = path.join(__dirname, "../harbor-sim/cli.ts");

function startChild(specs: SimInstanceSpec[], configFile: string, urls: Map<string, string>): Promise<ChildProcess> {
  fs.writeFileSync(configFile, JSON.stringify(specs));
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "--config", configFile], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => void (stderr = (stderr + b.toString()).slice(-4000)));
  const lines = readline.createInterface({ input: child.stdout! });
  return new Promise<ChildProcess>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a simulator process exited with ${code} during start:\n${stderr}`));
    child.once("exit", onExit);
    lines.on("line", (line) => {
      const m = /^(\S+)\s+\S+\s+(https?:\/\/\S+)/.exec(line);
      if (m) urls.set(m[1], m[2]);
      if (line.startsWith("control ")) {
        child.off("exit", onExit);
        resolve(child);
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts `specs` in ⌈specs/perProcess⌉ simulator processes (config files written in `dir`). */
export async function startSimFleet(specs: SimInstanceSpec[], dir: string, perProcess = 2_500): Promise<SimFleet> {
  const urls = new Map<string, string>();
  const children: ChildProcess[] = [];
  const starts: Promise<ChildProcess>[] = [];
  for (let i = 0; i * perProcess < specs.length; i++) {
    const start = startChild(specs.slice(i * perProcess, (i + 1) * perProcess), path.join(dir, `sim-${i}.json`), urls);
    starts.push(start.then((c) => (children.push(c), c)));
  }
  const settled = await Promise.allSettled(starts);
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) {
    await Promise.all(children.map(stopChild));
    throw (failure as PromiseRejectedResult).reason;
  }
  return {
    get(id) {
      const baseUrl = urls.get(id);
      if (!baseUrl) throw new Error(`no simulated instance "${id}"`);
      return { baseUrl };
    },
    pids: children.map((c) => c.pid!),
    stop: async () => {
      await Promise.all(children.map(stopChild));
    },
  };
}
