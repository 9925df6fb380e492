import { expect, test, type APIRequestContext } from "@playwright/test";
import { hashPassword } from "../../lib/security/password";
import { admin, query, signIn, signInAsAdmin, unique } from "./helpers";

/** A local user with a known password, written straight to the database. */
async function createUser(password: string): Promise<string> {
  const email = `${unique("user")}@e2e.test`;
  await query(`insert into "User" (id, email, "passwordHash", "updatedAt") values (gen_random_uuid(), $1, $2, now())`, [email, await hashPassword(password)]);
  return email;
}

/** What next-auth v4's client does: a CSRF token from /api/auth/csrf, then the credentials POST. The error code, or null. */
async function postCredentials(request: APIRequestContext, email: string, password: string): Promise<string | null> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, callbackUrl: "/", json: "true" } });
  // With json=true next-auth answers its redirect as { url } (the status stays 302), so nothing is followed.
  const { url } = (await res.json()) as { url: string };
  return new URL(url, "http://x").searchParams.get("error");
}

test("a visitor without a session is sent to the login page, and back after signing in", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faudit/);
  const a = admin();
  await page.getByLabel("Email").fill(a.email);
  await page.getByLabel("Password").fill(a.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit" })).toBeVisible();
});

test("a wrong password is refused with the same words as an unknown email", async ({ page }) => {
  await signIn(page, admin().email, "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, "nobody@e2e.test", "whatever-password");
  await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
  // Still signed out: a console page sends us back to the login.
  await page.goto("/instances");
  await expect(page).toHaveURL(/\/login/);
});

test("the first admin signs in, sees the shell, and signs out", async ({ page }) => {
  await signInAsAdmin(page);
  for (const item of ["Fleet", "Instances", "Upgrades", "Webhooks", "Audit", "Users"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item, exact: true })).toBeVisible();
  }
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown route shows the not-found page", async ({ page }) => {
  await signInAsAdmin(page);
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  const bad = await page.goto("/instances/not-a-uuid");
  expect(bad?.status()).toBe(404);
});

test("an unknown instance or wave id answers 404 on every page that streams its data", async ({ page }) => {
  await signInAsAdmin(page);
  const unknown = "00000000-0000-4000-8000-000000000000";
  for (const path of [
    `/instances/${unknown}`,
    `/instances/${unknown}/projects`,
    `/instances/${unknown}/config`,
    `/instances/${unknown}/topology`,
    `/upgrades/waves/${unknown}`,
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "This page does not exist" }), path).toBeVisible();
  }
});

test("repeated failed sign-ins lock the email for a while, whether or not it exists", async ({ page }) => {
  for (let i = 0; i < 4; i++) {
    await signIn(page, "ghost@e2e.test", `wrong-${i}`);
    await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
  }
  await signIn(page, "ghost@e2e.test", "wrong-5");
  await expect(page.getByTestId("login-error")).toContainText("Too many failed sign-ins");
});

test("the email lock holds at the sign-in endpoint: after 5 wrong passwords the right one is refused, and stays refused", async ({ page, request }) => {
  const email = await createUser("right-password-123");
  const answers = [];
  for (let i = 1; i <= 5; i++) answers.push(await postCredentials(request, email, `wrong-${i}`));
  expect(answers).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin", "CredentialsSignin", "locked:60"]);
  expect(await postCredentials(request, email, "right-password-123")).toMatch(/^locked:(59|60)$/);
  const [row] = await query<{ failures: number; locked_for: number }>(
    `select failures, extract(epoch from "lockedUntil" - (now() at time zone 'utc'))::int as locked_for from "LoginThrottle" where email = $1`,
    [email],
  );
  expect(row.failures).toBe(5);
  expect(row.locked_for).toBeGreaterThan(30);
  // The login form says so too.
  await signIn(page, email, "right-password-123");
  await expect(page.getByTestId("login-error")).toHaveText("Too many failed sign-ins for this email. Wait 1 minute and try again.");
  await expect(page).toHaveURL(/\/login/);
});

test("a locked client address is told so on the login form, without a word about the email", async ({ page }) => {
  const email = await createUser("right-password-123");
  // The browser comes from 127.0.0.1; the console sees it as that address. Locked here for 10 minutes.
  await query(
    `insert into "LoginAddressThrottle" (address, failures, "windowStart", "lockedUntil", "lastFailureAt")
     values ('127.0.0.1', 30, now() at time zone 'utc', (now() at time zone 'utc') + interval '10 minutes', now() at time zone 'utc')
     on conflict (address) do update set failures = 30, "lockedUntil" = excluded."lockedUntil"`,
  );
  try {
    await signIn(page, email, "right-password-123");
    await expect(page.getByTestId("login-error")).toHaveText("Too many failed sign-ins from your network address. Wait 10 minutes and try again.");
    await signIn(page, "nobody@e2e.test", "whatever-password");
    await expect(page.getByTestId("login-error")).toHaveText("Too many failed sign-ins from your network address. Wait 10 minutes and try again.");
    // A client that writes its own X-Forwarded-For is still counted under the address it connects from.
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const forged = await page.request.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": "198.51.100.77" },
      form: { email, password: "right-password-123", csrfToken, callbackUrl: "/", json: "true" },
      maxRedirects: 0,
    });
    expect(forged.headers()["location"] ?? (await forged.text())).toContain("error=");
  } finally {
    await query(`delete from "LoginAddressThrottle" where address = '127.0.0.1'`);
  }
  await signIn(page, email, "right-password-123");
  await expect(page.getByTestId("current-user")).toHaveText(email);
});

test("signing out ends the session on the server: a cookie captured before is refused by pages and by /api/fleet", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const captured = (await page.context().cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(captured.length).toBeGreaterThan(0);
  const thief = await browser.newContext();
  await thief.addCookies(captured);
  expect((await thief.request.get("/api/fleet")).status()).toBe(200);

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();

  expect((await thief.request.get("/api/fleet")).status()).toBe(401);
  const stolen = await thief.newPage();
  await stolen.goto("/instances");
  await expect(stolen).toHaveURL(/\/login/);
  await thief.close();
  const [event] = await query<{ action: string; actor_email: string }>(
    `select action, "actorEmail" as actor_email from "AuditEvent" where "targetType" = 'session' order by id desc limit 1`,
  );
  expect(event).toEqual({ action: "session.sign_out", actor_email: admin().email });
});
