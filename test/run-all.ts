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
    console.error(`\nThe browser tests need Chromium at ${chromium}, and it is missing.\nInstall Debian's build with:  sudo apt-get install -y chromium\n(or set CHROMIUM_PATH). The browser tests are never skipped.\n`);
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
  // The README's quick start as root from a project inside a mode-700 folder, as in /root (skipped, saying why, when not root).
  await step("quick start as root from a mode-700 folder (smoke)", () => run("bash", [path.join(root, "test/smoke/root-quickstart.sh")]));
  await step("unit + integration (vitest)", () => run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(results, "vitest.json")}`]));
  const built = await step("production build (next build)", () => run(bin("next"), ["build"]));
  if (built === 0) {
    const port = String(await freePort());
    await step("browser (Playwright + Chromium)", () => run(bin("playwright"), ["test", "-c", "test/e2e/playwright.config.ts"], { E2E_PORT: port, CHROMIUM_PATH: chromium }));
  } else {
    steps.push({ name: "browser (Playwright + Chromium)", code: 1, seconds: 0 });
    console.error("The build failed, so the browser tests could not run.");
  }

  const vitest = readJson(path.join(results, "vitest.json")) as { numPassedTests?: number; numFailedTests?: number } | null;
  const e2e = readJson(path.join(results, "e2e-report.json")) as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | null;
  const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
  let failed = (vitest?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0) + (e2e?.stats?.skipped ?? 0);
  const bad = steps.filter((s) => s.code !== 0);
  if (bad.length && failed === 0) failed = bad.length; // a layer that failed before counting its tests

  console.log("\n━━ summary");
  for (const s of steps) console.log(`${s.code === 0 ? "ok  " : "FAIL"} ${s.name} (${s.seconds.toFixed(1)} s)`);
  console.log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(bad.length ? 1 : 0);
}

void main();
