/**
 * The demo (`npm run demo` in production mode) on a fresh database in a temporary data folder, on free loopback
 * ports, with a known first admin: for scripts that drive the built console in Chromium (screenshots, bench:pages).
 * Needs a production build (`npx next build`).
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { freePort } from "../../lib/bootstrap/embedded-postgres";
import { DEMO_FLEET } from "../harbor-sim/demo-fleet";

const root = path.resolve(__dirname, "../..");

export interface DemoConsole {
  url: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

async function waitForHealth(url: string, deadline: number, exited: () => boolean) {
  while (Date.now() < deadline && !exited()) {
    if (
      await fetch(`${url}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The demo console did not become ready (see the log above).");
}

export async function startDemoConsole({ tag, quiet = false }: { tag: string; quiet?: boolean }): Promise<DemoConsole> {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("No production build: run `npx next build` first.");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${tag}-`));
  fs.chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as the postgres user and must enter it
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = { email: "admin@demo.test", password: crypto.randomBytes(12).toString("base64url") };
  const demo = spawn(path.join(root, "node_modules/.bin/tsx"), ["test/harbor-sim/demo.ts"], {
    cwd: root,
    stdio: quiet ? "ignore" : "inherit",
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
  const stop = async () => {
    if (demo.exitCode === null) demo.kill("SIGINT");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (demo.exitCode === null) demo.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, Date.now() + 180_000, () => demo.exitCode !== null);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, admin, stop };
}

export async function signIn(page: Page, admin: DemoConsole["admin"]) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("current-user").waitFor({ state: "attached" }); // on a phone it sits in the closed menu
}

/** The demo's fleet is in when every instance has been polled (its row is no longer "unknown" without a verdict). */
export async function waitForFleet(page: Page) {
  const polled = page.locator('[data-testid^="fleet-row-"]:not([data-health="unknown"])');
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    if ((await polled.count()) === DEMO_FLEET.length) return;
    await page.waitForTimeout(2_000);
  }
  throw new Error(`Only ${await polled.count()} of ${DEMO_FLEET.length} demo instances were polled within two minutes.`);
}
