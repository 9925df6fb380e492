import { expect, test } from "@playwright/test";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { DESKTOP, makeUser, PHONE, query, signIn, signInAsAdmin } from "./helpers";
import { plannedInstance, serious } from "./upgrades-setup";

/** Issue #12: run an upgrade on a simulator of its own (pre-flight, window, start, verify each hop), and the runbook's ticks and read-only switch. */

test.describe("guided upgrades", () => {
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
});
