/**
 * `npm run screenshots`: the README's fleet screenshots, of the demo's fleet (`npm run demo` in production mode) at a
 * laptop's 1440x900 and a phone's 390x844, written to public/screenshots/fleet-<w>x<h>.png. Needs a production build
 * (`npx next build`) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Runs the demo on a fresh database in a
 * temporary data folder, on free ports, and stops it afterwards. At 1440x900 it also drafts and pre-flights an upgrade
 * plan of the first instance the Upgrades page offers, for public/screenshots/upgrade-plan.png.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { freePort } from "../../lib/bootstrap/embedded-postgres";
import { DEMO_FLEET } from "../harbor-sim/demo-fleet";

const root = path.resolve(__dirname, "../..");
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

async function waitForHealth(url: string, deadline: number, exited: () => boolean) {
  while (Date.now() < deadline && !exited()) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The demo console did not become ready (see the log above).");
}

/** The demo's fleet is in when every instance has been polled (its row is no longer "unknown" without a verdict). */
async function waitForFleet(page: Page) {
  const polled = page.locator('[data-testid^="fleet-row-"]:not([data-health="unknown"])');
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if ((await polled.count()) === DEMO_FLEET.length) return;
    await page.waitForTimeout(2_000);
  }
  throw new Error(`Only ${await polled.count()} of ${DEMO_FLEET.length} demo instances were polled within two minutes.`);
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("No production build: run `npx next build` first.");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-screenshots-"));
  fs.chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as the postgres user and must enter it
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = { email: "admin@demo.test", password: crypto.randomBytes(12).toString("base64url") };
  const demo = spawn(path.join(root, "node_modules/.bin/tsx"), ["test/harbor-sim/demo.ts"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DEMO_MODE: "start",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: url,
      EMBEDDED_PG_PORT: String(await freePort()),
      CONSOLE_DATA_DIR: dataDir,
      CONSOLE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    },
  });
  const exited = new Promise<void>((resolve) => demo.on("exit", () => resolve()));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await waitForHealth(url, Date.now() + 180_000, () => demo.exitCode !== null);
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, baseURL: url, colorScheme: "light" });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").fill(admin.email);
      await page.getByLabel("Password").fill(admin.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("current-user").waitFor({ state: "attached" }); // on a phone it sits in the closed menu
      await page.goto("/");
      await waitForFleet(page);
      await page.waitForLoadState("networkidle");
      const file = path.join(root, `public/screenshots/fleet-${viewport.width}x${viewport.height}.png`);
      await page.screenshot({ path: file });
      console.log(`[screenshots] wrote ${path.relative(root, file)}`);
      if (viewport.width === 1440) await upgradePlanScreenshot(page);
      await context.close();
    }
  } finally {
    await browser.close();
    demo.kill("SIGINT");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (demo.exitCode === null) demo.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** An upgrade plan of the demo's oldest instance, drafted and pre-flighted: public/screenshots/upgrade-plan.png. */
async function upgradePlanScreenshot(page: Page) {
  await page.goto("/upgrades");
  const plan = page.getByRole("link", { name: /^Plan an upgrade of / }).first();
  await plan.click();
  await page.getByRole("button", { name: "Create draft plan" }).click();
  await page.waitForURL(/\/upgrades\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Run pre-flight" }).click();
  await page.getByTestId("preflight-report").waitFor();
  await page.waitForLoadState("networkidle");
  const file = path.join(root, "public/screenshots/upgrade-plan.png");
  await page.screenshot({ path: file, fullPage: true });
  console.log(`[screenshots] wrote ${path.relative(root, file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
