import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { openSettled, PHONE, query, signInAsAdmin } from "./helpers";
import { seriousViolations, setUpWebhookHarbors, webhooksOf } from "./webhook-harbors";

/**
 * Issue #13: webhook deliveries — a test delivery from a policy's page, the failed-delivery inbox (and the fleet page's
 * flag), and a failed delivery sent again from the inbox.
 */

const ids: Record<"v110" | "v25" | "v215" | "down", string> = { v110: "", v25: "", v215: "", down: "" };
let stopSim: () => Promise<void>;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  stopSim = await setUpWebhookHarbors(browser, ids, ["v215", "down"]);
});

test.afterAll(async () => {
  await stopSim();
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
