import { expect, test } from "@playwright/test";
import { registerInstance, saveOneNodeTopology, signInAsAdmin, unique } from "./helpers";

/** The Upgrades page is real (upgrades-*.spec.ts); the Webhooks page too (webhooks-*.spec.ts). */
test("the Upgrades page shows the planner's facts per instance, with links to plan an upgrade, its Config tab and README", async ({ page }) => {
  await signInAsAdmin(page);
  const name = unique("upgrade");
  const id = await registerInstance(page, { name });
  await saveOneNodeTopology(page, id);
  // Test connection detects the simulated Harbor's version, 2.0.6.
  await page.goto(`/instances/${id}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("detected-version")).toContainText("Harbor 2.0.6");

  await page.goto("/upgrades");
  const main = page.getByRole("main");
  await expect(main).not.toContainText("is not built yet");
  await expect(main.getByTestId("upgrade-plan-list")).toContainText("Plans");
  await expect(main.getByRole("link", { name: "Plan a wave" })).toHaveAttribute("href", "/upgrades/waves/new");
  const row = page.getByTestId(`upgrade-row-${name}`);
  await expect(row).toContainText("2.0.6");
  await expect(row).toContainText("outdated");
  // The planner's path: from 2.0.6 through the latest patch of each required line.
  await expect(row.getByTestId("upgrade-path")).toContainText(/^2\.0\.6 → 2\.\d+\.\d+/);
  await expect(row.getByRole("link", { name: `Config tab of ${name}` })).toHaveAttribute("href", `/instances/${id}/config`);
  await expect(row.getByRole("link", { name: `Plan an upgrade of ${name}` })).toHaveAttribute("href", `/upgrades/new?instance=${id}`);

  await row.getByRole("link", { name: `README of ${name}'s files` }).click();
  await expect(page).toHaveURL(new RegExp(`/instances/${id}/config\\?file=README\\.md$`));
  // An install or a reconfigure README, depending on whether the collector has reached the instance yet.
  await expect(page.getByTestId("config-file-content")).toContainText(new RegExp(`# ${name}: (reconfigure )?Harbor 2\\.0\\.6 on docker-compose`));
});
