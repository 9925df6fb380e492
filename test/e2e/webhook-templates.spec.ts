import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, makeUser, openSettled, PHONE, query, registerInstance, signIn, signInAsAdmin, unique } from "./helpers";

/**
 * Issue #13, templates: an operator makes one template, dry-runs it across Harbor 1.10, 2.5 and 2.15 (each body in its
 * version's terms, 1.10's occupied project refused with the reason), applies it with per-target results, and a second
 * dry run finds nothing to do. A viewer sees the template but cannot act. Desktop and phone, with axe.
 */

const SECRET = "Bearer e2e-tpl-s3cret";
const LABEL = unique("suite=tpl");
const names = { v110: unique("tpl-110"), v25: unique("tpl-25"), v215: unique("tpl-215") };
const dead = unique("tpl-dead");
const template = unique("ci");
const ids: Record<keyof typeof names, string> = { v110: "", v25: "", v215: "" };
let templateId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signInAsAdmin(page);
  ids.v110 = await registerInstance(page, { name: names.v110, url: process.env.E2E_SIM_TPL110_URL!, labels: LABEL });
  ids.v25 = await registerInstance(page, { name: names.v25, url: process.env.E2E_SIM_TPL25_URL!, labels: LABEL });
  ids.v215 = await registerInstance(page, { name: names.v215, url: process.env.E2E_SIM_TPL215_URL!, labels: LABEL });
  // selected too, but nothing listens there: a row with its reason, never a stop
  await registerInstance(page, { name: dead, url: process.env.E2E_CLOSED_URL!, labels: LABEL });
  await page.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

const row = (page: Page, instance: string, project: string) => page.getByTestId(`plan-row-${instance}-${project}`);

test("an operator creates a template, dry-runs it across 1.10, 2.5 and 2.15, and applies it", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  const password = "operator-pass-123";
  const operator = await makeUser("operator", password);
  await signIn(page, operator.email, password);
  await expect(page.getByTestId("current-user")).toHaveText(operator.email);
  await openSettled(page, "/webhooks");
  await page.getByRole("navigation", { name: "Webhooks" }).getByRole("link", { name: "Templates" }).click();
  await expect(page).toHaveURL(/\/webhooks\/templates$/);
  await page.getByRole("link", { name: "New template" }).click();

  // Mistakes are shown at their fields, and what was typed stays.
  await page.getByLabel("Name", { exact: true }).fill("Not A Name");
  await page.getByLabel("Target 1 URL").fill("https://ci.example.com/hook");
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Lower-case letters, digits and single hyphens")).toBeVisible();
  await expect(page.getByText("Choose at least one event")).toBeVisible();
  await expect(page.getByLabel("Target 1 URL")).toHaveValue("https://ci.example.com/hook");

  await page.getByLabel("Name", { exact: true }).fill(template);
  await page.getByRole("checkbox", { name: "Artifact pushed" }).check();
  await page.getByLabel("Target 1 auth header").fill(SECRET);
  await page.getByLabel("Instance labels").fill(LABEL);
  await page.getByLabel("Project names").fill("team-*");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("heading", { name: `Template ${template}`, level: 1 })).toBeVisible();
  templateId = page.url().split("/").pop()!;
  await expect(page.getByTestId("template-summary")).toContainText("auth header stored");

  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(row(page, names.v110, "team-a").getByTestId("plan-action")).toHaveText("create");
  await expect(row(page, names.v110, "team-b").getByTestId("plan-action")).toHaveText("cannot");
  await expect(row(page, names.v110, "team-b").getByTestId("plan-reason")).toContainText(
    'one webhook policy per project, and this project already has "policy_1"',
  );
  for (const n of [names.v25, names.v215]) for (const p of ["team-a", "team-b"]) await expect(row(page, n, p).getByTestId("plan-action")).toHaveText("create");
  await expect(row(page, dead, "instance").getByTestId("plan-action")).toHaveText("cannot");
  await expect(row(page, dead, "instance").getByTestId("plan-reason")).toContainText("Instance unreachable");
  await expect(page.locator("[data-testid^=plan-row-]")).toHaveCount(7);
  // each version's own body: 1.10 spells the event pushImage, 2.15 names a payload format, no auth header in clear
  await row(page, names.v110, "team-a").getByText("Request body").click();
  await expect(row(page, names.v110, "team-a").getByTestId("plan-body")).toContainText('"pushImage"');
  await row(page, names.v215, "team-a").getByText("Request body").click();
  await expect(row(page, names.v215, "team-a").getByTestId("plan-body")).toContainText('"payload_format": "Default"');
  await expect(row(page, names.v215, "team-a").getByTestId("plan-body")).toContainText('"auth_header": "[stored]"');
  expect(await page.content()).not.toContain("e2e-tpl-s3cret");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Apply 5 changes" }).click();
  await expect(page.getByTestId("apply-summary")).toHaveText("5 of 5 targets applied.");
  for (const n of [names.v25, names.v215]) await expect(row(page, n, "team-b")).toContainText("applied");
  await expect(row(page, names.v110, "team-b").getByTestId("plan-action")).toHaveText("cannot");
  const audits = await query<{ n: number }>(
    `select count(*)::int as n from "AuditEvent" where action = 'webhook.template.apply.create' and "targetName" like $1`,
    [`%fleet-tpl-${template}`],
  );
  expect(audits[0].n).toBe(5);
  const leaked = await query<{ n: number }>(
    `select count(*)::int as n from "AuditEvent" where before::text like '%e2e-tpl-s3cret%' or after::text like '%e2e-tpl-s3cret%'`,
  );
  expect(leaked[0].n).toBe(0);

  // Applying again changes nothing.
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(row(page, names.v215, "team-a").getByTestId("plan-action")).toHaveText("unchanged");
  await expect(page.getByRole("button", { name: "Apply 0 changes" })).toBeDisabled();
});

/**
 * Someone disables a managed policy in Harbor (here through the project's own page); the reconcile job records it as
 * drift (the job runs at the inventory's cadence, so the test writes the row it would write). Re-apply puts the
 * template back; adopt keeps Harbor's version.
 */
test("drift: the difference is shown, re-apply restores the template, adopt keeps Harbor's version", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAsAdmin(page);
  const policy = `fleet-tpl-${template}`;
  for (const key of ["v215", "v25"] as const) {
    await openSettled(page, `/instances/${ids[key]}/projects/team-a/webhooks`);
    await page.getByRole("button", { name: `Disable ${policy}` }).click();
    await expect(page.getByRole("button", { name: `Enable ${policy}` })).toBeVisible();
    await query(
      `insert into "WebhookTemplateDrift" (id, "templateId", "instanceId", project, "policyName", changes, fingerprint, "templateVersion", "detectedAt")
       values (gen_random_uuid(), $1, $2, 'team-a', $3, $4, 'e2e', 1, now())`,
      [templateId, ids[key], policy, JSON.stringify([{ field: "enabled", from: "false", to: "true" }])],
    );
  }
  await openSettled(page, `/webhooks/templates/${templateId}`);
  const on215 = page.getByTestId(`drift-row-${names.v215}-team-a`);
  await expect(on215).toContainText("enabled: false → true");
  expect(await seriousViolations(page)).toEqual([]);
  await on215.getByRole("button", { name: `Re-apply on ${names.v215} / team-a` }).click();
  await expect(on215).toHaveCount(0);
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(row(page, names.v215, "team-a").getByTestId("plan-action")).toHaveText("unchanged");
  await expect(row(page, names.v25, "team-a").getByTestId("plan-action")).toHaveText("update");

  const on25 = page.getByTestId(`drift-row-${names.v25}-team-a`);
  await on25.getByRole("button", { name: `Adopt ${names.v25} / team-a` }).click();
  await expect(on25).toContainText("adopted by admin@e2e.test");
  await expect(on25.getByRole("button")).toHaveCount(0);
  const [audit] = await query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'webhook.template.adopt' and "targetId" = $1`, [
    ids.v25,
  ]);
  expect(audit.n).toBe(1);
});

test("on a phone a viewer sees the template but cannot act", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const password = "viewer-pass-123";
  const viewer = await makeUser("viewer", password);
  await signIn(page, viewer.email, password);
  await expect(page.getByTestId("current-user")).toHaveText(viewer.email);
  await openSettled(page, "/webhooks/templates");
  await expect(page.getByTestId(`template-row-${template}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "New template" })).toHaveCount(0);
  // target addresses by origin only, as everywhere a viewer looks
  await expect(page.getByTestId(`template-row-${template}`)).toContainText("https://ci.example.com/…");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: template }).click();
  await expect(page.getByRole("heading", { name: `Template ${template}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId("viewer-notice")).toBeVisible();
  await expect(page.getByRole("button", { name: "Dry run" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit template" })).toHaveCount(0);
  // the drift, without re-apply or adopt
  await expect(page.getByTestId(`drift-row-${names.v25}-team-a`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Adopt|Re-apply)/ })).toHaveCount(0);
  expect(await page.content()).not.toContain("ci.example.com/hook");
  expect(await seriousViolations(page)).toEqual([]);
  await openSettled(page, `/webhooks/templates/${templateId}/edit`);
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await openSettled(page, "/webhooks/templates/new");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
});

test("on a phone an operator runs the dry run, the table scrolling in its own box", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAsAdmin(page);
  await openSettled(page, `/webhooks/templates/${templateId}`);
  await page.getByRole("button", { name: "Dry run" }).click();
  // 2.15's team-a was re-applied by the drift test; 2.5's team-a is still as someone left it in Harbor
  await expect(row(page, names.v215, "team-a").getByTestId("plan-action")).toHaveText("unchanged");
  await expect(row(page, names.v25, "team-a").getByTestId("plan-action")).toHaveText("update");
  await expect(row(page, dead, "instance").getByTestId("plan-action")).toHaveText("cannot");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await openSettled(page, `/webhooks/templates/${templateId}/edit`);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(template);
  await expect(page.getByText("Stored — leave empty to keep it.", { exact: false })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
