import { expect, test } from "@playwright/test";
import { hashPassword } from "../../lib/security/password";
import { query, signIn, signInAsAdmin, unique } from "./helpers";
import { addInstance, DB_PASSWORD, field } from "./topology-form";

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
