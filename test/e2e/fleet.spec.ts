import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { minorsBehind, supportStatus } from "../../lib/upgrade";
import { admin, query, signIn, signInAsAdmin, unique } from "./helpers";

/** This run's instances carry their own label, so other tests' instances never enter the counts. */
const LABEL = `run=${Math.random().toString(36).slice(2, 8)}`;
const SCOPE = `/?label=${encodeURIComponent(LABEL)}`;

interface Member {
  name: string;
  url: () => string;
  secret: string;
  tls?: boolean;
  /** what the simulator reports; null when the collector cannot reach it */
  version: string | null;
}

const fleet = {
  healthy: { name: unique("fleet-ok"), url: () => process.env.E2E_SIM_TLS_URL!, secret: "Harbor12345", tls: true, version: "2.11.2" },
  degraded: { name: unique("fleet-degraded"), url: () => process.env.E2E_SIM_DEGRADED_URL!, secret: "Harbor12345", version: "2.8.6" },
  down: { name: unique("fleet-down"), url: () => process.env.E2E_SIM_DOWN_URL!, secret: "Harbor12345", version: null },
  old: { name: unique("fleet-old"), url: () => process.env.E2E_SIM_OLD_URL!, secret: "Harbor12345", version: "2.0.6" },
  badCredential: { name: unique("fleet-badcred"), url: () => process.env.E2E_SIM_LEGACY_URL!, secret: "not-the-password", version: "1.10.19" },
} satisfies Record<string, Member>;

const row = (page: Page, m: Member) => page.getByTestId(`fleet-row-${m.name}`);
const rows = (page: Page) => page.locator('[data-testid^="fleet-row-"]');

async function register(page: Page, m: Member, opts: { username?: string; labels?: string } = {}) {
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill(m.name);
  await page.getByLabel("Environment").selectOption("staging");
  await page.getByLabel("Labels").fill(opts.labels ?? `${LABEL}, team=fleet`);
  await page.getByLabel("Deployment").selectOption("docker_compose");
  await page.getByLabel("Harbor URL").fill(m.url());
  await page.getByLabel("Username").fill(opts.username ?? "admin");
  await page.getByLabel("Password or robot secret").fill(m.secret);
  if (m.tls) await page.getByLabel("CA bundle (optional)").fill(fs.readFileSync(process.env.E2E_SIM_CA_FILE!, "utf8"));
  await page.getByRole("button", { name: "Add instance" }).click();
  await expect(page.getByRole("heading", { name: m.name })).toBeVisible();
}

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

  test("the health badge shows the instance's components on hover and on keyboard focus", async ({ page }) => {
    await signInAsAdmin(page);
    const tip = page.getByRole("tooltip");
    const badge = (m: Member) => row(page, m).getByRole("button", { name: /show components/ });

    // From the keyboard first (the table's tooltips mount on the first focus or hover inside it): focus, as Tab gives it.
    await page.goto(SCOPE);
    await expect(badge(fleet.degraded)).toHaveAccessibleName(/redis unhealthy/);
    await expect(page.getByTestId("since-last-visit")).toBeVisible(); // the page is hydrated and settled
    // The tooltips mount once the page is idle (TipZone), replacing the badges: wait until they are in place.
    await expect(badge(fleet.degraded)).toHaveAttribute("data-state", /closed|open/);
    // Scrolled into view first, and the scroll event let through: Radix closes a tooltip when the page scrolls, and
    // focusing an element out of view scrolls the page (as in the first test).
    const settle = async (m: Member) => {
      await badge(m).scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    };
    await settle(fleet.degraded);
    await badge(fleet.degraded).focus();
    await expect(tip).toContainText(`Components of ${fleet.degraded.name}`);
    await expect(badge(fleet.degraded)).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(tip).toHaveCount(0);
    await settle(fleet.healthy);
    await badge(fleet.healthy).focus();
    await expect(tip).toContainText(`Components of ${fleet.healthy.name}`);

    // With the pointer, on a fresh page: it crosses the table (the row's name) on its way to the badge, as a mouse does.
    await page.goto(SCOPE);
    await row(page, fleet.degraded).getByRole("link", { name: fleet.degraded.name }).hover();
    await badge(fleet.degraded).hover();
    await expect(tip).toContainText(`Components of ${fleet.degraded.name}`);
    await page.mouse.move(0, 0, { steps: 5 }); // away in steps: Radix closes once the pointer is clear of the badge and the tooltip
    await expect(tip).toHaveCount(0);
  });

  test("once the page is idle the tooltips are in place: the badge a keyboard user reaches is not swapped under the focus", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(SCOPE);
    await expect(page.locator('[data-tips="mounted"]')).toHaveCount(1); // armed without any pointer or focus in the table
    const badge = row(page, fleet.degraded).getByRole("button", { name: /show components/ });
    await badge.scrollIntoViewIfNeeded();
    const element = await badge.elementHandle();
    await badge.focus();
    await expect(page.getByRole("tooltip")).toContainText(`Components of ${fleet.degraded.name}`);
    expect(await element!.evaluate((el) => el.isConnected && document.activeElement === el)).toBe(true);
  });

  test("a tooltip opened by focusing a badge below the fold stays open after the page scrolls to it", async ({ page }) => {
    await signInAsAdmin(page);
    await page.setViewportSize({ width: 1280, height: 480 });
    await page.goto(SCOPE);
    await expect(page.getByTestId("since-last-visit")).toBeVisible(); // hydrated and settled
    const badge = row(page, fleet.healthy).getByRole("button", { name: /show components/ });
    const frames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // The table's tooltips are mounted (focus in the table's header), and the page is back at the top.
    await page.getByTestId("fleet-table").getByRole("button", { name: "Name" }).focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    await frames();
    expect((await badge.boundingBox())!.y).toBeGreaterThan(480); // out of view: focusing it scrolls the page
    await page.evaluate(() =>
      window.addEventListener("scroll", () => ((window as unknown as { scrolled: boolean }).scrolled = true), { capture: true, once: true }),
    );
    await badge.focus();
    // The scroll arrives a frame after the tooltip opened on focus; Radix closes on scroll, the console keeps it.
    await page.waitForFunction(() => (window as unknown as { scrolled?: boolean }).scrolled === true);
    await frames();
    await expect(page.getByRole("tooltip")).toContainText(`Components of ${fleet.healthy.name}`);
    await expect(badge).toBeFocused();
    // Escape still closes it at once.
    await page.keyboard.press("Escape");
    await expect(page.getByRole("tooltip")).toHaveCount(0);
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

  test("the degraded instance's page: components, history, and Refresh now adds a poll", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(SCOPE);
    await row(page, fleet.degraded).getByRole("link", { name: fleet.degraded.name }).click();
    await expect(page.getByRole("heading", { name: fleet.degraded.name })).toBeVisible();
    await expect(page.getByTestId("instance-health")).toHaveAttribute("data-health", "degraded");
    await expect(page.getByTestId("instance-health")).toContainText("2.8.6");
    await expect(page.getByTestId("instance-components").locator('[data-component="redis"]')).toHaveAttribute("data-status", "unhealthy");
    await expect(page.getByTestId("instance-drift")).toBeVisible();
    await expect(page.getByTestId("instance-errors")).toBeVisible();
    // The registration and connection cards are still there.
    await expect(page.getByRole("button", { name: "Test connection" })).toBeVisible();

    // Hourly over the retained window: a refresh adds a poll to the current hour.
    const history = page.getByTestId("instance-history");
    await expect(history.getByRole("heading", { name: "Last 14 days" })).toBeVisible();
    await expect.poll(async () => Number(await history.getAttribute("data-points"))).toBeGreaterThanOrEqual(1);
    const polls = async () => Number(await history.getAttribute("data-polls"));
    const before = await polls();
    expect(before).toBeGreaterThanOrEqual(1);
    await page.getByTestId("refresh-now").click();
    await expect.poll(polls, { timeout: 30_000 }).toBeGreaterThan(before);
    await expect(history).toContainText(/of polls healthy/);
    // Every poll is counted in its hour (a snapshot is kept only when something changed).
    const [{ n }] = await query<{ n: string }>(
      'select coalesce(sum(h.polls), 0)::text as n from "InstanceHealthHour" h join "HarborInstance" i on i.id = h."instanceId" where i.name = $1',
      [fleet.degraded.name],
    );
    expect(Number(n)).toBeGreaterThan(before);
  });

  test("an instance whose credential Harbor rejects says how to fix it", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(SCOPE);
    await row(page, fleet.badCredential).getByRole("link", { name: fleet.badCredential.name }).click();
    const notice = page.getByTestId("credential-problem");
    await expect(notice).toContainText("rejects the console's credential");
    await notice.getByRole("link", { name: "edit the credential" }).click();
    await expect(page).toHaveURL(/\/instances\/[0-9a-f-]+\/edit$/);
  });

  test("a robot credential that expires in 5 days is flagged on its page and in the credential tile", async ({ page }) => {
    // Its own label, so the mixed fleet's counts above stay as they are.
    const label = `robot=${LABEL.slice(4)}`;
    const robot = { name: unique("fleet-robot"), url: () => process.env.E2E_SIM_ROBOT_URL!, secret: "Fleet-e2e-secret1", version: "2.11.2" };
    await signInAsAdmin(page);
    await register(page, robot, { username: "robot$fleet-e2e", labels: label });
    await page.getByTestId("refresh-now").click();
    const health = page.getByTestId("credential-health");
    await expect(health).toHaveAttribute("data-expiry", "expires", { timeout: 30_000 });
    await expect(health).toHaveAttribute("data-kind", "robot");
    await expect(health).toHaveAttribute("data-urgency", "soon");
    await expect(health).toContainText(/Robot account — expires on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in 5 days\)/);
    await expect(page.getByTestId("credential-problem")).toHaveCount(0);

    await page.goto(`/?label=${encodeURIComponent(label)}`);
    await expect(page.getByTestId("fleet-tile-credential")).toContainText("1 robot expired or expiring within 14 days");
    // the table row says it too, and the tile's filter finds it
    await expect(page.getByTestId(`fleet-row-${robot.name}`).getByTestId("robot-expiry-badge")).toHaveText("robot expires in 5 days");
    await page.getByTestId("fleet-tile-credential").click();
    await expect(page).toHaveURL(/credential=problem/);
    await expect(page.getByTestId(`fleet-row-${robot.name}`)).toBeVisible();
  });

  test("since your last visit: what got worse, changed version or was added, until marked as seen", async ({ page }) => {
    await signInAsAdmin(page);
    // The admin's last visit ended two hours ago. Three hours ago the degraded instance was healthy on 2.7.0 (a poll
    // stored as the collector stores them), and it already existed.
    const [{ id }] = await query<{ id: string }>('select id from "HarborInstance" where name = $1', [fleet.degraded.name]);
    await query(`update "HarborInstance" set "createdAt" = now() at time zone 'utc' - interval '1 day' where id = $1`, [id]);
    await query(
      `insert into "InstanceSnapshot" ("instanceId", "checkedAt", health, credential, "harborVersion") values ($1, now() at time zone 'utc' - interval '3 hours', 'healthy', 'valid', '2.7.0')`,
      [id],
    );
    await query(`update "User" set "fleetLastViewAt" = now() at time zone 'utc' - interval '2 hours', "fleetSinceAt" = null where email = $1`, [admin().email]);

    await page.goto(SCOPE);
    const card = page.getByTestId("since-last-visit");
    await expect(card).toContainText("2 h ago");
    await expect(card.getByRole("status")).toContainText(/1 worse · 1 version change · \d+ added/);
    await card.getByTestId("since-toggle").click();
    const worse = card.getByTestId("since-worse").locator(`[data-instance="${fleet.degraded.name}"]`);
    await expect(worse.locator("[data-health]")).toHaveCount(2);
    await expect(worse.locator("[data-health]").first()).toHaveAttribute("data-health", "healthy");
    await expect(worse.locator("[data-health]").last()).toHaveAttribute("data-health", "degraded");
    await expect(card.getByTestId("since-versions").locator(`[data-instance="${fleet.degraded.name}"]`)).toContainText("2.7.0 → 2.8.6");
    await expect(card.getByTestId("since-registry")).toContainText(`${fleet.badCredential.name} (by ${admin().email})`);

    // Another look within the same visit still compares with the last one; "Mark as seen" starts afresh.
    await page.reload();
    await card.getByTestId("since-toggle").click();
    await expect(card.getByTestId("since-worse")).toContainText(fleet.degraded.name);
    await card.getByTestId("mark-seen").click();
    await expect(card).toHaveAttribute("data-nothing", "true");
    await expect(card.getByRole("status")).toContainText("Nothing changed");
    await expect(card.getByRole("status")).toBeFocused(); // the button went away; the keyboard stays on the card
    await page.reload();
    await expect(card).toHaveAttribute("data-nothing", "true");
  });
});
