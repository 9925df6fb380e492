import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, openSettled, PHONE, registerInstance, signInAsAdmin, unique } from "./helpers";

/** Issue #17 item 10, the keyboard's part (axe runs in accessibility.spec.ts). */
const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);
const activeInside = (page: Page, selector: string) => page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

test.describe("keyboard and screen readers", () => {
  let instanceId = "";

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsAdmin(page);
    instanceId = await registerInstance(page, { name: unique("keys") });
    await context.close();
  });

  test("the first Tab reaches a 'Skip to content' link, which moves the focus to the main landmark", async ({ page }) => {
    await signInAsAdmin(page);
    for (const path of ["/", "/instances", `/instances/${instanceId}/topology`]) {
      await page.goto(path);
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      await expect(skip, path).toBeFocused();
      await expect(skip).toBeVisible();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("main")).toBeFocused();
      // The next Tab goes into the page, not back into the navigation.
      await page.keyboard.press("Tab");
      expect(await activeInside(page, "main"), path).toBe(true);
    }
  });

  test("removing a node with Enter keeps the focus in the form", async ({ page }) => {
    await signInAsAdmin(page);
    await openSettled(page, `/instances/${instanceId}/topology`);
    await page.getByRole("button", { name: "Add node" }).click();
    await page.getByRole("button", { name: "Add node" }).click();
    await expect(page.getByTestId("node-row")).toHaveCount(3);

    await page.getByRole("button", { name: "Remove node 2" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("node-row")).toHaveCount(2);
    expect(await activeInside(page, 'form[aria-label="Topology"]')).toBe(true);
    // On the row that took its place: Enter again removes that one.
    await expect(page.getByRole("button", { name: "Remove node 2" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("node-row")).toHaveCount(1);
    expect(await activeInside(page, 'form[aria-label="Topology"]')).toBe(true);
  });

  test("the form's error count is a list of links, each to its field", async ({ page }) => {
    await signInAsAdmin(page);
    await openSettled(page, `/instances/${instanceId}/topology`);
    await field(page, "access.hostname").fill("localhost");
    const problems = page.getByTestId("topology-problems");
    await expect(problems).toContainText(/\d+ errors/);
    const count = Number((await problems.textContent())!.match(/(\d+) errors/)![1]);
    const links = problems.getByRole("list", { name: "Errors" }).getByRole("link");
    await expect(links).toHaveCount(count);

    const hostname = links.filter({ hasText: "localhost" });
    await expect(hostname).toHaveAttribute("href", /^#/);
    await hostname.click();
    await expect(field(page, "access.hostname")).toBeFocused();
    const admin = links.filter({ hasText: "initial admin password" });
    await admin.focus();
    await page.keyboard.press("Enter");
    await expect(field(page, "adminPassword")).toBeFocused();
  });

  test("on a phone, the checklist, save and YAML panel is one link away from the top of the form", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInAsAdmin(page);
    await openSettled(page, `/instances/${instanceId}/topology`);
    const jump = page.getByRole("link", { name: /Jump to the checklist/ });
    await expect(jump).toBeInViewport();
    await jump.click();
    await expect(page.getByTestId("ha-checklist")).toBeInViewport();
    expect(await activeInside(page, "#topology-panel")).toBe(true);
  });

  for (const [label, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    test(`a failed YAML import is shown whole, where the user is looking (${label})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await signInAsAdmin(page);
      await openSettled(page, `/instances/${instanceId}/topology`);
      const keys = Array.from({ length: 25 }, (_, i) => `  notAKey${i}: ${i}`).join("\n");
      const yaml = `apiVersion: harbor-fleet-console/v1\nkind: HarborTopology\nmetadata:\n  name: x\nspec:\n  harborVersion: 2.11.2\n${keys}\n`;
      await page.getByRole("button", { name: "Import YAML" }).scrollIntoViewIfNeeded();
      await page.getByTestId("topology-import").setInputFiles({ name: "bad.yaml", mimeType: "application/yaml", buffer: Buffer.from(yaml) });
      const alert = page.getByRole("alert").filter({ hasText: "bad.yaml was not loaded; the form is unchanged." });
      await expect(alert).toBeVisible();
      // Every problem, not the first 20.
      await expect(alert.getByRole("listitem")).toHaveCount(25);
      await expect(alert.getByRole("listitem").last()).toContainText("notAKey24");
      // In view from its first line, and the focus on it.
      await expect(alert.getByText("bad.yaml was not loaded")).toBeInViewport();
      await expect(alert).toBeFocused();
    });
  }
});

test("chart parts are not tab stops, and each chart is named by a summary", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const id = await registerInstance(page, { name: unique("charts") });
  await page.goto("/");
  await page.getByTestId("refresh-all").click();
  await expect(page.getByTestId("sweep-progress")).toHaveAttribute("data-done", "true", { timeout: 90_000 });
  for (const path of ["/", `/instances/${id}`]) {
    await openSettled(page, path);
    const charts = page.locator(".recharts-wrapper");
    await expect(charts.first(), path).toBeVisible();
    await expect(page.locator(".recharts-wrapper [tabindex]:not([tabindex='-1'])"), path).toHaveCount(0);
    for (const chart of await charts.all()) {
      const name = await chart.evaluate(
        (el) =>
          el.closest("[role=img][aria-label], figure")?.getAttribute("aria-label") ?? el.closest("figure")?.querySelector("figcaption")?.textContent ?? "",
      );
      expect(name.length, `${path}: a chart without a summary`).toBeGreaterThan(10);
    }
    // Tabbing through the whole page never lands in a chart.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const inChart = await page.evaluate(() => (document.activeElement?.closest(".recharts-wrapper") ? document.activeElement.outerHTML.slice(0, 200) : null));
      expect(inChart, `${path}: Tab ${i + 1} focused a chart`).toBeNull();
    }
  }
});
