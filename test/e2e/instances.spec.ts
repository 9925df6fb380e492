import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { query, signInAsAdmin, unique } from "./helpers";

const SECRET = "e2e-Secret-" + Math.random().toString(36).slice(2, 12);
const CA = fs.readFileSync(path.join(__dirname, "../support/fixtures/test-ca.pem"), "utf8");

async function fillInstance(page: Page, v: { name: string; url: string; labels?: string; secret?: string; env?: string; ca?: string }) {
  await page.getByLabel("Name", { exact: true }).fill(v.name);
  await page.getByLabel("Environment").selectOption(v.env ?? "production");
  await page.getByLabel("Labels").fill(v.labels ?? "");
  await page.getByLabel("Deployment").selectOption("helm");
  await page.getByLabel("Harbor URL").fill(v.url);
  await page.getByLabel("Username").fill("robot$fleet-console");
  if (v.secret !== undefined) await page.getByLabel("Password or robot secret").fill(v.secret);
  if (v.ca !== undefined) await page.getByLabel("CA bundle (optional)").fill(v.ca);
}

/** Everything the server sends for a page: HTML plus the RSC payload a client navigation fetches. */
async function rawResponses(page: Page, url: string): Promise<string> {
  const html = await (await page.request.get(url)).text();
  const rsc = await (await page.request.get(url, { headers: { RSC: "1" } })).text();
  return html + rsc;
}

test.describe.serial("instance registry", () => {
  const name = unique("prod-eu");

  test("an admin adds an instance with a secret, and no page carries the secret", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances");
    await page.getByRole("link", { name: "Add instance" }).first().click();
    await fillInstance(page, { name, url: "https://127.0.0.1:9/harbor-eu/", labels: "region=eu, team=platform", secret: SECRET, ca: CA });
    await page.getByRole("button", { name: "Add instance" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    const detailUrl = page.url();

    await page.goto("/instances");
    const row = page.getByTestId(`instance-row-${name}`);
    await expect(row).toContainText("production");
    await expect(row).toContainText("region=eu");
    await expect(row).toContainText("https://127.0.0.1:9/harbor-eu");
    await expect(row).toContainText("Helm");

    for (const url of ["/instances", detailUrl, `${detailUrl}/edit`, "/audit", "/"]) {
      await page.goto(url);
      expect(await page.content(), `DOM of ${url}`).not.toContain(SECRET);
      expect(await rawResponses(page, url), `responses of ${url}`).not.toContain(SECRET);
    }
    const [stored] = await query<{ secretCipher: string }>('select "secretCipher" from "HarborInstance" where name = $1', [name]);
    expect(stored.secretCipher).not.toContain(SECRET);
    expect(stored.secretCipher).toMatch(/^v1\./);
  });

  test("invalid input gets errors at the fields and saves nothing", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances/new");
    const before = (await query<{ n: string }>('select count(*)::text as n from "HarborInstance"'))[0].n;
    await fillInstance(page, { name: "Bad Name", url: "harbor.example.com", labels: "region", secret: "", ca: "not a certificate" });
    await page.getByRole("button", { name: "Add instance" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/Lowercase letters, digits/)).toBeVisible();
    await expect(page.getByText(/full http:\/\/ or https:\/\/ URL/)).toBeVisible();
    await expect(page.getByText(/"region" is not key=value/)).toBeVisible();
    await expect(page.getByText(/Paste one or more PEM certificates/)).toBeVisible();
    await expect(page.getByText("Enter the password or robot secret")).toBeVisible();

    // Valid shape, but the name is taken: the server answers at the name field and the form keeps the input.
    await fillInstance(page, { name, url: "https://127.0.0.1:9/other", labels: "region=us", secret: "another-secret", ca: "" });
    await page.getByRole("button", { name: "Add instance" }).click();
    await expect(page.getByText(`An instance named "${name}" already exists`)).toBeVisible();
    await expect(page.getByLabel("Harbor URL")).toHaveValue("https://127.0.0.1:9/other");
    const after = (await query<{ n: string }>('select count(*)::text as n from "HarborInstance"'))[0].n;
    expect(after).toBe(before);
  });

  test("an admin edits the instance, keeping the stored secret", async ({ page }) => {
    await signInAsAdmin(page);
    const [before] = await query<{ secretCipher: string }>('select "secretCipher" from "HarborInstance" where name = $1', [name]);
    await page.goto("/instances");
    await page.getByRole("link", { name: `Edit ${name}` }).click();
    await expect(page.getByLabel("Secret")).toHaveValue("");
    await expect(page.getByText("Set — leave empty to keep the stored secret.")).toBeVisible();
    await page.getByLabel("Description").fill("EU production registry");
    await page.getByLabel("Labels").fill("region=eu, team=platform, tier=1");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("EU production registry")).toBeVisible();
    await expect(page.getByText("tier=1")).toBeVisible();
    const [after] = await query<{ secretCipher: string; version: number }>('select "secretCipher", version from "HarborInstance" where name = $1', [name]);
    expect(after.secretCipher).toBe(before.secretCipher);
    expect(after.version).toBe(2);
    await page.goto(`/audit?action=instance.update&target=${name}`);
    await expect(page.getByTestId("audit-table")).toContainText("EU production registry");
    // The audit filters write the URL like every list's: choose, Filter, and the view is a link.
    await page.goto("/audit");
    await page.getByLabel("Action", { exact: true }).selectOption("instance.create");
    await page.getByLabel("Target", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`/audit\\?action=instance\\.create&target=${name}$`));
    await expect(page.getByTestId("audit-table")).toContainText("instance.create");
    await expect(page.getByTestId("audit-table")).not.toContainText("instance.update");
  });

  test("search and filters narrow the list and live in the URL", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(`/instances?label=tier%3D1`);
    await expect(page.getByTestId(`instance-row-${name}`)).toBeVisible();
    await page.goto(`/instances?environment=staging&q=${name}`);
    await expect(page.getByText("No instance matches these filters")).toBeVisible();
    await page.goto(`/instances?environment=bogus`);
    await expect(page.getByText(/Ignored the filter environment="bogus"/)).toBeVisible();
    await page.goto("/instances");
    await page.getByLabel("Environment").selectOption("production");
    await expect(page).toHaveURL(/environment=production/);
    await page.getByPlaceholder("Search by name, description or URL").fill(name);
    await expect(page).toHaveURL(new RegExp(`q=${name}`));
    await expect(page.getByTestId("instance-count")).toHaveText("1 instance match");
  });

  test("an admin deletes the instance after a confirmation that names it", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances");
    await page.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Delete instance ${name}?`);
    await dialog.getByRole("button", { name: `Delete ${name}` }).click();
    await expect(page.getByTestId(`instance-row-${name}`)).toHaveCount(0);
    expect(await query('select 1 from "HarborInstance" where name = $1', [name])).toHaveLength(0);
    const audit = await query<{ action: string }>('select action from "AuditEvent" where "targetName" = $1 order by id', [name]);
    expect(audit.map((a) => a.action)).toEqual(["instance.create", "instance.update", "instance.delete"]);
    expect(JSON.stringify(await query('select before, after from "AuditEvent" where "targetName" = $1', [name]))).not.toContain(SECRET);
  });

  test("the console's log never printed the secret", async () => {
    const log = fs.readFileSync(path.join(__dirname, "../../test-results/e2e-server.log"), "utf8");
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(process.env.E2E_ADMIN_PASSWORD!);
  });
});
