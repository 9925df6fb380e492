/** The topology form's fields and the instance the topology specs draw on (topology-*.spec.ts). */
import { expect, type Page } from "@playwright/test";
import { query } from "./helpers";

export const DB_PASSWORD = "e2e-Pg-" + Math.random().toString(36).slice(2, 10);
export const S3_SECRET = "e2e-S3-" + Math.random().toString(36).slice(2, 10);

export const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

export async function externalPostgres(page: Page, major: number) {
  await field(page, "database.type").selectOption("external");
  await field(page, "database.host").fill("pg.example.com");
  await field(page, "database.username").fill("harbor");
  await field(page, "database.password").fill(DB_PASSWORD);
  await field(page, "database.postgresMajor").fill(String(major));
}

export async function s3Storage(page: Page) {
  await field(page, "storage.type").selectOption("s3");
  await field(page, "storage.s3.region").fill("eu-west-1");
  await field(page, "storage.s3.bucket").fill("harbor-blobs");
  await field(page, "storage.s3.accessKey").fill("AKIAE2E");
  await field(page, "storage.s3.secretKey").fill(S3_SECRET);
}

export async function addInstance(page: Page, name: string): Promise<string> {
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
