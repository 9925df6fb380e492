/**
 * Issue #14, finding 2: one user's document must never take the console down. Every parser of user text gets every
 * hostile document (test/support/hostile-documents.ts), each entry point in its own child process, all at once, each
 * with a capped heap; each call must answer with a clear refusal — the typed failure its callers show — quickly, and
 * the process must survive with its heap back where it started.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostileDocuments } from "../../support/hostile-documents";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const HARNESS = path.join(import.meta.dirname, "hostile-input-harness.ts");
const ENTRY_POINTS = ["inspectHarborYml", "diffYaml", "parseTopologyYaml", "maskYamlDoc", "loadOrCreateSecrets", "seedInstances"] as const;

/**
 * The harness's whole heap. Its modules take 11–18 MiB (the seed file's reader loads Prisma's client) and the 10 MiB
 * document 10 more; the rest is what one parse may use. next-server runs with 256 MiB (lib/bootstrap/cli.ts) and
 * needs most of it for itself. Before the fix, the first document alone (262 KB of '[') took 230 MB.
 */
const HEAP_CAP_MB = 96;
/** One call's CPU time; a linear parse of the largest accepted document takes a few tens of milliseconds. */
const CALL_BUDGET_MS = 2_000;
/** What a refusal must not look like: an internal error passed through instead of a reason. */
const UNCLEAR = /Maximum call stack|out of memory|RangeError|ReferenceError|TypeError|is not a function|Cannot read propert|\[object/;

interface Line {
  start?: boolean;
  baseline?: boolean;
  done?: boolean;
  doc?: string;
  ms?: number;
  heapMb?: number;
  outcome?: "refused" | "accepted" | "threw";
  message?: string;
  detail?: string;
  error?: string;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: Line[];
  stderr: string;
  timedOut: boolean;
}

function runHarness(entry: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--expose-gc", `--max-old-space-size=${HEAP_CAP_MB}`, HARNESS, entry], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const lines = stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Line);
      resolve({ code, signal, lines, stderr, timedOut });
    });
  });
}

/** Reads the harness's lines into one verdict per document, naming the call that hung or crashed. */
function verdicts(entry: string, run: Run): string[] {
  const problems: string[] = [];
  const results = run.lines.filter((l) => l.outcome);
  const started = run.lines.filter((l) => l.start);
  if (run.code !== 0) {
    const last = started.at(-1)?.doc;
    const how = run.timedOut
      ? "did not answer in time"
      : /heap out of memory|Allocation failed/.test(run.stderr)
        ? "ran out of memory"
        : `died (code ${run.code}, signal ${run.signal})`;
    problems.push(
      `${entry} ${how}${last && results.length < started.length ? ` on "${last}"` : ""}: ${run.stderr.split("\n").find((l) => /error|Error|FATAL/.test(l)) ?? ""}`.trim(),
    );
  }
  for (const r of results) {
    const at = `${entry} on "${r.doc}"`;
    if (r.outcome === "threw") problems.push(`${at} threw instead of refusing: ${r.error}`);
    else if (r.outcome === "accepted") problems.push(`${at} accepted it: ${r.detail}`);
    else if (!r.message || r.message.length > 400 || UNCLEAR.test(r.message)) problems.push(`${at} refused it without a clear reason: ${r.message}`);
    if ((r.ms ?? 0) > CALL_BUDGET_MS) problems.push(`${at} took ${r.ms} ms of CPU`);
  }
  const baseline = run.lines.find((l) => l.baseline)?.heapMb;
  const done = run.lines.find((l) => l.done)?.heapMb;
  if (baseline !== undefined && done !== undefined && done - baseline > 16) problems.push(`${entry} kept ${done - baseline} MB of heap after the run`);
  return problems;
}

interface CliRun {
  code: number | null;
  stderr: string;
  ms: number;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", `--max-old-space-size=${HEAP_CAP_MB}`, path.join(ROOT, "lib/cli/config.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - t0 });
    });
  });
}

describe("hostile input to every parser of user text", () => {
  it("each parser refuses each hostile document clearly and quickly, in parallel, within a capped heap", { timeout: 240_000 }, async () => {
    const runs = await Promise.all(ENTRY_POINTS.map(async (entry) => ({ entry, run: await runHarness(entry, 180_000) })));
    const problems = runs.flatMap(({ entry, run }) => verdicts(entry, run));
    expect(problems).toEqual([]);
    // Every entry point saw every document of its format.
    for (const { entry, run } of runs) {
      const format = entry === "seedInstances" ? "json" : "yaml";
      expect(
        run.lines.filter((l) => l.outcome).map((l) => l.doc),
        entry,
      ).toEqual(
        hostileDocuments()
          .filter((d) => d.format === format)
          .map((d) => d.name),
      );
    }
  });

  // The CLI parses with parseTopologyYaml, which the harness gives every document; here, those that test what the
  // CLI adds (reading a file: its size, its bytes) and the worst of the rest. Each run is a Node process with tsx.
  const CLI_DOCUMENTS = [
    "deep flow sequence (262 KB of '[')",
    "deep compact sequence ('- - - …')",
    "billion laughs (alias bomb)",
    "20,000 keys",
    "invalid UTF-8",
    "NUL bytes",
    "10 MiB of text",
  ];

  it("the config CLI exits 1 with one error line per hostile topology file, within a capped heap", { timeout: 240_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-cli-"));
    try {
      const docs = hostileDocuments().filter((d) => CLI_DOCUMENTS.includes(d.name));
      expect(docs).toHaveLength(CLI_DOCUMENTS.length);
      const results: ({ doc: string } & CliRun)[] = [];
      // Four at a time, each with its own file.
      for (let i = 0; i < docs.length; i += 4) {
        const batch = docs.slice(i, i + 4).map(async (d, j) => {
          const file = path.join(dir, `t${i + j}.yaml`);
          fs.writeFileSync(file, d.make().bytes);
          return { doc: d.name, ...(await runCli(["generate", file, "--check"])) };
        });
        results.push(...(await Promise.all(batch)));
      }
      const problems = results.flatMap((r) => {
        const lines = r.stderr.trim().split("\n");
        if (r.ms > 30_000) return [`"${r.doc}": took ${r.ms} ms`];
        if (r.code !== 1) return [`"${r.doc}": exit code ${r.code}: ${lines.find((l) => /error|Error|FATAL/.test(l)) ?? lines.at(-1)}`];
        if (lines.length !== 1 || !/^error {2}\S.*: /.test(lines[0]) || UNCLEAR.test(lines[0]))
          return [`"${r.doc}": not one clear error line: ${r.stderr.slice(0, 300)}`];
        return [];
      });
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
