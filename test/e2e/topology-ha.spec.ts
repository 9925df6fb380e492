import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { query, signInAsAdmin, unique } from "./helpers";
import { addInstance, DB_PASSWORD, externalPostgres, field, S3_SECRET, s3Storage } from "./topology-form";

test("an operator builds a 3-node HA topology, saves two revisions, diffs them and downloads the zip", async ({ page }) => {
  await signInAsAdmin(page);
  const name = unique("ha-topo");
  const id = await addInstance(page, name);

  await page.goto(`/instances/${id}/topology`);
  await expect(page.getByRole("navigation", { name: "Instance" }).getByRole("link", { name: "Topology" })).toHaveAttribute("aria-current", "page");
  await field(page, "harborVersion").selectOption("2.11.2");

  // A field error appears where it was caused, and clears when fixed.
  await field(page, "access.hostname").fill("localhost");
  await field(page, "access.hostname").blur();
  const hostnameError = page.locator('[data-field="access.hostname"]').locator("xpath=..").getByRole("alert");
  await expect(hostnameError).toBeVisible();
  await field(page, "access.hostname").fill("harbor.example.com");
  await expect(hostnameError).toHaveCount(0);

  // Three nodes.
  await field(page, "deployment.nodes.0.address").fill("10.0.0.11");
  await page.getByRole("button", { name: "Add node" }).click();
  await page.getByRole("button", { name: "Add node" }).click();
  await field(page, "deployment.nodes.1.address").fill("10.0.0.12");
  await field(page, "deployment.nodes.2.address").fill("10.0.0.13");
  await expect(page.getByTestId("node-row")).toHaveCount(3);
  await expect(page.getByTestId("ha-nodes")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("ha-database")).toHaveAttribute("data-ok", "false");

  // Saving now is refused: three nodes on the bundled database is not HA, and the form says where.
  await page.getByRole("button", { name: "Save first revision" }).click();
  await expect(page.getByTestId("topology-errors")).toBeVisible();
  expect(await query('select 1 from "TopologyRevision" where "instanceId" = $1', [id])).toHaveLength(0);

  await field(page, "deployment.loadBalancer.kind").selectOption("haproxy");
  await field(page, "deployment.loadBalancer.address").fill("harbor.example.com");
  await field(page, "adminPassword").fill("Initial-Admin-Pw-1");

  await externalPostgres(page, 15);

  await field(page, "redis.type").selectOption("external");
  await field(page, "redis.mode").selectOption("sentinel");
  await field(page, "redis.sentinelHosts").fill("s1:26379,s2");
  await field(page, "redis.sentinelHosts").blur();
  const sentinelError = page.locator('[data-field="redis.sentinelHosts"]').locator("xpath=..").getByRole("alert");
  await expect(sentinelError).toBeVisible();
  await field(page, "redis.sentinelHosts").fill("s1:26379,s2:26379,s3:26379");
  await expect(sentinelError).toHaveCount(0);
  await field(page, "redis.sentinelMasterSet").fill("mymaster");
  await field(page, "redis.password").fill("redis-e2e-pw");

  await s3Storage(page);

  await page.getByRole("checkbox", { name: "DB" }).check();

  // Every HA item is green.
  const checklist = page.getByTestId("ha-checklist");
  await expect(checklist.locator('[data-ok="false"]')).toHaveCount(0);
  await expect(page.getByTestId("topology-problems")).toContainText("No errors");

  await page.getByLabel("What changed (optional)").fill("initial HA layout");
  await page.getByRole("button", { name: "Save first revision" }).click();
  await expect(page.getByText("Saved revision 1")).toBeVisible();
  await expect(page.getByTestId("revision-list")).toContainText("initial HA layout");

  // The page now holds revision 1; secrets came back as "stored", not as values.
  await expect(field(page, "database.password")).toHaveValue("");
  await expect(field(page, "database.password")).toHaveAttribute("placeholder", /stored/);
  expect(await page.content()).not.toContain(DB_PASSWORD);

  // Topology as code: the export names stored secrets as placeholders; an edited file loads back into the form.
  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export YAML" }).click()]);
  const yaml = fs.readFileSync(await exported.path(), "utf8");
  expect(yaml).toContain("apiVersion: harbor-fleet-console/v1");
  expect(yaml).toContain("password: ${HARBOR_DATABASE_PASSWORD}");
  expect(yaml).not.toContain(DB_PASSWORD);
  await page.getByTestId("topology-import").setInputFiles({
    name: "edited.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(yaml.replace("jobservice:\n", "jobservice:\n      maxJobWorkers: 20\n")),
  });
  await expect(page.getByText("Loaded edited.yaml into the form")).toBeVisible();
  await expect(field(page, "components.jobservice.maxJobWorkers")).toHaveValue("20");
  await page.getByLabel("What changed (optional)").fill("more workers");
  await page.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(page.getByText("Saved revision 2")).toBeVisible();

  // Config: the files for revision 2, masked.
  await page.getByRole("navigation", { name: "Instance" }).getByRole("link", { name: "Config" }).click();
  await expect(page.getByTestId("config-files")).toContainText("nodes/harbor-3/harbor.yml");
  await expect(page.getByTestId("config-files")).toContainText("loadbalancer/haproxy.cfg");
  await page.getByTestId("config-files").getByRole("button", { name: "nodes/harbor-1/harbor.yml" }).click();
  await expect(page.getByTestId("config-file-content")).toContainText("hostname: harbor.example.com");
  await expect(page.getByTestId("config-file-content")).toContainText("max_job_workers: 20");
  expect(await page.content()).not.toContain(DB_PASSWORD);

  // Diff against revision 1, by key.
  await page.getByLabel("Compare with", { exact: true }).selectOption("1");
  await expect(page.getByRole("button", { name: "Compare", exact: true })).toBeEnabled();
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const diff = page.getByTestId("config-diff");
  await expect(diff).toContainText("jobservice.max_job_workers");
  await expect(diff).toContainText("10");
  await expect(diff).toContainText("20");

  // The zip holds every file, with the real secrets.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-zip").click()]);
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const names = Object.keys(zip);
  for (const expected of [
    "README.md",
    "nodes/harbor-1/harbor.yml",
    "nodes/harbor-2/harbor.yml",
    "nodes/harbor-3/harbor.yml",
    "loadbalancer/haproxy.cfg",
    "secret/keys/secretkey",
  ]) {
    expect(names.some((n) => n.endsWith(expected))).toBe(true);
  }
  const node2 = strFromU8(zip[names.find((n) => n.endsWith("nodes/harbor-2/harbor.yml"))!]);
  expect(node2).toContain(DB_PASSWORD);
  expect(node2).toContain(S3_SECRET);
  expect(node2).toContain("max_job_workers: 20");
  expect(strFromU8(zip[names.find((n) => n.endsWith("loadbalancer/haproxy.cfg"))!])).toContain("10.0.0.13");
});
