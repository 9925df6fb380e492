import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/security/password";

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

/**
 * Signs in through the real sign-in endpoint without a page (next-auth's CSRF token, then the credentials
 * callback); the context keeps the session cookie. Returns the callback's final URL (it carries ?error= on refusal).
 */
export async function apiSignIn(request: APIRequestContext, email: string, password: string): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/", json: "true" },
    maxRedirects: 0,
  });
  return res.headers()["location"] ?? (await res.text());
}

/** A local user with a known password and no one-time password to change, made directly in the database. */
export async function makeUser(role: "viewer" | "operator" | "admin", password: string): Promise<{ id: string; email: string }> {
  const email = `${unique(role)}@e2e.test`;
  const [row] = await query<{ id: string }>(
    `insert into "User" (id, email, name, role, "passwordHash", "updatedAt") values (gen_random_uuid(), $1, $2, $3::"Role", $4, now()) returning id`,
    [email, `${role} for tests`, role, await hashPassword(password)],
  );
  return { id: row.id, email };
}
