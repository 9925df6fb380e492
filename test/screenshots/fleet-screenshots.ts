/**
 * `npm run screenshots`: the README's fleet screenshots, of the demo's fleet (`npm run demo` in production mode) at a
 * laptop's 1440x900 and a phone's 390x844, written to public/screenshots/fleet-<w>x<h>.png. Needs a production build
 * (`npx next build`) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Runs the demo on a fresh database in a
 * temporary data folder, on free ports, and stops it afterwards.
 */
import path from "node:path";
import { chromium } from "@playwright/test";
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
      await context.close();
    }
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
