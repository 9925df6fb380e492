import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { hashPassword } from "../../lib/security/password";
import { query, signIn, signInAsAdmin, unique } from "./helpers";

const DB_PASSWORD = "e2e-Pg-" + Math.random().toString(36).slice(2, 10);
const S3_SECRET = "e2e-S3-" + Math.random().toString(36).slice(2, 10);

const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

async function externalPostgres(page: Page, major: number) {
  await field(page, "database.type").selectOption("external");
  await field(page, "database.host").fill("pg.example.com");
  await field(page, "database.username").fill("harbor");
  await field(page, "database.password").fill(DB_PASSWORD);
  await field(page, "database.postgresMajor").fill(String(major));
}

async function s3Storage(page: Page) {
  await field(page, "storage.type").selectOption("s3");
  await field(page, "storage.s3.region").fill("eu-west-1");
  await field(page, "storage.s3.bucket").fill("harbor-blobs");
  await field(page, "storage.s3.accessKey").fill("AKIAE2E");
  await field(page, "storage.s3.secretKey").fill(S3_SECRET);
}

async function addInstance(page: Page, name: string): Promise<string> {
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Environment").selectOption("production");
  await page.getByLabel("Deployment").selectOption("docker_compose");
  await page.getByLabel("Harbor URL").fill("https://127.0.0.1:9/topology-e2e");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password or robot secret").fill("Harbor12345");
  await page.getByRole("button", { name: "Add instance" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const [{ id }] = await query<{ id: string }>('select id from "HarborInstance" where name = $1', [name]);
  return id;
}

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

test("two operators edit one revision: the second save shows what the first changed and keeps the second's values", async ({ page }) => {
  await signInAsAdmin(page);
  const name = unique("conflict-topo");
  const id = await addInstance(page, name);
  await page.goto(`/instances/${id}/topology`);
  await field(page, "access.hostname").fill("harbor.example.com");
  await field(page, "deployment.nodes.0.address").fill("10.0.0.11");
  await field(page, "adminPassword").fill("Initial-Admin-Pw-1");
  await field(page, "database.password").fill("bundled-db-pw");
  await page.getByRole("button", { name: "Save first revision" }).click();
  await expect(page.getByText("Saved revision 1")).toBeVisible();

  // A second tab opens revision 1 too; the first tab saves revision 2 meanwhile.
  const other = await page.context().newPage();
  await other.goto(`/instances/${id}/topology`);
  await field(page, "components.jobservice.maxJobWorkers").fill("25");
  await page.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(page.getByText("Saved revision 2")).toBeVisible();

  await field(other, "components.log.level").selectOption("debug");
  await other.getByRole("button", { name: "Save as revision 2" }).click();
  const conflict = other.getByTestId("topology-conflict");
  await expect(conflict).toContainText("Revision 2 was saved by");
  await expect(conflict).toContainText("components.jobservice.maxJobWorkers: 10 → 25");
  await expect(field(other, "components.log.level")).toHaveValue("debug");
  expect(await query('select revision from "TopologyRevision" where "instanceId" = $1', [id])).toHaveLength(2);

  await conflict.getByRole("button", { name: "Save mine as revision 3" }).click();
  await expect(other.getByText("Saved revision 3")).toBeVisible();
  const [r3] = await query<{ topology: { components: { log: { level: string } } } }>(
    'select topology from "TopologyRevision" where "instanceId" = $1 and revision = 3',
    [id],
  );
  expect(r3.topology.components.log.level).toBe("debug");
});

test("a viewer reads the topology and masked files but cannot save or download", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const name = unique("viewer-topo");
  const id = await addInstance(page, name);
  await page.goto(`/instances/${id}/topology`);
  await field(page, "access.hostname").fill("harbor.example.com");
  await field(page, "deployment.nodes.0.address").fill("10.0.0.11");
  await field(page, "adminPassword").fill("Initial-Admin-Pw-1");
  await field(page, "database.password").fill(DB_PASSWORD);
  await page.getByRole("button", { name: "Save first revision" }).click();
  await expect(page.getByText("Saved revision 1")).toBeVisible();

  const email = `${unique("viewer")}@e2e.test`;
  await query(`insert into "User" (id, email, role, "passwordHash", "updatedAt") values (gen_random_uuid(), $1, 'viewer', $2, now())`, [
    email,
    await hashPassword("viewer-password-123"),
  ]);
  const ctx = await browser.newContext();
  const viewer = await ctx.newPage();
  await signIn(viewer, email, "viewer-password-123");
  await expect(viewer.getByTestId("current-user")).toHaveText(email);

  await viewer.goto(`/instances/${id}/topology`);
  await expect(viewer.getByText("saving needs the operator role")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Save/ })).toHaveCount(0);
  await viewer.goto(`/instances/${id}/config`);
  await expect(viewer.getByTestId("config-files")).toContainText("nodes/harbor-1/harbor.yml");
  await expect(viewer.getByTestId("download-zip")).toHaveCount(0);
  expect(await viewer.content()).not.toContain(DB_PASSWORD);

  // Asked directly, the download route refuses the viewer, and anyone signed out.
  const refused = await viewer.request.get(`/api/instances/${id}/config/1`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain(DB_PASSWORD);
  const anonymous = await (
    await browser.newContext()
  ).request.get(`http://127.0.0.1:${process.env.E2E_PORT ?? "3107"}/api/instances/${id}/config/1`, { maxRedirects: 0 });
  expect([401, 307]).toContain(anonymous.status());
  await ctx.close();
});

test("a Helm topology with an ingress: chart pinned to the release, values and Secrets in the zip", async ({ page }) => {
  await signInAsAdmin(page);
  const name = unique("helm-topo");
  const id = await addInstance(page, name);
  await page.goto(`/instances/${id}/topology`);
  await field(page, "harborVersion").selectOption("2.11.2");
  await field(page, "deployment.kind").selectOption("helm");
  await expect(page.getByTestId("helm-chart")).toContainText("harbor-helm chart 1.15.2");
  await field(page, "access.hostname").fill("harbor.k8s.example.com");
  await field(page, "adminPassword").fill("Initial-Admin-Pw-1");
  await field(page, "deployment.helm.ingressClassName").fill("nginx");
  await field(page, "deployment.helm.tlsSecretName").fill("harbor-tls");
  for (const c of ["portal", "core", "jobservice", "registry"]) await field(page, `deployment.helm.replicas.${c}`).fill("2");
  await externalPostgres(page, 16);
  await field(page, "redis.type").selectOption("external");
  await field(page, "redis.mode").selectOption("sentinel");
  await field(page, "redis.sentinelHosts").fill("s1:26379,s2:26379,s3:26379");
  await field(page, "redis.sentinelMasterSet").fill("mymaster");
  await s3Storage(page);
  await page.getByRole("checkbox", { name: "DB" }).check();
  await expect(page.getByTestId("ha-checklist").locator('[data-ok="false"]')).toHaveCount(0);
  await page.getByRole("button", { name: "Save first revision" }).click();
  await expect(page.getByText("Saved revision 1")).toBeVisible();

  await page.getByRole("navigation", { name: "Instance" }).getByRole("link", { name: "Config" }).click();
  await page.getByTestId("config-files").getByRole("button", { name: "helm/values.yaml" }).click();
  const values = page.getByTestId("config-file-content");
  await expect(values).toContainText("externalURL: https://harbor.k8s.example.com");
  await expect(values).toContainText("className: nginx");
  expect(await page.content()).not.toContain(DB_PASSWORD);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-zip").click()]);
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const file = (suffix: string) => strFromU8(zip[Object.keys(zip).find((n) => n.endsWith(suffix))!]);
  expect(file("helm/values.yaml")).toContain("existingSecret");
  expect(file("helm/secrets.yaml")).toContain(DB_PASSWORD);
  expect(file("README.md")).toContain("helm install");
});
