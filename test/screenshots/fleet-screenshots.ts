/**
 * `npm run screenshots`: the README's fleet screenshots, of the demo's fleet (`npm run demo` in production mode) at a
 * laptop's 1440x900 and a phone's 390x844, written to public/screenshots/fleet-<w>x<h>.png. Needs a production build
 * (`npx next build`) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Runs the demo on a fresh database in a
 * temporary data folder, on free ports, and stops it afterwards. At 1440x900 it also drafts and pre-flights an upgrade
 * plan of the first instance the Upgrades page offers, for public/screenshots/upgrade-plan.png.
 */
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { signIn, startDemoConsole, waitForFleet } from "../support/demo-console";

const root = path.resolve(__dirname, "../..");
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

async function main() {
  const demo = await startDemoConsole({ tag: "fleet-screenshots" });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, baseURL: demo.url, colorScheme: "light" });
      const page = await context.newPage();
      await signIn(page, demo.admin);
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
    await demo.stop();
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
  // the page's main column, whole (a full-page capture would show the sticky sidebar stranded halfway down)
  await page.getByRole("main").screenshot({ path: file });
  console.log(`[screenshots] wrote ${path.relative(root, file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
