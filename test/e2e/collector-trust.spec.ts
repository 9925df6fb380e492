import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin, unique } from "./helpers";

/**
 * One hostile Harbor never blinds the fleet view (#16): among healthy simulated Harbors, one that answers statistics
 * at the ends of int64 (as the specs allow). Every healthy one is shown healthy, the hostile one with its reason, and
 * no collector banner: the console itself is fine.
 */
const LABEL = `trust=${Math.random().toString(36).slice(2, 8)}`;
const SCOPE = `/?label=${encodeURIComponent(LABEL)}`;

interface Member {
  name: string;
  url: () => string;
  tls?: boolean;
}

const healthy: Member[] = [
  { name: unique("trust-ok-tls"), url: () => process.env.E2E_SIM_TLS_URL!, tls: true },
  { name: unique("trust-ok-old"), url: () => process.env.E2E_SIM_OLD_URL! },
  { name: unique("trust-ok-legacy"), url: () => process.env.E2E_SIM_LEGACY_URL! },
];
const hostile: Member = { name: unique("trust-hostile"), url: () => process.env.E2E_SIM_HOSTILE_URL! };

async function register(page: Page, m: Member) {
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill(m.name);
  await page.getByLabel("Environment").selectOption("production");
  await page.getByLabel("Labels").fill(LABEL);
  await page.getByLabel("Deployment").selectOption("docker_compose");
  await page.getByLabel("Harbor URL").fill(m.url());
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password or robot secret").fill("Harbor12345");
  if (m.tls) await page.getByLabel("CA bundle (optional)").fill(fs.readFileSync(process.env.E2E_SIM_CA_FILE!, "utf8"));
  await page.getByRole("button", { name: "Add instance" }).click();
  await expect(page.getByRole("heading", { name: m.name })).toBeVisible();
}

const row = (page: Page, m: Member) => page.getByTestId(`fleet-row-${m.name}`);

test("a hostile Harbor among healthy ones: every healthy one healthy, the hostile one with its reason, no collector banner", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  for (const m of [...healthy, hostile]) await register(page, m);

  await page.goto(SCOPE);
  await page.getByTestId("refresh-all").click();
  const progress = page.getByTestId("sweep-progress");
  await expect(progress).toHaveAttribute("data-done", "true", { timeout: 90_000 });
  await page.reload();

  for (const m of healthy) {
    await expect(row(page, m), m.name).toHaveAttribute("data-health", "healthy", { timeout: 30_000 });
    await expect(row(page, m).getByTestId("stale-reason")).toHaveCount(0);
  }
  // The hostile one is stored too, with what was wrong with its answer.
  await expect(row(page, hostile)).toContainText("invalid_response", { timeout: 30_000 });
  await expect(row(page, hostile)).toContainText("statistics");
  await expect(row(page, hostile)).toContainText(/total_(project_count|storage_consumption|repo_count)|_count/);
  await expect(row(page, hostile)).toHaveAttribute("data-health", "healthy"); // its /health answer was fine

  // The console itself is fine: no banner, and the health endpoint says so.
  await expect(page.getByTestId("collector-banner")).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: /collector|database/i })).toHaveCount(0);
  const health = (await (await page.request.get("/api/health")).json()) as { status: string; collector: { status: string; reasons: string[] } };
  expect(health.status).toBe("ok");
  expect(health.collector.status, health.collector.reasons.join("; ")).toBe("ok");
});
