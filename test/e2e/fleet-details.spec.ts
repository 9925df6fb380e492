/**
 * Behind the fleet overview's rows: the components tooltip (by keyboard and pointer), an instance's own page, credential
 * problems, and what changed since the last visit, on a mixed fleet this spec registers for itself.
 */
import { expect, test } from "@playwright/test";
import { admin, query, signInAsAdmin, unique } from "./helpers";
import { mixedFleet, row, setUpMixedFleet, type Member } from "./fleet-setup";

const mixed = mixedFleet();
const { LABEL, SCOPE, fleet, register } = mixed;

test.describe.serial("fleet details", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    await setUpMixedFleet(browser, mixed);
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
    // focusing an element out of view scrolls the page (as in fleet-overview.spec.ts).
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
