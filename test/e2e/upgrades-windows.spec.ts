import { expect, test } from "@playwright/test";
import { dayKey, timeOfDay } from "../../lib/upgrade/calendar";
import { admin, DESKTOP, makeUser, openSettled, PHONE, query, signIn, signInAsAdmin } from "./helpers";
import { localIn, plannedInstance, serious, windowOf, ZONE } from "./upgrades-setup";

/** Issue #12: booking an upgrade window that needs an admin's approval, and the calendar that shows, moves and cancels it. */

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
});
