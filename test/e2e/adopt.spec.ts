import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { DEMO_FLEET } from "../harbor-sim/demo-fleet";
import { stripSecrets } from "../../lib/schemas/topology-secrets";
import { ZTopology } from "../../lib/schemas/topology";
import { DESKTOP, PHONE, query, registerInstance, signInAsAdmin, unique } from "./helpers";

/**
 * Issue #18 in the browser: the staging demo instance (three compose nodes, Harbor 2.8.6 — the e2e fleet's degraded
 * simulator runs that version) with its recorded revision 1 is adopted from its three nodes' harbor.yml: a file that
 * is not one is refused at that file, the preview shows the diff against r1, the nodes' difference and the
 * not-represented list; saved, the revision keeps the list, and the Config tab's bundle reconfigures (no key file, no
 * install step). Then a version change to another line is refused and links to the upgrade page.
 */
const FIXTURES = path.resolve(__dirname, "../support/fixtures/adopt/staging");
const nodeFiles = [1, 2, 3].map((n) => path.join(FIXTURES, `harbor-${n}.yml`));

async function seedStagingRevision(instanceId: string): Promise<void> {
  const staging = DEMO_FLEET.find((d) => d.spec.id === "staging-eu")!;
  const { topology } = stripSecrets(ZTopology.parse(staging.topology));
  await query(
    `insert into "TopologyRevision" (id, "instanceId", revision, topology, "harborVersion", "deploymentKind", message, "createdByEmail") values (gen_random_uuid(), $1, 1, $2::jsonb, $3, 'compose', 'recorded by hand', 'demo@e2e.test')`,
    [instanceId, JSON.stringify(topology), topology.harborVersion],
  );
}

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include("[data-testid=adopt-panel]").analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

test("adopt the staging instance from its three nodes' harbor.yml, save, download a reconfigure bundle; another version line goes to Upgrades", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize(DESKTOP);
  await signInAsAdmin(page);
  const id = await registerInstance(page, { name: unique("staging-eu"), url: process.env.E2E_SIM_DEGRADED_URL });
  await seedStagingRevision(id);

  await page.goto(`/instances/${id}/topology`);
  const panel = page.getByTestId("adopt-panel");
  await expect(panel.getByRole("heading", { name: "Adopt from files" })).toBeVisible();

  // A harbor.cfg among the files: refused at that file, the others kept in the panel.
  const cfg = testInfo.outputPath("harbor.cfg");
  fs.writeFileSync(cfg, "hostname = harbor.staging.example.com\nui_url_protocol = https\ndb_password = root123\n");
  await panel.getByLabel("harbor.yml of each node").setInputFiles([nodeFiles[0], cfg]);
  await expect(panel.getByTestId("adopt-file")).toHaveCount(2);
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByTestId("adopt-file").nth(1).getByTestId("adopt-file-error")).toContainText("This is a harbor.cfg");
  await expect(panel.getByTestId("adopt-file").nth(0).getByTestId("adopt-file-error")).toHaveCount(0);

  // The three nodes' files, their node names and addresses from revision 1.
  await panel.getByLabel("harbor.yml of each node").setInputFiles(nodeFiles);
  await expect(panel.getByTestId("adopt-file")).toHaveCount(3);
  await expect(panel.getByLabel("Node address for harbor-3.yml")).toHaveValue("10.20.0.13");
  await panel.getByRole("button", { name: "Preview" }).click();
  const preview = panel.getByTestId("adopt-preview");
  await expect(preview).toContainText("harbor.yml of 3 nodes (Harbor 2.8) → Harbor 2.8.6");
  const diff = preview.getByTestId("adopt-diff");
  await expect(diff.getByRole("row", { name: /components\.jobservice\.maxJobWorkers\s+10\s+20/ })).toBeVisible();
  await expect(diff.getByRole("row", { name: /database\.password/ })).toContainText("********");
  await expect(preview.getByTestId("adopt-node-differences")).toContainText("log.level: harbor-1 info · harbor-2 debug · harbor-3 info");
  const notRepresented = preview.getByTestId("not-represented");
  await expect(notRepresented).toContainText("Not represented (2)");
  await expect(notRepresented).toContainText("uaa.ca_file");
  await expect(notRepresented).toContainText("trivy.ignore_unfixed");
  // no secret of the files reaches the page
  expect(await page.content()).not.toMatch(/Staging-Db-Pass-1|Staging-Redis-1|Staging-Admin-1/);
  expect(await serious(page)).toEqual([]);
  await page.setViewportSize(PHONE);
  await preview.scrollIntoViewIfNeeded();
  expect(await serious(page)).toEqual([]);
  await page.setViewportSize(DESKTOP);

  await panel.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(page.getByText("Saved revision 2, adopted from the files")).toBeVisible();
  const adopted = page.getByTestId("adopted-revision");
  await expect(adopted).toContainText("Revision 2 was adopted from the harbor.yml of 3 nodes (Harbor 2.8).");
  await expect(adopted.getByTestId("not-represented")).toContainText("uaa.ca_file");
  const [row] = await query<{ lifecycle: string }>('select lifecycle::text as lifecycle from "HarborInstance" where id = $1', [id]);
  expect(row.lifecycle).toBe("running");

  // The Config tab: a reconfigure bundle with the files' settings, no key, no install step.
  await page.getByRole("navigation", { name: "Instance" }).getByRole("link", { name: "Config" }).click();
  await expect(page.getByTestId("bundle-kind")).toContainText("Reconfigure bundle: this instance is running; it keeps the keys on its hosts.");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-zip").click()]);
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const names = Object.keys(zip);
  expect(names.filter((n) => /secretkey|private_key\.pem|root\.crt|\/secret\//.test(n))).toEqual([]);
  const readme = strFromU8(zip[names.find((n) => n.endsWith("/README.md"))!]);
  for (const step of ["install.sh", "install -m", "helm install"]) expect(readme).not.toContain(step);
  const node1 = strFromU8(zip[names.find((n) => n.endsWith("/nodes/harbor-1/harbor.yml"))!]);
  expect(node1).toContain("max_job_workers: 20");
  expect(node1).toContain("host: pg-staging.example.com");

  // Another version line is an upgrade: refused, with a link to plan it.
  await page.goto(`/instances/${id}/topology`);
  await page.locator('[data-field="harborVersion"]').selectOption("2.11.2");
  // 2.9+ has job loggers, and three jobservices need the DB one (the check in the form): the save then reaches the server
  await page.locator('[data-field="components.jobservice.jobLoggers"] input[value="DB"]').check();
  await page.getByRole("button", { name: "Save as revision 3" }).click();
  const link = page.getByTestId("plan-upgrade");
  await expect(link).toHaveAttribute("href", `/upgrades/new?instance=${id}`);
  await link.click();
  // the upgrade wizard for this instance, which offers the releases the planner can reach
  await expect(page).toHaveURL(new RegExp(`/upgrades/new\\?instance=${id}$`));
  await expect(page.getByRole("main")).toContainText("Plan an upgrade");
  expect(await query('select revision from "TopologyRevision" where "instanceId" = $1', [id])).toHaveLength(2);
});
