import { expect, test } from "@playwright/test";
import { makeUser, openSettled, PHONE, query, signIn, signInAsAdmin } from "./helpers";
import { refreshWebhookInventory, SECRET, seriousViolations, setUpWebhookHarbors, webhooksOf } from "./webhook-harbors";

/**
 * Issue #13: the fleet Webhooks page, the pages at a phone's width, a viewer who sees but cannot act, and a stored auth
 * header that is not sent to a new address.
 */

const ids: Record<"v110" | "v25" | "v215" | "down", string> = { v110: "", v25: "", v215: "", down: "" };
let stopSim: () => Promise<void>;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  stopSim = await setUpWebhookHarbors(browser, ids, ["v25", "v215", "down"]);
  // The receiver that is down, read into the inventory: the inbox the viewer and the phone-width pages show.
  await refreshWebhookInventory(browser, ids.down);
});

test.afterAll(async () => {
  await stopSim();
});

test("the fleet Webhooks page: refresh an instance's inventory and search it; targets by host only", async ({ page }) => {
  await signInAsAdmin(page);
  const [{ name }] = await query<{ name: string }>(`select name from "HarborInstance" where id = $1`, [ids.v25]);
  await openSettled(page, "/webhooks");
  await page.getByRole("button", { name: `Refresh webhooks of ${name}` }).click();
  await expect(page.getByTestId(`inventory-instance-${name}`)).toContainText("1 policy read");
  await page.getByPlaceholder("Instance, project, policy or target host").fill(name);
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("inventory-count")).toHaveText("1 policy match");
  const row = page.getByTestId(`inventory-row-${name}-deploy-trigger`);
  await expect(row).toContainText("platform");
  // the target's host only: never its path (tokens live there) nor its auth header
  await expect(row).toContainText("ci.v25.example.com");
  await expect(row).not.toContainText("/hook");
  expect(await page.content()).not.toContain(SECRET);
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole("link", { name: "platform" }).click();
  await expect(page.getByRole("heading", { name: "platform — webhooks", level: 1 })).toBeVisible();
});

test("pages pass axe at a phone's width", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAsAdmin(page);
  for (const path of [
    "/webhooks",
    `/webhooks?view=inbox&instance=${ids.down}`,
    `/webhooks?view=inbox&instance=${ids.v215}`,
    `/instances/${ids.v25}/projects`,
    webhooksOf(ids.v25),
    `${webhooksOf(ids.v25)}/new`,
    `${webhooksOf(ids.v25)}/1`,
  ]) {
    await openSettled(page, path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test("a viewer sees policies and deliveries but cannot act", async ({ page }) => {
  const password = "viewer-pass-123";
  const viewer = await makeUser("viewer", password);
  await signIn(page, viewer.email, password);
  await expect(page.getByTestId("current-user")).toHaveText(viewer.email);
  await openSettled(page, webhooksOf(ids.v25));
  const row = page.getByTestId("policy-row-deploy-trigger");
  await expect(row).toBeVisible();
  await expect(page.getByRole("link", { name: "New policy" })).toHaveCount(0);
  await expect(row.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await expect(row.getByRole("button")).toHaveCount(0);
  await expect(page.getByText("operators and admins change them")).toBeVisible();
  // a receiver's path may be its secret (Slack's URLs): a viewer sees the origin only
  await expect(row).toContainText("https://ci.v25.example.com/…");
  expect(await page.content()).not.toContain("ci.v25.example.com/hook");
  await row.getByRole("link", { name: "Deliveries of deploy-trigger" }).click();
  await expect(page.locator("[data-testid^=delivery-]").first()).toBeVisible();
  await openSettled(page, `${webhooksOf(ids.v25)}/new`);
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await openSettled(page, "/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Refresh webhooks of/ })).toHaveCount(0);
  // the inbox too, with target hosts only
  await openSettled(page, `/webhooks?view=inbox&instance=${ids.down}`);
  await expect(page.locator("[data-testid$=-siem-down]").first()).toBeVisible();
  expect(await page.content()).not.toContain("e2e-path-token");
  await expect(page.getByRole("button", { name: /redeliver/i })).toHaveCount(0);
});

test("retargeting a policy with a stored auth header asks for the header again, at the field, keeping what was typed (review F1)", async ({ page }) => {
  await signInAsAdmin(page);
  await openSettled(page, `${webhooksOf(ids.v215, "library")}/new`);
  await page.getByLabel("Name", { exact: true }).fill("retarget-check");
  await page.getByRole("checkbox", { name: /Artifact pushed/ }).check();
  await page.getByLabel("Target 1 URL").fill("https://ci.example.com/retarget");
  await page.getByLabel("Target 1 auth header").fill("Bearer retarget-token");
  await page.getByRole("button", { name: "Create policy" }).click();
  const row = page.getByTestId("policy-row-retarget-check");
  await expect(row).toContainText("auth header stored");

  await row.getByRole("link", { name: "Edit retarget-check" }).click();
  await expect(page.getByText("Stored — leave empty to keep it.")).toBeVisible();
  await page.getByLabel("Target 1 URL").fill("https://receiver.example.net/steal?k=1");
  await expect(page.getByText("The address changed: the stored header is not sent to a new address")).toBeVisible();
  await page.getByRole("button", { name: "Save policy" }).click();
  const auth = page.getByLabel("Target 1 auth header");
  await expect(page.getByTestId("target-0").getByRole("alert")).toHaveText("The address changed: type the auth header again, or clear it.");
  await expect(auth).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Target 1 URL")).toHaveValue("https://receiver.example.net/steal?k=1");
  expect(await seriousViolations(page)).toEqual([]);

  await auth.fill("Bearer new-token");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page).toHaveURL(new RegExp(`${webhooksOf(ids.v215, "library")}$`));
  await expect(row).toContainText("https://receiver.example.net/steal?k=1");
  await expect(row).toContainText("auth header stored");
  // The audit trail (which viewers read) keeps the origin and a fingerprint, not the path or query.
  const [audit] = await query<{ after: { targets: { address: string; addressSha256: string }[] } }>(
    `select after from "AuditEvent" where action = 'webhook.update' and "targetId" = $1 order by id desc limit 1`,
    [ids.v215],
  );
  expect(audit.after.targets[0]).toMatchObject({ address: "https://receiver.example.net/…", addressSha256: expect.stringMatching(/^[0-9a-f]{12}$/) });
  expect(JSON.stringify(audit)).not.toMatch(/steal|token/);
});
