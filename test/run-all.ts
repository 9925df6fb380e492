/**
 * `npm test`: unit and integration tests (vitest), a production build, then the browser tests (Playwright
 * with Debian's Chromium). Every layer runs; the exit code is non-zero if any failed.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../lib/bootstrap/embedded-postgres";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const results = path.join(root, "test-results");
/**
 * A test that fails is run once more, and one that then passes is named "flaky" in the summary (never silently green):
 * on a loaded 2-core machine a browser flow or a multi-process test can miss a deadline that says nothing about the code.
 * A test that fails twice fails the run.
 */
const RETRIES = 1;

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("error", (e) => {
      console.error(e.message);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function main() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    console.error(
      `\nThe browser tests need Chromium at ${chromium}, and it is missing.\nInstall Debian's build with:  sudo apt-get install -y chromium\n(or set CHROMIUM_PATH). The browser tests are never skipped.\n`,
    );
    process.exit(1);
  }
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  const t0 = Date.now();
  const steps: { name: string; code: number; seconds: number }[] = [];
  const step = async (name: string, fn: () => Promise<number>) => {
    const s = Date.now();
    console.log(`\n━━ ${name}`);
    const code = await fn();
    steps.push({ name, code, seconds: (Date.now() - s) / 1000 });
    return code;
  };

  await step("lint (ESLint: import boundaries, no stray process.env)", () => run(bin("eslint"), [".", "--max-warnings=50"]));
  await step("format (Prettier: `npm run format` writes it)", () => run(bin("prettier"), ["--check", ".", "--log-level", "warn"]));
  // The README's quick start as root from a project inside a mode-700 folder, as in /root (skipped, saying why, when not root).
  await step("quick start as root from a mode-700 folder (smoke)", () => run("bash", [path.join(root, "test/smoke/root-quickstart.sh")]));
  await step("unit + integration (vitest)", () =>
    run(bin("vitest"), ["run", `--retry=${RETRIES}`, "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(results, "vitest.json")}`]),
  );
  const built = await step("production build (next build)", () => run(bin("next"), ["build"]));
  if (built === 0) {
    const port = String(await freePort());
    await step("browser (Playwright + Chromium)", () =>
      run(bin("playwright"), ["test", "-c", "test/e2e/playwright.config.ts", `--retries=${RETRIES}`], { E2E_PORT: port, CHROMIUM_PATH: chromium }),
    );
  } else {
    steps.push({ name: "browser (Playwright + Chromium)", code: 1, seconds: 0 });
    console.error("The build failed, so the browser tests could not run.");
  }

  const vitest = readJson(path.join(results, "vitest.json")) as VitestReport | null;
  const e2e = readJson(path.join(results, "e2e-report.json")) as PlaywrightReport | null;
  const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
  let failed = (vitest?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.skipped ?? 0);
  const bad = steps.filter((s) => s.code !== 0);
  if (bad.length && failed === 0) failed = bad.length; // a layer that failed before counting its tests

  console.log("\n━━ summary");
  for (const s of steps) console.log(`${s.code === 0 ? "ok  " : "FAIL"} ${s.name} (${s.seconds.toFixed(1)} s)`);
  // Named here, at the end, because a CI log is often read from its tail.
  for (const t of vitestOutcomes(vitest)) console.log(`${t.outcome}: ${t.name}`);
  for (const t of playwrightOutcomes(e2e)) console.log(`${t.outcome}: ${t.name}`);
  console.log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const flaky = (e2e?.stats?.flaky ?? 0) + vitestOutcomes(vitest).filter((t) => t.outcome === "flaky").length;
  console.log(`${passed} passed, ${failed} failed${flaky ? `, ${flaky} of the passed flaky (failed, then passed on the retry)` : ""}`);
  process.exit(bad.length ? 1 : 0);
}

type VitestReport = {
  numPassedTests?: number;
  numFailedTests?: number;
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName?: string; title: string; status: string; failureMessages?: string[] }[];
  }[];
};
type PlaywrightSpec = { title: string; file?: string; line?: number; tests?: { status?: string; projectName?: string }[] };
type PlaywrightSuite = { title: string; specs?: PlaywrightSpec[]; suites?: PlaywrightSuite[] };
type PlaywrightReport = { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number }; suites?: PlaywrightSuite[] };

/** Each failed or flaky vitest test as "file › test", and a file that failed before its tests ran as the file alone. */
type Outcome = { outcome: "failed" | "flaky"; name: string };

function vitestOutcomes(report: VitestReport | null): Outcome[] {
  return (report?.testResults ?? []).flatMap((file): Outcome[] => {
    const rel = path.relative(root, file.name);
    const tests = (file.assertionResults ?? []).flatMap((t): Outcome[] => {
      // vitest keeps the errors of a failed attempt on a test that passed on its retry
      const outcome = t.status === "failed" ? "failed" : t.status === "passed" && t.failureMessages?.length ? "flaky" : null;
      return outcome ? [{ outcome, name: `${rel} › ${t.fullName ?? t.title}` }] : [];
    });
    return tests.length || file.status !== "failed" ? tests : [{ outcome: "failed", name: `${rel}: ${(file.message ?? "failed").split("\n")[0]}` }];
  });
}

/** Each browser test that failed, or was flaky, as "file:line › title". */
function playwrightOutcomes(report: PlaywrightReport | null): { outcome: "failed" | "flaky"; name: string }[] {
  const out: { outcome: "failed" | "flaky"; name: string }[] = [];
  const walk = (suite: PlaywrightSuite, trail: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === "unexpected" || t.status === "flaky") {
          out.push({
            outcome: t.status === "flaky" ? "flaky" : "failed",
            name: `${spec.file}:${spec.line} › ${[...trail, spec.title].filter(Boolean).join(" › ")}`,
          });
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return out;
}

void main();
