import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { query, signInAsAdmin, unique } from "./helpers";

const CA = () => fs.readFileSync(process.env.E2E_SIM_CA_FILE!, "utf8");

async function fillConnection(page: Page, v: { url: string; username?: string; secret: string; ca?: string }) {
  await page.getByLabel("Harbor URL").fill(v.url);
  await page.getByLabel("Username").fill(v.username ?? "admin");
  await page.getByLabel("Password or robot secret").fill(v.secret);
  await page.getByLabel("CA bundle (optional)").fill(v.ca ?? "");
}

async function runTest(page: Page) {
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-report")).toBeVisible({ timeout: 20_000 });
}

test.describe("Test connection", () => {
  test("a healthy Harbor behind a private CA: version, generation and rights, then cached with the instance", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances/new");
    const name = unique("sim-tls");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Environment").selectOption("staging");
    await page.getByLabel("Deployment").selectOption("helm");
    await fillConnection(page, { url: process.env.E2E_SIM_TLS_URL!, secret: "Harbor12345", ca: CA() });
    await runTest(page);
    await expect(page.getByTestId("connection-verdict")).toHaveText("Connected");
    await expect(page.getByTestId("connection-report")).toContainText("Harbor 2.11.2");
    await expect(page.getByTestId("connection-report")).toContainText("API 2.8–2.12");
    await expect(page.getByTestId("check-permissions")).toContainText("System administrator");

    await page.getByRole("button", { name: "Add instance" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    // (Saving queues the first poll at once, which may detect the version before this test does.)
    await runTest(page);
    await expect(page.getByTestId("connection-verdict")).toHaveText("Connected");
    await page.reload();
    await expect(page.getByTestId("detected-version")).toHaveText("Harbor 2.11.2 · API 2.8–2.12");
    const [row] = await query<{ harborVersion: string; apiGeneration: string }>(
      'select "harborVersion", "apiGeneration" from "HarborInstance" where name = $1',
      [name],
    );
    expect(row).toEqual({ harborVersion: "2.11.2", apiGeneration: "v2.8" });
  });

  test("a wrong credential is reported as rejected, although Harbor answers it anonymously", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances/new");
    await fillConnection(page, { url: process.env.E2E_SIM_LEGACY_URL!, secret: "not-the-password" });
    await runTest(page);
    await expect(page.getByTestId("connection-verdict")).toHaveText("Not working");
    await expect(page.getByTestId("connection-report")).toContainText("Harbor 1.10.19");
    await expect(page.getByTestId("check-credential")).toHaveAttribute("data-status", "failed");
    await expect(page.getByTestId("check-credential")).toContainText("Credential rejected");
  });

  test("an unreachable Harbor and a certificate nobody vouches for are told apart", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances/new");
    await fillConnection(page, { url: process.env.E2E_CLOSED_URL!, secret: "x" });
    await runTest(page);
    await expect(page.getByTestId("connection-verdict")).toHaveText("Not working");
    await expect(page.getByTestId("check-reachability")).toContainText("Connection refused");

    await fillConnection(page, { url: process.env.E2E_SIM_TLS_URL!, secret: "Harbor12345", ca: "" });
    await runTest(page);
    await expect(page.getByTestId("check-reachability")).toContainText(/certificate/i);
    await expect(page.getByTestId("connection-verdict")).toHaveText("Not working");
  });

  test("an invalid URL is reported at its field, and nothing is contacted", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances/new");
    await fillConnection(page, { url: "ftp://harbor", secret: "x" });
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByLabel("Harbor URL")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("connection-report")).toHaveCount(0);
  });
});
