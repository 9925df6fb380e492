import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DESKTOP, makeUser, openSettled, PHONE, query, saveOneNodeTopology, signIn, signInAsAdmin, unique } from "./helpers";
import { plannedInstance, serious } from "./upgrades-setup";

/** Issue #12: plan a two-hop upgrade or a wave, see path and impact, pass (or fail) pre-flight, download the runbook; viewers read only. */

test.describe("guided upgrades", () => {
  for (const [label, viewport] of [
    ["1440×900", DESKTOP],
    ["390×844", PHONE],
  ] as const) {
    test(`an operator plans a two-hop upgrade, sees path and impact, passes pre-flight and downloads the runbook (${label})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      await signInAsAdmin(page);
      const { id, name } = await plannedInstance(page);
      await saveOneNodeTopology(page, id);

      // From the instance page to the wizard's first step.
      await page.goto(`/instances/${id}`);
      await page.getByRole("link", { name: "Plan an upgrade" }).first().click();
      await expect(page).toHaveURL(new RegExp(`/upgrades/new\\?instance=${id}$`));
      await expect(page.getByTestId("live-version")).toContainText("2.0.6");
      const target = page.getByLabel("Target release");
      await expect(target).toHaveValue("2.15.2"); // the newest is the default
      await page.getByText("Releases not offered").click();
      await expect(page.getByText("2.0.6 and older: Harbor does not downgrade")).toBeVisible();
      expect(await serious(page), "axe on the target step").toEqual([]);

      await target.selectOption("2.6.4");
      await page.getByRole("button", { name: "Create draft plan" }).click();
      await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
      const planId = page.url().split("/").pop()!;
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Upgrade ${name}: 2.0.6 → 2.6.4`);
      await expect(page.getByTestId("plan-state")).toHaveText("Draft");

      // Path and impact: two hops, the rule that forced the stop, the PG change, topology valid at each version.
      const hops = page.getByTestId("hop-list");
      await expect(hops.getByTestId("hop-1")).toContainText("Hop 1: 2.0.6 → 2.4.3");
      await expect(hops.getByTestId("hop-1")).toContainText("documented-minimum");
      await expect(hops.getByTestId("hop-1")).toContainText("Bundled PostgreSQL 9.6 → 13");
      await expect(hops.getByTestId("hop-2")).toContainText("Hop 2: 2.4.3 → 2.6.4");
      await expect(page.getByTestId("hop-1-topology")).toContainText("valid for 2.4.3");
      await expect(page.getByTestId("hop-2-topology")).toContainText("valid for 2.6.4");
      await expect(page.getByTestId("hop-1-topology").getByRole("link", { name: "Topology tab" })).toHaveAttribute("href", `/instances/${id}/topology`);

      // Pre-flight, live against the simulator.
      await page.getByRole("button", { name: "Run pre-flight" }).click();
      await expect(page.getByTestId("preflight-report")).toContainText("Pre-flight passed");
      await expect(page.getByTestId("plan-state")).toHaveText("Ready");
      for (const check of ["reachable", "credentials", "version", "health"]) await expect(page.getByTestId(`preflight-${check}`)).toContainText("pass");
      await expect(page.getByTestId("preflight-scan-all")).toContainText("pass");
      expect(await serious(page), "axe on the plan page").toEqual([]);

      // The runbook, as Markdown.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download runbook" }).click()]);
      expect(download.suggestedFilename()).toBe(`${name}-upgrade-2.0.6-to-2.6.4.md`);
      const md = fs.readFileSync(await download.path(), "utf8");
      expect(md).toContain(`# ${name}: upgrade Harbor 2.0.6 → 2.4.3 → 2.6.4 on docker-compose`);
      expect(md).toContain("## Hop 1: 2.0.6 → 2.4.3");
      expect(md).toContain("### harbor.yml for");
      expect(md).toContain("# Restore runbook (docker-compose)");
      expect(md).not.toContain("Initial-Admin-Pw-1");
      expect(md).not.toContain("Db-Password-a11y-1");

      // The plan is on the Upgrades page, and the state filter lives in the URL.
      await openSettled(page, "/upgrades");
      await expect(page.getByTestId(`plan-row-${name}`)).toContainText("Ready");
      await page.getByLabel("State").selectOption("cancelled");
      await expect(page).toHaveURL(/\/upgrades\?state=cancelled$/);
      await expect(page.getByTestId(`plan-row-${name}`)).toHaveCount(0);
      await page.goto(`/upgrades?state=ready&instance=${id}`);
      await expect(page.getByTestId(`plan-row-${name}`)).toBeVisible();
      const rows = await query<{ action: string }>(`select action from "AuditEvent" where after->>'planId' = $1 order by id`, [planId]);
      expect(rows.map((r) => r.action)).toEqual(["upgrade_plan.create", "upgrade_plan.preflight"]);
    });
  }

  for (const [label, viewport] of [
    ["1440×900", DESKTOP],
    ["390×844", PHONE],
  ] as const) {
    test(`an operator plans a wave: instances in order, the canary first; the next plan says it waits for the one before (${label})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      await signInAsAdmin(page);
      const first = await plannedInstance(page);
      const second = await plannedInstance(page);
      await page.goto("/upgrades");
      await page.getByRole("link", { name: "Plan a wave" }).click();
      await expect(page).toHaveURL(/\/upgrades\/waves\/new$/);
      const waveName = unique("wave");
      await page.getByLabel("Wave name").fill(waveName);
      await page.getByLabel("Target release").selectOption("2.6.4");
      await page.getByLabel("Instance 1 (canary)").selectOption(second.id);
      // one missing: refused, the choices kept
      await page.getByRole("button", { name: "Create the wave's draft plans" }).click();
      await expect(page.getByText("Choose an instance.")).toBeVisible();
      await expect(page.getByLabel("Instance 1 (canary)")).toHaveValue(second.id);
      await page.getByLabel("Instance 2", { exact: true }).selectOption(first.id);
      await page.getByRole("button", { name: "Move up instance 2" }).click();
      await expect(page.getByLabel("Instance 1 (canary)")).toHaveValue(first.id);
      expect(await serious(page), "axe on the wave form").toEqual([]);
      await page.getByRole("button", { name: "Create the wave's draft plans" }).click();
      await expect(page).toHaveURL(/\/upgrades\/waves\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Wave ${waveName} → 2.6.4`);
      await expect(page.getByTestId("wave-plan-1")).toContainText(`1 (canary)${first.name}`);
      await expect(page.getByTestId("wave-plan-2")).toContainText(second.name);
      await expect(page.getByTestId("wave-plan-2")).toContainText("Draft");
      expect(await serious(page), "axe on the wave").toEqual([]);

      await page.getByTestId("wave-plan-2").getByRole("link", { name: second.name }).click();
      await expect(page.getByTestId("plan-wave")).toContainText(
        `Instance 2 of 2 in wave ${waveName}. It starts only once ${first.name}, before it, is completed (now draft).`,
      );
      const audit = await query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'upgrade_wave.create' and "targetName" = $1`, [
        waveName,
      ]);
      expect(audit[0].n).toBe(1);
    });
  }

  test("pre-flight blocks a plan when a component is unhealthy, with the evidence", async ({ page }) => {
    await signInAsAdmin(page);
    const { id } = await plannedInstance(page, process.env.E2E_SIM_DEGRADED_URL);
    await page.goto(`/upgrades/new?instance=${id}`);
    await page.getByRole("button", { name: "Create draft plan" }).click();
    await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Run pre-flight" }).click();
    await expect(page.getByTestId("preflight-report")).toContainText("Pre-flight found a reason not to start");
    await expect(page.getByTestId("preflight-health")).toContainText("fail");
    await expect(page.getByTestId("preflight-health")).toContainText("redis");
    await expect(page.getByTestId("plan-state")).toHaveText("Blocked");
  });

  test("a refused target is shown at the field and the choice is kept; a stale edit is refused", async ({ page, browser }) => {
    await signInAsAdmin(page);
    const { id } = await plannedInstance(page);
    await page.goto(`/upgrades/new?instance=${id}`);
    await page.getByLabel("Target release").selectOption("2.8.6");
    await page.getByRole("button", { name: "Create draft plan" }).click();
    await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
    const planUrl = page.url();

    // A second operator changes the target meanwhile; the first one's edit, based on the old version, is refused.
    const other = await browser.newContext();
    const second = await other.newPage();
    await signInAsAdmin(second);
    await second.goto(planUrl);
    await second.getByLabel("Target release").selectOption("2.4.3");
    await second.getByRole("button", { name: "Re-plan to this target" }).click();
    await expect(second.getByRole("heading", { level: 1 })).toContainText("2.0.6 → 2.4.3");
    await other.close();

    await page.getByLabel("Target release").selectOption("2.6.4");
    await page.getByRole("button", { name: "Re-plan to this target" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "changed this plan since you opened it" })).toBeVisible();
    await expect(page.getByLabel("Target release")).toHaveValue("2.6.4");
  });

  test("a viewer reads plans and runbooks but cannot create or run anything", async ({ page, browser }) => {
    await signInAsAdmin(page);
    const { id } = await plannedInstance(page);
    await page.goto(`/upgrades/new?instance=${id}`);
    await page.getByRole("button", { name: "Create draft plan" }).click();
    await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
    const planUrl = page.url();
    await page.getByRole("button", { name: "Run pre-flight" }).click();
    await expect(page.getByTestId("plan-state")).toHaveText("Ready");

    const password = "Viewer-Password-12";
    const viewer = await makeUser("viewer", password);
    const context = await browser.newContext();
    const vpage = await context.newPage();
    await signIn(vpage, viewer.email, password);
    await expect(vpage.getByTestId("current-user")).toHaveText(viewer.email);
    await vpage.goto(`/upgrades/new?instance=${id}`);
    await expect(vpage.getByText("Viewers can read upgrade plans and runbooks but cannot create them")).toBeVisible();
    await expect(vpage.getByRole("button", { name: "Create draft plan" })).toHaveCount(0);
    await expect(vpage.getByRole("button", { name: "Re-check now" })).toHaveCount(0);
    await vpage.goto(planUrl);
    await expect(vpage.getByTestId("hop-list")).toBeVisible();
    await expect(vpage.getByRole("button", { name: /Run pre-flight/ })).toHaveCount(0);
    await expect(vpage.getByRole("button", { name: "Cancel plan" })).toHaveCount(0);
    await expect(vpage.getByTestId("plan-state")).toHaveText("Ready");
    await expect(vpage.getByText("An operator books the maintenance window.")).toBeVisible();
    await expect(vpage.getByRole("button", { name: "Book the window" })).toHaveCount(0);
    await expect(vpage.getByRole("button", { name: "Start the upgrade" })).toHaveCount(0);
    await expect(vpage.getByRole("button", { name: "Re-plan to this target" })).toHaveCount(0);
    const res = await vpage.request.get(`${planUrl.replace("/upgrades/", "/api/upgrades/")}/runbook`);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("# Restore runbook");
    await context.close();
  });
});
