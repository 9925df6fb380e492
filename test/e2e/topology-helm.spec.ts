import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { signInAsAdmin, unique } from "./helpers";
import { addInstance, DB_PASSWORD, externalPostgres, field, s3Storage } from "./topology-form";

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
