import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { query, signInAsAdmin, unique } from "./helpers";

/**
 * Issue #18 in the browser: a Harbor the collector reaches is running; its Config tab says in one line that its bundle
 * reconfigures it and keeps the keys on its hosts; the zip holds no key file and its README no install step; and a
 * topology save that would change its version line is refused as an upgrade to plan.
 */
const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

async function register(page: Page, name: string): Promise<string> {
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Environment").selectOption("production");
  await page.getByLabel("Deployment").selectOption("docker_compose");
  await page.getByLabel("Harbor URL").fill(process.env.E2E_SIM_TLS_URL!);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password or robot secret").fill("Harbor12345");
  await page.getByLabel("CA bundle (optional)").fill(fs.readFileSync(process.env.E2E_SIM_CA_FILE!, "utf8"));
  await page.getByRole("button", { name: "Add instance" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const [{ id }] = await query<{ id: string }>('select id::text as id from "HarborInstance" where name = $1', [name]);
  return id;
}

test("a running Harbor's Config tab offers a reconfigure bundle: no key file, no install step", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const name = unique("reconf");
  const id = await register(page, name);

  // Saving queued its first poll (it may land before this page renders): once the collector reaches it, it is running.
  await expect(page.getByTestId("instance-health")).toHaveAttribute("data-health", "healthy", { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId("instance-lifecycle")).toContainText("Running");

  // Its first topology, at the version it runs.
  await page.goto(`/instances/${id}/topology`);
  await field(page, "harborVersion").selectOption("2.11.2");
  await field(page, "access.hostname").fill("harbor.reconfigure.example");
  await field(page, "adminPassword").fill("Initial-Admin-Pw-1");
  await field(page, "database.password").fill("Db-Password-reconf-1");
  await field(page, "deployment.nodes.0.address").fill("10.0.0.11");
  await page.getByRole("button", { name: "Save first revision" }).click();
  await expect(page.getByText("Saved revision 1")).toBeVisible();

  await page.getByRole("navigation", { name: "Instance" }).getByRole("link", { name: "Config" }).click();
  await expect(page.getByTestId("bundle-kind")).toHaveText("Reconfigure bundle: this instance is running; it keeps the keys on its hosts.");
  await expect(page.getByTestId("config-files")).not.toContainText("secret/");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-zip").click()]);
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const names = Object.keys(zip);
  expect(names.some((n) => n.endsWith("/README.md"))).toBe(true);
  expect(names.some((n) => n.endsWith("/nodes/harbor-1/harbor.yml"))).toBe(true);
  expect(names.filter((n) => /secretkey|private_key\.pem|root\.crt|\/secret\//.test(n))).toEqual([]);
  const readme = strFromU8(zip[names.find((n) => n.endsWith("/README.md"))!]);
  for (const step of ["install.sh", "install -m", "install -D", "helm install", "kubectl create namespace", "--reuse-values", "helm rollback"])
    expect(readme).not.toContain(step);
  expect(readme).toContain("reconfigure Harbor 2.11.2");
  expect(readme).toContain("/data/secret");
  for (const text of Object.values(zip).map((b) => strFromU8(b))) expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  // and the console never made keys for it
  expect(await query('select 1 from "InstanceConfigSecrets" where "instanceId" = $1', [id])).toEqual([]);

  // Another version line is an upgrade, not a topology save.
  await page.goto(`/instances/${id}/topology`);
  await field(page, "harborVersion").selectOption("2.13.5");
  await page.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(page.getByText(/this is an upgrade — plan it/).first()).toBeVisible();
  expect(await query('select revision from "TopologyRevision" where "instanceId" = $1', [id])).toHaveLength(1);
});
