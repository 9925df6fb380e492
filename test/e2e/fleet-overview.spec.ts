/**
 * The fleet overview: a mixed fleet registered and refreshed by hand (the first test; the others read what it left),
 * its tiles, badges and charts, filters in the URL, and the live endpoint behind the page.
 */
import path from "node:path";
import { expect, test } from "@playwright/test";
import { minorsBehind, supportStatus } from "../../lib/upgrade";
import { admin, signIn, signInAsAdmin } from "./helpers";
import { mixedFleet, row, rows } from "./fleet-setup";

const { SCOPE, fleet, register } = mixedFleet();

test.describe.serial("fleet overview", () => {
  test("an operator refreshes a mixed fleet: tiles, health, credential and version badges", async ({ page, browser }) => {
    test.setTimeout(180_000);
    await signInAsAdmin(page);
    for (const m of Object.values(fleet)) await register(page, m);

    await page.goto(SCOPE);
    await page.getByTestId("refresh-all").click();
    const progress = page.getByTestId("sweep-progress");
    await expect(progress).toContainText(/\d+ of \d+/);
    await expect(progress).toHaveAttribute("data-done", "true", { timeout: 90_000 });

    // A poll the schedule had already queued is not queued twice, so the last results may land just after the round.
    const versions = Object.values(fleet).flatMap((m) => (m.version ? [m.version] : []));
    const expected = {
      healthy: 3,
      degraded: 1,
      down: 1,
      unknown: 0,
      credential: 1,
      behind: versions.filter((v) => (minorsBehind(v) ?? 0) >= 2).length,
      unmaintained: versions.filter((v) => ["outdated", "unsupported"].includes(supportStatus(v).status)).length,
      stale: 0,
    };
    for (const [tile, count] of Object.entries(expected)) {
      await expect(page.getByTestId(`fleet-tile-${tile}`), `tile ${tile}`).toHaveAttribute("data-count", String(count), { timeout: 30_000 });
    }
    await expect(page.getByTestId("fleet-tile-down")).toContainText("1");
    await expect(rows(page)).toHaveCount(5);

    await expect(row(page, fleet.healthy)).toHaveAttribute("data-health", "healthy");
    await expect(row(page, fleet.healthy)).toContainText("2.11.2");
    await expect(row(page, fleet.degraded)).toHaveAttribute("data-health", "degraded");
    await expect(row(page, fleet.degraded)).toContainText("redis");
    await expect(row(page, fleet.down)).toHaveAttribute("data-health", "down");
    await expect(row(page, fleet.down)).toContainText("unreachable");
    await expect(row(page, fleet.badCredential)).toContainText("credential rejected");
    await expect(row(page, fleet.old)).toContainText("2.0.6");
    await expect(row(page, fleet.old)).toContainText(`${minorsBehind("2.0.6")} behind`);
    await expect(row(page, fleet.old)).toContainText(/\d+ upgrade hops? to latest/);

    // The health badge shows the components on keyboard focus, as a tooltip tied to the badge.
    // Scrolled into view first, and the scroll event let through: Radix closes a tooltip when the page scrolls.
    const badge = row(page, fleet.degraded).getByRole("button", { name: /degraded/ });
    await badge.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await badge.focus();
    await expect(page.getByRole("tooltip")).toContainText("redis");
    await expect(page.getByRole("tooltip")).toContainText("connection refused");
    await expect(badge).toHaveAttribute("aria-describedby", /.+/);
    await page.keyboard.press("Escape");

    // The charts draw in the browser (the server sends their sized, labelled frame).
    await expect(
      page
        .getByRole("img", { name: /^Instances per version line/ })
        .locator(".recharts-bar-rectangle")
        .first(),
    ).toBeVisible();
    await expect(
      page
        .getByRole("img", { name: /^Health per hour/ })
        .locator(".recharts-bar-rectangle")
        .first(),
    ).toBeVisible();

    // Screenshots for the README (light) and a look at dark mode; only when asked, so test runs leave the repo alone.
    if (process.env.E2E_SCREENSHOTS) {
      for (const colorScheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 1600 } });
        const shot = await context.newPage();
        await signIn(shot, admin().email, admin().password);
        await expect(shot.getByTestId("current-user")).toHaveText(admin().email);
        await shot.goto("/");
        await expect(shot.getByTestId(`fleet-row-${fleet.down.name}`)).toBeVisible();
        await shot.waitForTimeout(500); // charts measure their container after the first paint
        const file =
          colorScheme === "light" ? path.join(__dirname, "../../public/screenshots/fleet.png") : path.join(__dirname, "../../test-results/fleet-dark.png");
        await shot.screenshot({ path: file });
        await context.close();
      }
    }
  });

  test("a tile filters the table, and the filtered view's URL can be shared", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(SCOPE);
    await page.getByTestId("fleet-tile-down").click();
    await expect(page).toHaveURL(/health=down/);
    await expect(page).toHaveURL(/label=run%3D/);
    await expect(rows(page)).toHaveCount(1);
    await expect(row(page, fleet.down)).toBeVisible();
    await expect(page.getByTestId("fleet-tile-down")).toHaveAttribute("aria-current", "true");

    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await expect(rows(shared)).toHaveCount(1);
    await expect(row(shared, fleet.down)).toBeVisible();
    await expect(shared.getByLabel("Filter by health")).toHaveValue("down");

    // Sorting is in the URL too, with aria-sort on the column.
    await page.goto(SCOPE);
    await page.getByRole("button", { name: "Version", exact: true }).click();
    await expect(page).toHaveURL(/sort=version/);
    await expect(page.getByRole("columnheader", { name: "Version" })).toHaveAttribute("aria-sort", "ascending");
    await expect(rows(page).first()).toHaveAttribute("data-testid", `fleet-row-${fleet.badCredential.name}`);
  });

  test("a bad filter value in the URL shows a notice, not an error", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(`${SCOPE}&health=bogus`);
    await expect(page.getByText(/Ignored the filter health="bogus"/)).toBeVisible();
    await expect(rows(page)).toHaveCount(5);
  });

  test("the live endpoint answers the signed-in user, and nobody else, though it reads while checking", async ({ page, browser }) => {
    await signInAsAdmin(page);
    const mine = await page.request.get(`/api/fleet${SCOPE.slice(1)}&health=bogus`);
    expect(mine.status()).toBe(200);
    const body = (await mine.json()) as { rows: { name: string }[]; notices: string[] };
    expect(body.rows).toHaveLength(5);
    expect(body.notices.join(" ")).toContain('health="bogus"');
    // A session cookie the console did not issue passes the proxy's optimistic check but not the session check.
    const forged = await browser.newContext();
    await forged.addCookies([{ name: "next-auth.session-token", value: "forged", url: page.url() }]);
    const refused = await forged.request.get(new URL(`/api/fleet${SCOPE.slice(1)}`, page.url()).href, { maxRedirects: 0 });
    expect(refused.status()).toBe(401);
    expect(await refused.text()).not.toContain(body.rows[0].name);
    await forged.close();
  });
});
