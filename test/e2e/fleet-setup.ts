/**
 * The mixed fleet the fleet specs (fleet-*.spec.ts) look at: one healthy instance, one degraded, one down, one old and
 * one whose credential Harbor rejects, each spec's under a label of its own, so other tests' instances never enter the
 * counts and the specs' fleets never meet.
 */
import fs from "node:fs";
import { expect, type Browser, type Page } from "@playwright/test";
import { signInAsAdmin, unique } from "./helpers";

export interface Member {
  name: string;
  url: () => string;
  secret: string;
  tls?: boolean;
  /** what the simulator reports; null when the collector cannot reach it */
  version: string | null;
}

export const row = (page: Page, m: Member) => page.getByTestId(`fleet-row-${m.name}`);
export const rows = (page: Page) => page.locator('[data-testid^="fleet-row-"]');

/** A fleet of five under a fresh label (not yet registered), the fleet page scoped to it, and how to register a member. */
export function mixedFleet() {
  const LABEL = `run=${Math.random().toString(36).slice(2, 8)}`;
  const SCOPE = `/?label=${encodeURIComponent(LABEL)}`;
  const fleet = {
    healthy: { name: unique("fleet-ok"), url: () => process.env.E2E_SIM_TLS_URL!, secret: "Harbor12345", tls: true, version: "2.11.2" },
    degraded: { name: unique("fleet-degraded"), url: () => process.env.E2E_SIM_DEGRADED_URL!, secret: "Harbor12345", version: "2.8.6" },
    down: { name: unique("fleet-down"), url: () => process.env.E2E_SIM_DOWN_URL!, secret: "Harbor12345", version: null },
    old: { name: unique("fleet-old"), url: () => process.env.E2E_SIM_OLD_URL!, secret: "Harbor12345", version: "2.0.6" },
    badCredential: { name: unique("fleet-badcred"), url: () => process.env.E2E_SIM_LEGACY_URL!, secret: "not-the-password", version: "1.10.19" },
  } satisfies Record<string, Member>;

  async function register(page: Page, m: Member, opts: { username?: string; labels?: string } = {}) {
    await page.goto("/instances/new");
    await page.getByLabel("Name", { exact: true }).fill(m.name);
    await page.getByLabel("Environment").selectOption("staging");
    await page.getByLabel("Labels").fill(opts.labels ?? `${LABEL}, team=fleet`);
    await page.getByLabel("Deployment").selectOption("docker_compose");
    await page.getByLabel("Harbor URL").fill(m.url());
    await page.getByLabel("Username").fill(opts.username ?? "admin");
    await page.getByLabel("Password or robot secret").fill(m.secret);
    if (m.tls) await page.getByLabel("CA bundle (optional)").fill(fs.readFileSync(process.env.E2E_SIM_CA_FILE!, "utf8"));
    await page.getByRole("button", { name: "Add instance" }).click();
    await expect(page.getByRole("heading", { name: m.name })).toBeVisible();
  }
  return { LABEL, SCOPE, fleet, register };
}

/** Registers the fleet as an admin and refreshes it, waiting until the collector's results are on the fleet page. */
export async function setUpMixedFleet(browser: Browser, { SCOPE, fleet, register }: ReturnType<typeof mixedFleet>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page);
  for (const m of Object.values(fleet)) await register(page, m);
  await page.goto(SCOPE);
  await page.getByTestId("refresh-all").click();
  await expect(page.getByTestId("sweep-progress")).toHaveAttribute("data-done", "true", { timeout: 90_000 });
  // A poll the schedule had already queued is not queued twice, so the last results may land just after the round.
  for (const [tile, count] of Object.entries({ healthy: 3, degraded: 1, down: 1, credential: 1 })) {
    await expect(page.getByTestId(`fleet-tile-${tile}`), `tile ${tile}`).toHaveAttribute("data-count", String(count), { timeout: 30_000 });
  }
  await context.close();
}
