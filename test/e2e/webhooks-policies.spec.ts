import path from "node:path";
import { expect, test } from "@playwright/test";
import { DESKTOP, openSettled, query, signInAsAdmin } from "./helpers";
import { offeredEvents, SECRET, seriousViolations, setUpWebhookHarbors, targetTypes, webhooksOf } from "./webhook-harbors";

/**
 * Issue #13: an instance's projects and a project's webhook policies, edited on Harbor 1.10, 2.5 and 2.15 (each
 * form offers that version's choices).
 */

const ids: Record<"v110" | "v25" | "v215" | "down", string> = { v110: "", v25: "", v215: "", down: "" };
let stopSim: () => Promise<void>;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  stopSim = await setUpWebhookHarbors(browser, ids, ["v110", "v25", "v215"]);
});

test.afterAll(async () => {
  await stopSim();
});

test("the Projects tab lists an instance's projects with access, repositories and webhook counts, and searches them", async ({ page }) => {
  await signInAsAdmin(page);
  await openSettled(page, `/instances/${ids.v215}`);
  await page.getByRole("navigation", { name: "Instance" }).getByRole("link", { name: "Projects" }).click();
  await expect(page).toHaveURL(new RegExp(`/instances/${ids.v215}/projects$`));
  await expect(page.getByTestId("project-count")).toHaveText("3 projects");
  const platform = page.getByTestId("project-row-platform");
  await expect(platform).toContainText("private");
  await expect(platform).toContainText("9");
  await expect(platform.getByTestId("webhook-count")).toHaveText("1");
  await expect(page.getByTestId("project-row-library")).toContainText("public");
  await page.getByPlaceholder("Search projects by name").fill("202");
  await expect(page).toHaveURL(/q=202/);
  await expect(page.getByTestId("project-count")).toHaveText("1 project match");
  // A project named like a number opens its own webhooks, not project id 2024's.
  await page.getByRole("link", { name: "2024" }).click();
  await expect(page.getByRole("heading", { name: "2024 — webhooks", level: 1 })).toBeVisible();
  await expect(page.getByText("No webhook policies")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("Harbor 1.10: http only, camelCase events, one policy per project — edit it", async ({ page }) => {
  await signInAsAdmin(page);
  await openSettled(page, webhooksOf(ids.v110));
  await expect(page.getByTestId("one-policy-notice")).toBeVisible();
  await expect(page.getByRole("link", { name: "New policy" })).toHaveCount(0);
  const row = page.getByTestId("policy-row-policy_1");
  await expect(row).toContainText("auth header stored");
  await row.getByRole("link", { name: "Edit policy_1" }).click();
  await expect(page.getByTestId("policy-form")).toBeVisible();
  const events = await offeredEvents(page);
  expect(events).toEqual(expect.arrayContaining(["pushImage", "pullImage", "projectQuota", "scanningFailed"]));
  expect(events.some((e) => /^[A-Z_]+$/.test(e))).toBe(false);
  expect(await targetTypes(page)).toEqual(["http"]);
  await expect(page.getByLabel("Target 1 payload format")).toHaveCount(0);
  await expect(page.getByText("Stored — leave empty to keep it.")).toBeVisible();
  await page.getByLabel("Description (optional)").fill("Jenkins on dc1");
  await page.getByRole("checkbox", { name: /Artifact pulled/ }).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page).toHaveURL(new RegExp(`${webhooksOf(ids.v110)}$`));
  await expect(row).toContainText("Jenkins on dc1");
  await expect(row.getByTestId("policy-events")).toContainText("Artifact pulled");
  await expect(row).toContainText("auth header stored");
  const [audit] = await query<{ before: { targets: { authHeader: string }[] }; after: { description: string } }>(
    `select before, after from "AuditEvent" where action = 'webhook.update' and "targetId" = $1 order by id desc limit 1`,
    [ids.v110],
  );
  expect(audit.after.description).toBe("Jenkins on dc1");
  expect(audit.before.targets[0].authHeader).toBe("********");
  expect(JSON.stringify(audit)).not.toContain(SECRET);
});

test("Harbor 2.5: http and slack, SCANNING_STOPPED and charts, no payload format; a duplicate name is a field error", async ({ page }) => {
  await signInAsAdmin(page);
  await openSettled(page, webhooksOf(ids.v25));
  await page.getByRole("link", { name: "Edit deploy-trigger" }).click();
  const events = await offeredEvents(page);
  expect(events).toEqual(expect.arrayContaining(["PUSH_ARTIFACT", "SCANNING_STOPPED", "UPLOAD_CHART", "TAG_RETENTION"]));
  expect(await targetTypes(page)).toEqual(["http", "slack"]);
  await expect(page.getByLabel("Target 1 payload format")).toHaveCount(0);
  await expect(page.getByTestId("skip-verify-warning")).toHaveCount(0);
  await page.getByLabel("Skip certificate verification").check();
  await expect(page.getByTestId("skip-verify-warning")).toContainText("without checking its certificate");
  await page.getByRole("checkbox", { name: /Scanning stopped/ }).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  const row = page.getByTestId("policy-row-deploy-trigger");
  await expect(row.getByTestId("policy-events")).toContainText("Scanning stopped");
  await expect(row).toContainText("TLS not verified");

  // A second policy with the same name: Harbor's 409, at the name field, and what was typed stays.
  await page.getByRole("link", { name: "New policy" }).click();
  await page.getByLabel("Name", { exact: true }).fill("deploy-trigger");
  await page.getByRole("checkbox", { name: /Artifact pushed/ }).check();
  await page.getByLabel("Target 1 URL").fill("https://other.example.com/hook");
  await page.getByRole("button", { name: "Create policy" }).click();
  const nameField = page.getByLabel("Name", { exact: true });
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "already exists" }).first()).toBeVisible();
  await expect(page.getByLabel("Target 1 URL")).toHaveValue("https://other.example.com/hook");
  // Not a full URL: said at the field before anything is sent.
  await page.getByLabel("Target 1 URL").fill("other.example.com/hook");
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByText("A full http:// or https:// URL")).toBeVisible();
});

test("Harbor 2.15: payload formats for http, no chart events; CloudEvents, disable, deliveries with tasks and log, delete", async ({ page }) => {
  await signInAsAdmin(page);
  await openSettled(page, webhooksOf(ids.v215));
  await page.getByRole("link", { name: "Edit deploy-trigger" }).click();
  const events = await offeredEvents(page);
  expect(events).toEqual(expect.arrayContaining(["PUSH_ARTIFACT", "SCANNING_STOPPED", "QUOTA_WARNING"]));
  expect(events.filter((e) => /CHART/.test(e))).toEqual([]);
  await expect(page.getByLabel("Target 1 payload format").locator("option")).toHaveText(["Default", "CloudEvents"]);
  await page.getByLabel("Target 1 payload format").selectOption("CloudEvents");
  // slack: no payload format
  await page.getByRole("button", { name: "Add target" }).click();
  await page.getByLabel("Target 2 type").selectOption("slack");
  await expect(page.getByLabel("Target 2 payload format")).toHaveCount(0);
  await page.getByLabel("Target 2 URL").fill("https://hooks.slack.com/services/T0/B0/x");
  await page.getByRole("button", { name: "Save policy" }).click();
  const row = page.getByTestId("policy-row-deploy-trigger");
  await expect(row).toContainText("CloudEvents");
  await expect(row).toContainText("hooks.slack.com");
  expect(await page.content()).not.toContain(SECRET);
  // The README's screenshot, only when asked, so test runs leave the repo alone.
  if (process.env.E2E_SCREENSHOTS) {
    await page.setViewportSize({ width: 1440, height: 760 });
    await page.screenshot({ path: path.join(__dirname, "../../public/screenshots/webhooks.png") });
    await page.setViewportSize(DESKTOP);
  }

  await row.getByRole("button", { name: "Disable deploy-trigger" }).click();
  await expect(row).toContainText("disabled");
  await expect(row.getByRole("button", { name: "Enable deploy-trigger" })).toBeVisible();

  await row.getByRole("link", { name: "Deliveries of deploy-trigger" }).click();
  await expect(page.getByRole("heading", { name: "Deliveries of deploy-trigger" })).toBeVisible();
  const failed = page.locator("[data-testid^=delivery-]").filter({ hasText: "Error" }).first();
  await expect(failed).toContainText("503");
  await failed.getByRole("link", { name: /Tasks of delivery/ }).click();
  await page
    .getByTestId("tasks")
    .getByRole("link", { name: /Log of task/ })
    .click();
  await expect(page.getByTestId("task-log")).toContainText("http status code 503, expected 2xx");

  await openSettled(page, webhooksOf(ids.v215));
  await page.getByRole("button", { name: "Delete deploy-trigger" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("deploy-trigger");
  await expect(dialog).toContainText("platform");
  await dialog.getByRole("button", { name: "Delete deploy-trigger" }).click();
  await expect(page.getByText("No webhook policies")).toBeVisible();
  const actions = await query<{ action: string }>(`select action from "AuditEvent" where "targetType" = 'webhook' and "targetId" = $1 order by id`, [ids.v215]);
  expect(actions.map((a) => a.action)).toEqual(["webhook.update", "webhook.disable", "webhook.delete"]);
});
