/**
 * Fleet benchmark: `npm run bench:fleet` (issue #19's targets).
 *
 * BENCH_INSTANCES=1000 (default) measures 1,000 simulated Harbors; BENCH_INSTANCES=10000 measures both sizes, 1,000
 * then 10,000, each in its own process (size-run.ts) with its own console process, simulators and a fresh database,
 * one after the other. Each size prints its own table (rounds, pages, memory); then this prints every target of items
 * 1, 2 and 5 with its ratio and ✓/✗ (targets.ts). No assertion: exit 0 unless something breaks.
 *
 * Knobs (env): BENCH_INSTANCES (1000; 10000 = both sizes), BENCH_LATENCY_MS (50), BENCH_CONCURRENCY (64), BENCH_SWEEPS (5),
 * BENCH_WARMUP_SWEEPS (3), BENCH_SEQ_SAMPLE (200; 0 = all instances), BENCH_REQUESTS (30), BENCH_HISTORY_HOURS (24: that
 * many hours of polls at the 60 s interval are stored before the console starts, as a day-old fleet has them; 0 = none),
 * BENCH_SIM_PER_PROCESS (2500 simulated Harbors per simulator process), BENCH_REBUILD=1 (force `next build`),
 * BENCH_NO_BUILD=1 (use .next as it is), BENCH_TIMEOUT_SECONDS (per size: 480 at 1,000, 2,280 at 10,000), DATABASE_URL
 * (use that server instead of an embedded PostgreSQL), BENCH_CONSOLE_NODE_OPTIONS (NODE_OPTIONS of the console, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`), BENCH_HOLD=1 (keep the last size's console up after its figures, until Ctrl-C).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "./build";
import { fleetSizes, root, say } from "./config";
import type { SizeFigures } from "./figures";
import { printTargets } from "./targets";

function runSize(n: number, resultFile: string): Promise<number | null> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "size-run.ts")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, BENCH_SIZE: String(n), BENCH_RESULT_FILE: resultFile },
  });
  // Ctrl-C reaches the child through the terminal's process group; a SIGTERM to this process is passed on.
  const forward = () => child.kill("SIGTERM");
  process.on("SIGTERM", forward);
  process.on("SIGINT", () => {});
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      process.off("SIGTERM", forward);
      resolve(code);
    }),
  );
}

async function main() {
  if (process.platform !== "linux") throw new Error("the benchmark reads /proc: Linux only");
  const sizes = fleetSizes();
  say(`Harbor Fleet Console fleet benchmark: ${sizes.join(" then ")} instances, each size in its own console process with a fresh database`);
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-bench-results-"));
  const figures: SizeFigures[] = [];
  try {
    for (const n of sizes) {
      const file = path.join(dir, `${n}.json`);
      const code = await runSize(n, file);
      if (code !== 0 || !fs.existsSync(file)) throw new Error(`the ${n}-instance run failed (exit ${code})`);
      figures.push(JSON.parse(fs.readFileSync(file, "utf8")) as SizeFigures);
    }
  } finally {
    if (figures.length) printTargets(figures);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`[bench] failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
