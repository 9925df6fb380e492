/** What the upgrade specs (upgrades-*.spec.ts) share: an axe check, an instance ready to plan, and window times. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { query, registerInstance, unique } from "./helpers";

/** Serious and critical axe violations; `include` limits the check to a part, e.g. an open dialog (the page behind it is inert and dimmed by its overlay). */
export async function serious(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** An instance on the simulated Harbor 2.0.6 with a one-node topology, its version detected. */
export async function plannedInstance(page: Page, url?: string): Promise<{ id: string; name: string }> {
  const name = unique("upg");
  const id = await registerInstance(page, { name, url });
  await page.goto(`/instances/${id}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("detected-version")).toContainText("Harbor");
  return { id, name };
}

/** A datetime-local value `minutes` from now in the page's own zone, on a whole minute (rounded up when ahead). */
export function localIn(page: Page, minutes: number): Promise<string> {
  return page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    d.setSeconds(0, 0);
    if (m > 0) d.setMinutes(d.getMinutes() + 1);
    const p2 = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}`;
  }, minutes);
}

export const windowOf = async (planId: string) =>
  (await query<{ start: Date; end: Date }>(`select "windowStart" as start, "windowEnd" as end from "UpgradePlan" where id = $1`, [planId]))[0];
export const ZONE = "Asia/Tokyo";
