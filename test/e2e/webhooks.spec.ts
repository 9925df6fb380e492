import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, makeUser, openSettled, PHONE, query, registerInstance, signIn, signInAsAdmin, unique } from "./helpers";

/**
 * Issue #13: an instance's projects and a project's webhook policies, edited on Harbor 1.10, 2.5 and 2.15 (each
 * form offers that version's choices), delivery history, and a viewer who sees but cannot act.
 */

const SECRET = "e2e-hook-s3cret";
const ids: Record<"v110" | "v25" | "v215" | "down", string> = { v110: "", v25: "", v215: "", down: "" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signInAsAdmin(page);
  ids.v110 = await registerInstance(page, { name: unique("wh-110"), url: process.env.E2E_SIM_WH110_URL!, labels: "suite=webhooks" });
  ids.v25 = await registerInstance(page, { name: unique("wh-25"), url: process.env.E2E_SIM_WH25_URL!, labels: "suite=webhooks" });
  ids.v215 = await registerInstance(page, { name: unique("wh-215"), url: process.env.E2E_SIM_WH215_URL!, labels: "suite=webhooks" });
  ids.down = await registerInstance(page, { name: unique("wh-down"), url: process.env.E2E_SIM_WHDOWN_URL!, labels: "suite=webhooks" });
  await page.close();
});

const webhooksOf = (id: string, project = "platform") => `/instances/${id}/projects/${project}/webhooks`;

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The checkbox labels of the form's event list. */
async function offeredEvents(page: Page): Promise<string[]> {
  await expect(page.getByTestId("event-types").locator("input[type=checkbox]").first()).toBeVisible();
  return page
    .getByTestId("event-types")
    .locator("input[type=checkbox]")
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

async function targetTypes(page: Page): Promise<string[]> {
  return page
    .getByLabel("Target 1 type")
    .locator("option")
    .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
}

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

test("a test delivery reaches a local receiver (allow-listed) and shows its answer; one to 169.254.169.254 is refused", async ({ page }) => {
  const received: { auth?: string; type?: string }[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push({ auth: req.headers.authorization, type: req.headers["content-type"] });
      res.writeHead(202, { "content-type": "text/plain", "x-receiver": "e2e" }).end("received by the e2e receiver");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/harbor`;
    await signInAsAdmin(page);
    await openSettled(page, `${webhooksOf(ids.v215, "2024")}/new`);
    await page.getByLabel("Name", { exact: true }).fill("receiver-check");
    await page.getByRole("checkbox", { name: /Artifact pushed/ }).check();
    await page.getByLabel("Target 1 URL").fill(url);
    await page.getByLabel("Target 1 auth header").fill("Bearer receiver-token");
    await page.getByRole("button", { name: "Add target" }).click();
    await page.getByLabel("Target 2 URL").fill("http://169.254.169.254/latest/meta-data/");
    await page.getByRole("button", { name: "Create policy" }).click();
    const row = page.getByTestId("policy-row-receiver-check");
    await expect(row).toBeVisible();
    expect(await page.content()).not.toContain("receiver-token");

    await row.getByRole("button", { name: `Test delivery to ${url} (receiver-check)` }).click();
    const ok = row.getByTestId("test-delivery-result").first();
    await expect(ok).toContainText("HTTP 202");
    await expect(ok.getByTestId("test-delivery-body")).toHaveText("received by the e2e receiver");
    expect(received).toEqual([{ auth: "Bearer receiver-token", type: "application/json" }]);

    await row.getByRole("button", { name: "Test delivery to http://169.254.169.254/latest/meta-data/ (receiver-check)" }).click();
    const refused = row.getByTestId("test-delivery-result").nth(1);
    await expect(refused).toContainText("refused");
    await expect(refused).toContainText("169.254.169.254 is a link-local/metadata address");
    expect(received).toHaveLength(1);
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});

test("the failed-delivery inbox: a receiver that is down is flagged here and on the fleet page; filters live in the URL", async ({ page }) => {
  await signInAsAdmin(page);
  const [{ name }] = await query<{ name: string }>(`select name from "HarborInstance" where id = $1`, [ids.down]);
  await openSettled(page, "/webhooks");
  await page.getByRole("button", { name: `Refresh webhooks of ${name}` }).click();
  await expect(page.getByTestId(`inventory-instance-${name}`)).toContainText("2 policies read");
  await page
    .getByRole("navigation", { name: "Webhooks" })
    .getByRole("link", { name: /Failed deliveries/ })
    .click();
  await expect(page).toHaveURL(/view=inbox/);
  await expect(page.getByText("Redeliver re-sends, from the console, the body Harbor kept")).toBeVisible();
  await expect(page.getByTestId(`flagged-${name}-siem-down`)).toContainText("3 in a row");
  await expect(page.getByTestId(`flagged-${name}-chat-flaky`)).toHaveCount(0);

  await page.getByLabel("Instance", { exact: true }).selectOption({ label: name });
  await expect(page).toHaveURL(new RegExp(`instance=${ids.down}`));
  await expect(page.getByTestId("inbox-count")).toHaveText("4 failed deliveries match");
  const siem = page.getByTestId(`failed-delivery-${name}-siem-down`);
  await expect(siem).toHaveCount(3);
  await expect(siem.first()).toContainText("payments");
  await expect(siem.first()).toContainText("Artifact pushed");
  await expect(siem.first()).toContainText("http status code 503, expected 2xx");
  await expect(siem.first()).toContainText("failing 3 in a row");
  // the target's host only
  await expect(siem.first()).toContainText("siem.down.example.com");
  expect(await page.content()).not.toContain("e2e-path-token");
  await expect(page.getByTestId(`failed-delivery-${name}-chat-flaky`)).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Policy", { exact: true }).fill("chat");
  await page.getByLabel("Policy", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/policy=chat/);
  await expect(page.getByTestId("inbox-count")).toHaveText("1 failed delivery match");
  await expect(siem).toHaveCount(0);
  await page.getByLabel("Policy", { exact: true }).fill("");
  await page.getByLabel("Policy", { exact: true }).press("Enter");
  await expect(page).not.toHaveURL(/policy=/);
  await page.getByLabel("Event", { exact: true }).selectOption("PUSH_ARTIFACT");
  await expect(page).toHaveURL(/event=PUSH_ARTIFACT/);
  await expect(page.getByTestId("inbox-count")).toHaveText("3 failed deliveries match");
  // the simulated deliveries are 1–3 hours old
  await page.getByLabel("Time", { exact: true }).selectOption("1h");
  await expect(page).toHaveURL(/since=1h/);
  await expect(page.getByText("No failed delivery matches")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/webhooks\?view=inbox$/);

  // the fleet page flags the instance; the badge opens the inbox on it
  await openSettled(page, `/?q=${encodeURIComponent(name)}`);
  const badge = page.getByTestId(`fleet-row-${name}`).getByTestId("failing-webhooks");
  await expect(badge).toHaveText("1 webhook failing");
  await badge.click();
  await expect(page).toHaveURL(new RegExp(`view=inbox&instance=${ids.down}`));
  await expect(page.getByTestId(`flagged-${name}-siem-down`)).toBeVisible();
});

test("a failed delivery is redelivered from the inbox to a local receiver (allow-listed) with the body Harbor kept; a row it cannot resend says why", async ({
  page,
}) => {
  const received: { auth?: string; type?: string; mark?: string; agent?: string; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const h = req.headers;
      received.push({
        auth: h.authorization,
        type: h["content-type"],
        mark: h["x-harbor-fleet-redelivery"] as string | undefined,
        agent: h["user-agent"],
        body,
      });
      res.writeHead(202, { "content-type": "text/plain" }).end("redelivery received");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/redeliver`;
    await signInAsAdmin(page);
    const [{ name }] = await query<{ name: string }>(`select name from "HarborInstance" where id = $1`, [ids.v215]);
    // Two policies on 2.15 (every simulated policy's middle delivery failed): one CloudEvents target; two http targets.
    for (const [policy, second] of [
      ["redeliver-me", null],
      ["redeliver-twice", "https://other.example.net/hook"],
    ] as const) {
      await openSettled(page, `${webhooksOf(ids.v215, "2024")}/new`);
      await page.getByLabel("Name", { exact: true }).fill(policy);
      await page.getByRole("checkbox", { name: /Artifact pushed/ }).check();
      await page.getByLabel("Target 1 URL").fill(url);
      await page.getByLabel("Target 1 auth header").fill("Bearer redeliver-token");
      await page.getByLabel("Target 1 payload format").selectOption("CloudEvents");
      if (second) {
        await page.getByRole("button", { name: "Add target" }).click();
        await page.getByLabel("Target 2 URL").fill(second);
      }
      await page.getByRole("button", { name: "Create policy" }).click();
      await expect(page.getByTestId(`policy-row-${policy}`)).toBeVisible();
    }
    await openSettled(page, "/webhooks");
    await page.getByRole("button", { name: `Refresh webhooks of ${name}` }).click();
    await expect(page.getByTestId(`inventory-instance-${name}`).getByRole("status")).toContainText(/polic(y|ies) read/);

    await openSettled(page, `/webhooks?view=inbox&instance=${ids.v215}&policy=redeliver`);
    const row = page.getByTestId(`failed-delivery-${name}-redeliver-me`);
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId(`failed-delivery-${name}-redeliver-twice`).getByTestId("redeliver-blocked")).toHaveText(
      "The policy has 2 http targets and Harbor's record does not say which one this delivery went to.",
    );
    await expect(page.getByTestId(`failed-delivery-${name}-redeliver-twice`).getByRole("button", { name: /Redeliver/ })).toHaveCount(0);
    expect(received).toEqual([]);

    await row.getByRole("button", { name: /^Redeliver delivery \d+ of redeliver-me$/ }).click();
    const result = row.getByTestId("redelivery-result");
    await expect(result).toContainText("HTTP 202");
    await expect(result.getByTestId("redelivery-body")).toHaveText("redelivery received");
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      auth: "Bearer redeliver-token",
      type: "application/cloudevents+json",
      mark: expect.stringMatching(/^\d+$/),
      agent: "harbor-fleet-console (redelivery)",
    });
    expect(JSON.parse(received[0].body)).toMatchObject({ specversion: "1.0", type: "harbor.artifact.pushed" });
    expect(await page.content()).not.toContain("redeliver-token");
    const audit = await query<{ after: { redelivery: boolean; harborJobId: number; authHeader: string; status: number } }>(
      `select after from "AuditEvent" where action = 'webhook.redeliver' and "targetId" = $1 order by id`,
      [ids.v215],
    );
    expect(audit.map((a) => a.after)).toEqual([
      expect.objectContaining({ redelivery: true, harborJobId: Number(received[0].mark), authHeader: "********", status: 202 }),
    ]);
    expect(await seriousViolations(page)).toEqual([]);

    // On a phone too: the same record sent again, the answer shown in the row.
    await page.setViewportSize(PHONE);
    await openSettled(page, `/webhooks?view=inbox&instance=${ids.v215}&policy=redeliver-me`);
    await row.getByRole("button", { name: /^Redeliver delivery \d+ of redeliver-me$/ }).click();
    await expect(row.getByTestId("redelivery-result")).toContainText("HTTP 202");
    await expect(row.getByTestId("redelivery-body")).toHaveText("redelivery received");
    expect(received.map((r) => r.mark)).toEqual([received[0].mark, received[0].mark]);
    expect(received[1].body).toBe(received[0].body);
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
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
