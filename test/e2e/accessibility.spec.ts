import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { consolePages, DESKTOP, openSettled, PHONE, registerInstance, saveOneNodeTopology, signInAsAdmin, unique } from "./helpers";

/**
 * Issue #17 item 10: axe-core on every page, at a laptop's and a phone's width, with the fleet's charts drawn and
 * the phone's navigation open once. No serious or critical violation; the report names each rule and element.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(" "))
          .join(" | ")}${v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ""}`,
    );
}

test.describe("axe-core on every page", () => {
  let instanceId = "";

  // An instance with a topology, polled, so that every page has something to show (the fleet's charts included).
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signInAsAdmin(page);
    instanceId = await registerInstance(page, { name: unique("axe") });
    await saveOneNodeTopology(page, instanceId);
    await page.goto("/");
    await page.getByTestId("refresh-all").click();
    await expect(page.getByTestId("sweep-progress")).toHaveAttribute("data-done", "true", { timeout: 90_000 });
    await context.close();
  });

  for (const [label, viewport, colorScheme] of [
    ["1440×900", DESKTOP, "light"],
    ["390×844", PHONE, "light"],
    ["1440×900 in the dark scheme", DESKTOP, "dark"],
  ] as const) {
    test(`no serious or critical violation at ${label}`, async ({ page, browser }) => {
      test.setTimeout(180_000);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await signInAsAdmin(page);
      const found: string[] = [];
      for (const { name, path } of consolePages(instanceId)) {
        await openSettled(page, path);
        for (const v of await seriousViolations(page)) found.push(`${name} (${path}): ${v}`);
      }
      if (viewport === PHONE) {
        await page.goto("/");
        const menu = page.getByRole("button", { name: "Open navigation" });
        await expect(menu).toBeVisible();
        await menu.click();
        await expect(page.getByRole("dialog", { name: "Navigation" })).toBeVisible();
        for (const v of await seriousViolations(page)) found.push(`navigation menu: ${v}`);
      }
      const anonymous = await browser.newContext({ viewport, colorScheme });
      const signedOut = await anonymous.newPage();
      await openSettled(signedOut, "/login");
      for (const v of await seriousViolations(signedOut)) found.push(`login: ${v}`);
      await anonymous.close();
      expect(found, "serious or critical axe-core violations").toEqual([]);
    });
  }
});
