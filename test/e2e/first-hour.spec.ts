/**
 * A newcomer's first hour (#17 items 5–8): the fleet page leads with what is wrong, the instance page states only what
 * it knows, a robot's partial view is not shown as a total, and a new instance is polled at once.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, PHONE, query, signInAsAdmin, unique } from "./helpers";

const LABEL = `first=${Math.random().toString(36).slice(2, 8)}`;
const SCOPE = `/?label=${encodeURIComponent(LABEL)}`;

interface Member {
  name: string;
  url: () => string;
  username?: string;
  secret: string;
  tls?: boolean;
}

// Names run against the worst-first order, so an order by name fails.
const fleet = {
  healthy: { name: unique("a-ok"), url: () => process.env.E2E_SIM_TLS_URL!, secret: "Harbor12345", tls: true },
  maintained: { name: unique("b-maintained"), url: () => process.env.E2E_SIM_MAINTAINED_URL!, secret: "Harbor12345" },
  badCredential: { name: unique("c-badcred"), url: () => process.env.E2E_SIM_LEGACY_URL!, secret: "not-the-password" },
  degraded: { name: unique("d-degraded"), url: () => process.env.E2E_SIM_DEGRADED_URL!, secret: "Harbor12345" },
  down: { name: unique("e-down"), url: () => process.env.E2E_SIM_DOWN_URL!, secret: "Harbor12345" },
  partial: { name: unique("f-robot"), url: () => process.env.E2E_SIM_PARTIAL_URL!, username: "robot$monitor", secret: "Monitor-e2e-secret1" },
} satisfies Record<string, Member>;

const rows = (page: Page) => page.locator('[data-testid^="fleet-row-"]');
const row = (page: Page, m: Member) => page.getByTestId(`fleet-row-${m.name}`);

async function fillForm(page: Page, m: Member) {
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill(m.name);
  await page.getByLabel("Environment").selectOption("staging");
  await page.getByLabel("Labels").fill(LABEL);
  await page.getByLabel("Deployment").selectOption("docker_compose");
  await page.getByLabel("Harbor URL").fill(m.url());
  await page.getByLabel("Username").fill(m.username ?? "admin");
  await page.getByLabel("Password or robot secret").fill(m.secret);
  if (m.tls) await page.getByLabel("CA bundle (optional)").fill(fs.readFileSync(process.env.E2E_SIM_CA_FILE!, "utf8"));
}

async function instanceId(name: string): Promise<string> {
  const [{ id }] = await query<{ id: string }>('select id::text as id from "HarborInstance" where name = $1', [name]);
  return id;
}

test.describe.serial("the first hour", () => {
  test("a saved instance is polled at once: its page fills without pressing Refresh", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAsAdmin(page);
    const manualSweeps = async () =>
      (
        await query<{ n: number }>(`select count(*)::int as n from "CollectorSweep" where trigger = 'manual' and "requestedBy" = $1 and total = 1`, [
          process.env.E2E_ADMIN_EMAIL,
        ])
      )[0].n;
    const before = await manualSweeps();
    for (const m of Object.values(fleet)) {
      await fillForm(page, m);
      await page.getByRole("button", { name: "Add instance" }).click();
      await expect(page.getByRole("heading", { name: m.name, level: 1 })).toBeVisible();
    }
    // The last one's page (the robot's): never "never · stale"; its first poll lands by itself.
    const status = page.getByTestId("instance-health");
    await expect(status).not.toHaveAttribute("data-health", "unknown", { timeout: 20_000 });
    await expect(status).not.toContainText("stale");
    await expect(page.getByTestId("refresh-now")).toHaveText(/Refresh now/);
    // Every instance of the batch was polled without anybody asking for a round.
    const polled = async () =>
      (
        await query<{ n: number }>(
          `select count(*)::int as n from "InstanceStatus" s join "HarborInstance" i on i.id = s."instanceId" where $1 = any(i.labels) and s."checkedAt" is not null`,
          [LABEL],
        )
      )[0].n;
    await expect.poll(polled, { timeout: 30_000 }).toBe(Object.keys(fleet).length);
    expect(await manualSweeps()).toBe(before + Object.keys(fleet).length);
  });

  test("saving right after a failed connection test asks 'save anyway?', and keeps what was typed", async ({ page }) => {
    await signInAsAdmin(page);
    const name = unique("unreachable");
    await fillForm(page, { name, url: () => process.env.E2E_CLOSED_URL!, secret: "Harbor12345" });
    await page.getByLabel("Labels").fill("suite=first-hour"); // outside this run's fleet: it stays down
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-verdict")).toHaveText("Not working");
    await page.getByRole("button", { name: "Add instance" }).click();
    const confirm = page.getByTestId("save-anyway");
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText("Save anyway?");
    await expect(confirm).toBeFocused();
    expect(await query('select 1 from "HarborInstance" where name = $1', [name])).toHaveLength(0);
    // Back to the form: everything typed is still there.
    await confirm.getByRole("button", { name: "Back to the form" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    await expect(page.getByLabel("Harbor URL")).toHaveValue(process.env.E2E_CLOSED_URL!);
    // Asked again, and saved on purpose.
    await page.getByRole("button", { name: "Add instance" }).click();
    await page.getByTestId("save-anyway").getByRole("button", { name: "Save anyway" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    // Never reached: the drift panel says so instead of "no drift".
    await expect(page.getByTestId("instance-drift")).toContainText("Not reached yet", { timeout: 15_000 });
    await expect(page.getByTestId("instance-drift")).not.toContainText("No drift");
    await expect(page.getByTestId("instance-components")).toContainText("Not reached yet");
  });

  test("the fleet page at 1440x900: worst first, the table on the first screen, colours that agree with the text", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    await page.goto(SCOPE);
    await expect(rows(page)).toHaveCount(Object.keys(fleet).length);
    await expect(row(page, fleet.down)).toHaveAttribute("data-health", "down", { timeout: 20_000 });
    await expect(row(page, fleet.degraded)).toHaveAttribute("data-health", "degraded");
    await expect(row(page, fleet.badCredential)).toContainText("credential rejected");
    // Worst first: down, degraded, credential problems, then the healthy ones by name.
    const order = [fleet.down, fleet.degraded, fleet.badCredential, fleet.healthy, fleet.maintained, fleet.partial].map((m) => `fleet-row-${m.name}`);
    await expect.poll(() => rows(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")))).toEqual(order);
    await expect(page.getByTestId("fleet-order")).toContainText("Worst first");

    // The table starts within the first screen.
    const table = await page.getByTestId("fleet-table").boundingBox();
    expect(table!.y).toBeLessThan(DESKTOP.height - 100);

    // "2 behind" on a maintained line is amber, as the chart's line and the "Behind latest" tile count it.
    const badge = row(page, fleet.maintained).getByTestId("version-behind");
    await expect(badge).toHaveText("2 behind");
    await expect(badge).toHaveAttribute("data-tone", "warning");
    await expect(
      page
        .getByRole("list", { name: "Filter by version line" })
        .getByRole("link", { name: /^2\.13/ })
        .locator("[data-tone]"),
    ).toHaveAttribute("data-tone", "warning");
  });

  test("'Behind latest' and 'Outside maintained lines' filter the table, and a tile brings the table into view", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInAsAdmin(page);
    await page.goto(SCOPE);
    await expect(row(page, fleet.maintained)).toContainText("2.13.5", { timeout: 20_000 });
    const behindTile = page.getByTestId("fleet-tile-behind");
    const behind = Number(await behindTile.getAttribute("data-count"));
    expect(behind).toBeGreaterThan(0);
    await expect(page.getByTestId("fleet-table")).not.toBeInViewport();
    await behindTile.click();
    await expect(page).toHaveURL(/behind=1/);
    await expect(page).toHaveURL(/label=first%3D/);
    await expect(rows(page)).toHaveCount(behind);
    await expect(row(page, fleet.maintained)).toBeVisible();
    await expect(page.getByTestId("fleet-table")).toBeInViewport();
    await expect(behindTile).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("checkbox", { name: "Behind latest" })).toBeChecked();

    // A shared link opens the same filtered view; the maintained line drops out of "Outside maintained lines".
    await page.goto(`${SCOPE}&unmaintained=1`);
    const unmaintained = Number(await page.getByTestId("fleet-tile-unmaintained").getAttribute("data-count"));
    await expect(rows(page)).toHaveCount(unmaintained);
    await expect(row(page, fleet.maintained)).toHaveCount(0);
    await expect(row(page, fleet.badCredential)).toBeVisible();

    // A health tile filters and scrolls too.
    await page.goto(SCOPE);
    await page.getByTestId("fleet-tile-down").click();
    await expect(page).toHaveURL(/health=down/);
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTestId("fleet-table")).toBeInViewport();
  });

  test("a robot's partial view is a lower bound with why and how to fix, left out of the fleet's totals", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    await page.goto(SCOPE);
    const usage = row(page, fleet.partial).getByTestId("fleet-usage");
    await expect(usage).toHaveAttribute("data-usage", "partial", { timeout: 20_000 });
    await expect(usage).toContainText("≥ 1 / ≥ 2");
    await expect(usage).toContainText("partial view");
    await expect(row(page, fleet.partial)).not.toContainText("0 B");
    await expect(page.getByTestId("fleet-usage-total")).toContainText("1 instance with a partial view");

    await page.goto(`/instances/${await instanceId(fleet.partial.name)}`);
    const card = page.getByTestId("instance-usage");
    await expect(card).toHaveAttribute("data-usage", "partial");
    await expect(card.getByTestId("usage-projects")).toHaveText("≥ 1 project visible to this account");
    await expect(card.getByTestId("usage-storage")).toHaveText("not visible to this account");
    await expect(card.getByTestId("usage-partial")).toContainText("robot account");
    await expect(card.getByTestId("usage-partial")).toContainText("system admin role");
  });

  test("the instance page: usage and settings, a degraded instance's components under Recent errors, repeated errors once", async ({ page }) => {
    await signInAsAdmin(page);
    // Degraded: the unhealthy component is a recent error, not "No errors in the last 14 days".
    await page.goto(`/instances/${await instanceId(fleet.degraded.name)}`);
    const errors = page.getByTestId("instance-errors");
    await expect(errors.getByTestId("unhealthy-component")).toContainText("redis unhealthy");
    await expect(errors).toContainText("connection refused");
    await expect(errors).not.toContainText("No errors");
    const card = page.getByTestId("instance-usage");
    await expect(card).toHaveAttribute("data-usage", "full");
    await expect(card.getByTestId("usage-projects")).toHaveText(/^\d+ projects?$/);
    await expect(card.getByTestId("usage-auth-mode")).toHaveText("database");
    await expect(card.getByTestId("usage-read-only")).toHaveText("no");
    // Its URL is http://: no "TLS verification" row, but a plain-http warning.
    await expect(page.getByText("TLS verification")).toHaveCount(0);
    await expect(page.getByTestId("plain-http")).toBeVisible();

    // Down, polled again and again: the same error is one row with its count and first and last sighting.
    const downId = await instanceId(fleet.down.name);
    const errorPolls = async () =>
      (await query<{ n: number }>(`select count(*)::int as n from "InstanceSnapshot" where "instanceId" = $1 and "errorKind" is not null`, [downId]))[0].n;
    await page.goto(`/instances/${downId}`);
    for (let i = 0; i < 2; i++) {
      const n = await errorPolls();
      await page.getByTestId("refresh-now").click();
      await expect.poll(errorPolls, { timeout: 20_000 }).toBeGreaterThan(n);
    }
    await page.reload();
    const repeated = page.getByTestId("recent-error");
    await expect(repeated).toHaveCount(1);
    expect(Number(await repeated.getAttribute("data-count"))).toBeGreaterThanOrEqual(3);
    await expect(repeated).toContainText(/first .* · last /);
    await expect(page.getByTestId("instance-drift")).toContainText("Not reached yet");

    // The https instance shows TLS verification.
    await page.goto(`/instances/${await instanceId(fleet.healthy.name)}`);
    await expect(page.getByText("TLS verification")).toBeVisible();
  });

  test("the HA checklist never ticks green an item whose text says it is still a single point of failure", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    await page.goto(`/instances/${await instanceId(fleet.maintained.name)}/topology`);
    const field = (name: string) => page.locator(`[data-field="${name}"]`);
    const redis = page.getByTestId("ha-redis");
    await expect(redis).toHaveAttribute("data-ok", "false");
    await field("redis.type").selectOption("external");
    await expect(redis).toContainText("still a single point of failure");
    await expect(redis).toHaveAttribute("data-ok", "false");
    await expect(redis.getByLabel("not yet")).toBeVisible();
    await field("redis.mode").selectOption("sentinel");
    await expect(redis).not.toContainText("still a single point of failure");
    await expect(redis).toHaveAttribute("data-ok", "true");
  });
});
