import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const admin = () => ({ email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAsAdmin(page: Page) {
  const a = admin();
  await signIn(page, a.email, a.password);
  await expect(page.getByTestId("current-user")).toHaveText(a.email);
}

/** Reads the console's database directly, to check what the browser cannot see. */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 7)}`;
