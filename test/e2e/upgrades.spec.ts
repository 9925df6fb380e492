import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { dayKey, timeOfDay } from "../../lib/upgrade/calendar";
import { admin, DESKTOP, makeUser, openSettled, PHONE, query, registerInstance, saveOneNodeTopology, signIn, signInAsAdmin, unique } from "./helpers";

/** Issue #12: plan a two-hop upgrade, see path and impact, pass pre-flight, download the runbook, run it (ticks, read-only, verify); viewers read only. */

/** Serious and critical axe violations; `include` limits the check to a part, e.g. an open dialog (the page behind it is inert and dimmed by its overlay). */
async function serious(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** An instance on the simulated Harbor 2.0.6 with a one-node topology, its version detected. */
async function plannedInstance(page: Page, url?: string): Promise<{ id: string; name: string }> {
  const name = unique("upg");
  const id = await registerInstance(page, { name, url });
  await page.goto(`/instances/${id}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("detected-version")).toContainText("Harbor");
  return { id, name };
}

/** A datetime-local value `minutes` from now in the page's own zone, on a whole minute (rounded up when ahead). */
function localIn(page: Page, minutes: number): Promise<string> {
  return page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    d.setSeconds(0, 0);
    if (m > 0) d.setMinutes(d.getMinutes() + 1);
    const p2 = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}`;
  }, minutes);
}

const windowOf = async (planId: string) =>
  (await query<{ start: Date; end: Date }>(`select "windowStart" as start, "windowEnd" as end from "UpgradePlan" where id = $1`, [planId]))[0];
const ZONE = "Asia/Tokyo";

test.describe("guided upgrades", () => {
  for (const [label, viewport] of [
    ["1440×900", DESKTOP],
    ["390×844", PHONE],
  ] as const) {
    test(`a window that needs approval: an operator books it but cannot approve, an admin approves; the calendar shows it in the reader's zone with UTC, and moves and cancels it (${label})`, async ({
      browser,
    }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({ viewport, timezoneId: ZONE });
      const page = await context.newPage();
      await signInAsAdmin(page);
      const { id, name } = await plannedInstance(page);
      await page.goto(`/upgrades/new?instance=${id}`);
      await page.getByLabel("Target release").selectOption("2.4.3");
      await page.getByRole("button", { name: "Create draft plan" }).click();
      await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
      const planUrl = page.url();
      const planId = planUrl.split("/").pop()!;
      await page.getByRole("button", { name: "Run pre-flight" }).click();
      await expect(page.getByTestId("plan-state")).toHaveText("Ready");

      // An operator books the window, asking for approval, and cannot give it.
      const password = "Operator-Password-12";
      const operator = await makeUser("operator", password);
      const opContext = await browser.newContext({ viewport, timezoneId: ZONE });
      const op = await opContext.newPage();
      await signIn(op, operator.email, password);
      await expect(op.getByTestId("current-user")).toHaveText(operator.email);
      await op.goto(planUrl);
      await op.getByLabel("Window starts").fill(await localIn(op, 60 * 26));
      await op.getByLabel("Window ends").fill(await localIn(op, 60 * 28));
      await op.getByLabel("Needs an admin's approval before it can start").check();
      await op.getByRole("button", { name: "Book the window" }).click();
      await expect(op.getByTestId("plan-state")).toHaveText("Scheduled");
      await expect(op.getByTestId("approval")).toContainText(
        "Needs an admin's approval before the window starts; unapproved at its start, the plan is blocked.",
      );
      await expect(op.getByTestId("approval")).toContainText("Only an admin can approve it.");
      await expect(op.getByRole("button", { name: "Approve the window" })).toHaveCount(0);
      expect(await serious(op), "axe on a window awaiting approval").toEqual([]);
      await opContext.close();

      // The admin approves: name and time shown, audited.
      await page.reload();
      await page.getByRole("button", { name: "Approve the window" }).click();
      await expect(page.getByTestId("approval")).toContainText(`Approved by ${admin().email} at`);
      const approvals = await query<{ actorEmail: string }>(
        `select "actorEmail" from "AuditEvent" where action = 'upgrade_plan.approve' and after->>'planId' = $1`,
        [planId],
      );
      expect(approvals.map((r) => r.actorEmail)).toEqual([admin().email]);

      // The calendar, in the reader's zone (Tokyo here) with UTC beside; its view and filters live in the URL.
      await openSettled(page, `/upgrades?view=calendar&instance=${id}`);
      await expect(page.getByTestId("calendar-zone")).toHaveText(ZONE);
      const booked = await windowOf(planId);
      const entry = page.getByTestId(`day-${dayKey(booked.start, ZONE)}`).getByTestId(`calendar-window-${name}`);
      await expect(entry).toContainText(`${name} → 2.4.3`);
      await expect(entry).toContainText(timeOfDay(booked.start, ZONE));
      await expect(entry).toContainText(`${booked.start.toISOString().slice(11, 16)}–`);
      await expect(entry).toContainText(`approved by ${admin().email}`);
      expect(await serious(page), "axe on the calendar").toEqual([]);
      await page.getByLabel("State").selectOption("scheduled");
      await expect(page).toHaveURL(/[?&]view=calendar(&|$)/);
      await expect(page).toHaveURL(/[?&]state=scheduled(&|$)/);
      await expect(entry).toBeVisible();

      // Reschedule from the calendar: a refusal at its field keeps what was typed; the move asks approval again.
      await entry.getByRole("button", { name: `Reschedule ${name}` }).click();
      const dialog = page.getByRole("dialog");
      const past = await localIn(page, -30);
      await dialog.getByLabel("Window starts").fill(past);
      await dialog.getByRole("button", { name: "Move the window" }).click();
      await expect(dialog.getByText("The window must start in the future.")).toBeVisible();
      await expect(dialog.getByLabel("Window starts")).toHaveValue(past);
      expect(await serious(page, '[role="dialog"]'), "axe on the reschedule dialog").toEqual([]);
      await dialog.getByLabel("Window starts").fill(await localIn(page, 60 * 50));
      await dialog.getByLabel("Window ends").fill(await localIn(page, 60 * 52));
      await dialog.getByRole("button", { name: "Move the window" }).click();
      await expect(dialog).toHaveCount(0);
      const moved = await windowOf(planId);
      expect(moved.start.getTime()).toBeGreaterThan(booked.start.getTime());
      const movedEntry = page.getByTestId(`day-${dayKey(moved.start, ZONE)}`).getByTestId(`calendar-window-${name}`);
      await expect(movedEntry).toContainText(timeOfDay(moved.start, ZONE));
      await expect(movedEntry).toContainText("awaiting an admin's approval");

      // Cancel from the calendar: gone from it (cancelled plans stay in the list, for the record).
      await movedEntry.getByRole("button", { name: `Cancel plan of ${name}` }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Cancel plan" }).click();
      await expect(page.getByTestId(`calendar-window-${name}`)).toHaveCount(0);
      await page.goto(`/upgrades?instance=${id}&state=cancelled`);
      await expect(page.getByTestId(`plan-row-${name}`)).toContainText("Cancelled");
      const actions = await query<{ action: string }>(
        `select action from "AuditEvent" where after->>'planId' = $1 and action like 'upgrade_plan.%' order by id`,
        [planId],
      );
      expect(actions.map((r) => r.action)).toEqual([
        "upgrade_plan.create",
        "upgrade_plan.preflight",
        "upgrade_plan.schedule",
        "upgrade_plan.approve",
        "upgrade_plan.reschedule",
        "upgrade_plan.cancel",
      ]);
      await context.close();
    });
  }

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

  test.describe("with a simulator of its own that plays the upgrade", () => {
    let sim: HarborSim;
    test.beforeAll(async () => {
      sim = await startHarborSim({
        instances: [
          { id: "run", version: "2.11.2" },
          { id: "gc", version: "2.12.4", gcRunning: true },
        ],
      });
    });
    test.afterAll(async () => {
      await sim.stop();
    });

    test("pre-flight fails while a GC runs", async ({ page }) => {
      await signInAsAdmin(page);
      const { id } = await plannedInstance(page, sim.get("gc").baseUrl);
      await page.goto(`/upgrades/new?instance=${id}`);
      await page.getByRole("button", { name: "Create draft plan" }).click();
      await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
      await page.getByRole("button", { name: "Run pre-flight" }).click();
      await expect(page.getByTestId("preflight-gc")).toContainText("fail");
      await expect(page.getByTestId("preflight-gc")).toContainText("GC #2 is running since");
      await expect(page.getByTestId("plan-state")).toHaveText("Blocked");
    });

    test("book a window a minute ahead (a past one refused at its field), see it ready, start, verify each hop; a dirty migration needs attention and points at the restore runbook", async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await signInAsAdmin(page);
      const { id } = await plannedInstance(page, sim.get("run").baseUrl);
      await page.goto(`/upgrades/new?instance=${id}`);
      await page.getByRole("button", { name: "Create draft plan" }).click();
      await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
      const planId = page.url().split("/").pop()!;
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/2\.11\.2 → 2\.15\.2$/);
      await page.getByRole("button", { name: "Run pre-flight" }).click();
      await expect(page.getByTestId("plan-state")).toHaveText("Ready");

      // datetime-local values in the browser's own zone, whole minutes
      const localIn = (minutes: number) =>
        page.evaluate((m) => {
          const d = new Date(Date.now() + m * 60_000);
          d.setSeconds(0, 0);
          if (m > 0) d.setMinutes(d.getMinutes() + 1);
          const p2 = (n: number) => String(n).padStart(2, "0");
          return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}`;
        }, minutes);
      const start = page.getByLabel("Window starts");
      const end = page.getByLabel("Window ends");
      const past = await localIn(-10);
      await start.fill(past);
      await end.fill(await localIn(60));
      await page.getByRole("button", { name: "Book the window" }).click();
      await expect(page.getByText("The window must start in the future.")).toBeVisible();
      await expect(start).toHaveValue(past);
      await expect(start).toHaveAttribute("aria-invalid", "true");

      await start.fill(await localIn(0.5));
      await page.getByRole("button", { name: "Book the window" }).click();
      await expect(page.getByTestId("plan-state")).toHaveText("Scheduled");
      await expect(page.getByTestId("window-summary")).toContainText("UTC");
      expect(await serious(page), "axe with a booked window").toEqual([]);

      // The window's start job (or the minute's check) runs pre-flight again and marks the plan ready.
      await expect
        .poll(
          async () =>
            (
              await query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'upgrade_plan.window_start' and after->>'planId' = $1`, [
                planId,
              ])
            )[0].n,
          {
            timeout: 180_000,
            intervals: [2_000],
          },
        )
        .toBe(1);
      await page.reload();
      await expect(page.getByTestId("plan-state")).toHaveText("Ready");
      await expect(page.getByTestId("preflight-report")).toContainText("Pre-flight passed");

      await page.getByRole("button", { name: "Start the upgrade" }).click();
      await expect(page.getByTestId("plan-state")).toHaveText("In progress");

      sim.switchVersion("run", "2.14.4");
      await page.getByRole("button", { name: "Verify hop 1 now" }).click();
      await expect(page.getByTestId("last-check")).toContainText("Harbor runs 2.14.4 and its");
      await expect(page.getByTestId("run-hops")).toContainText("verified");

      sim.switchVersion("run", "2.15.2", { dirty: true });
      await page.getByRole("button", { name: "Verify hop 2 now" }).click();
      await expect(page.getByTestId("plan-state")).toHaveText("Needs attention");
      await expect(page.getByTestId("last-check")).toContainText("Dirty database version");
      await expect(page.getByTestId("last-check").getByRole("link", { name: "Download the runbook" })).toHaveAttribute(
        "href",
        `/api/upgrades/${planId}/runbook`,
      );
      expect(await serious(page), "axe with a plan needing attention").toEqual([]);

      sim.switchVersion("run", "2.15.2");
      await page.getByRole("button", { name: "Verify hop 2 now" }).click();
      await expect(page.getByTestId("plan-state")).toHaveText("Completed");
    });
  });

  for (const [label, viewport, simId] of [
    ["1440×900", DESKTOP, "ro-desktop"],
    ["390×844", PHONE, "ro-phone"],
  ] as const) {
    test.describe(`runbook steps and read-only (${label})`, () => {
      let sim: HarborSim;
      test.beforeAll(async () => {
        sim = await startHarborSim({ instances: [{ id: simId, version: "2.11.2" }] });
      });
      test.afterAll(async () => {
        await sim.stop();
      });
      const harborReadOnly = async () =>
        (
          (await (
            await fetch(`${sim.get(simId).baseUrl}/api/v2.0/systeminfo`, {
              headers: { authorization: `Basic ${Buffer.from("admin:Harbor12345").toString("base64")}` },
            })
          ).json()) as { read_only: boolean }
        ).read_only;

      test("an operator ticks steps and switches read-only inside the window; outside it is refused at the step; a viewer sees the ticks and cannot act", async ({
        page,
        browser,
      }) => {
        test.setTimeout(180_000);
        await page.setViewportSize(viewport);
        await signInAsAdmin(page);
        const { id } = await plannedInstance(page, sim.get(simId).baseUrl);
        await page.goto(`/upgrades/new?instance=${id}`);
        await page.getByRole("button", { name: "Create draft plan" }).click();
        await expect(page).toHaveURL(/\/upgrades\/[0-9a-f-]{36}$/);
        const planId = page.url().split("/").pop()!;
        // the run itself (window, start) is covered above; here the plan is started inside an open window directly
        await query(
          `update "UpgradePlan" set state = 'in_progress', "windowStart" = now() - interval '5 minutes', "windowEnd" = now() + interval '55 minutes', "windowTimeZone" = 'UTC' where id = $1`,
          [planId],
        );
        await page.reload();
        await expect(page.getByTestId("plan-state")).toHaveText("In progress");

        const checklist = page.getByTestId("runbook-checklist");
        const hop1 = checklist.getByRole("group", { name: "Hop 1: 2.11.2 → 2.14.4" });
        await hop1.getByLabel("Pre-stage the installer and its images on every node").check();
        await expect(hop1.getByTestId("tick-by")).toContainText("ticked by");
        await hop1.getByRole("button", { name: "Switch read-only on" }).click();
        await expect(hop1.getByRole("status")).toHaveText("Harbor reports read-only on.");
        await expect(hop1.getByLabel("Switch Harbor to read-only and let running jobs end")).toBeChecked();
        expect(await harborReadOnly()).toBe(true);
        await hop1.getByLabel("Stop every node").check();
        await expect(hop1.getByTestId("tick-by")).toHaveCount(3);
        await hop1.getByLabel("Stop every node").uncheck();
        await expect(hop1.getByTestId("tick-by")).toHaveCount(2);
        expect(await serious(page), "axe on the runbook checklist").toEqual([]);
        await page.reload();
        await expect(page.getByTestId("runbook-checklist").getByRole("group", { name: "Hop 1: 2.11.2 → 2.14.4" }).getByTestId("tick-by")).toHaveCount(2);

        const audit = await query<{ action: string }>(
          `select action from "AuditEvent" where after->>'planId' = $1 and action in ('upgrade_plan.step_tick','upgrade_plan.step_untick','instance.read_only') order by id`,
          [planId],
        );
        expect(audit.map((r) => r.action)).toEqual([
          "upgrade_plan.step_tick",
          "instance.read_only",
          "upgrade_plan.step_tick",
          "upgrade_plan.step_tick",
          "upgrade_plan.step_untick",
        ]);

        // A viewer sees the ticks, cannot tick, has no read-only switch.
        const password = "Viewer-Password-12";
        const viewer = await makeUser("viewer", password);
        const context = await browser.newContext({ viewport });
        const vpage = await context.newPage();
        await signIn(vpage, viewer.email, password);
        await expect(vpage.getByTestId("current-user")).toHaveText(viewer.email);
        await vpage.goto(`/upgrades/${planId}`);
        const vhop = vpage.getByTestId("runbook-checklist").getByRole("group", { name: "Hop 1: 2.11.2 → 2.14.4" });
        await expect(vhop.getByTestId("tick-by")).toHaveCount(2);
        await expect(vhop.getByLabel("Stop every node")).toBeDisabled();
        await expect(vpage.getByRole("button", { name: /Switch read-only/ })).toHaveCount(0);
        await expect(vpage.getByText("Viewers see the ticks; operators tick the steps.")).toBeVisible();
        await context.close();

        // The window is over: switching read-only off from the console is refused where it was asked, Harbor untouched.
        await query(
          `update "UpgradePlan" set "windowStart" = now() - interval '2 hours', "windowEnd" = now() - interval '1 hour', "windowEndedAt" = now() where id = $1`,
          [planId],
        );
        await page.reload();
        const again = page.getByTestId("runbook-checklist").getByRole("group", { name: "Hop 1: 2.11.2 → 2.14.4" });
        await again.getByRole("button", { name: "Switch read-only off" }).click();
        await expect(again.getByRole("alert")).toContainText("only inside the plan's window");
        expect(await harborReadOnly()).toBe(true);
      });
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
