import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, PHONE, query, unique } from "./helpers";

/**
 * Single sign-on's refusals say why and what to do (#20 item 4), at the place the person signed in, and each is in the
 * audit trail with the email, the reason and the client's address. The test provider (test/support/oidc-idp.ts) makes
 * `<login>@sso.test`, unverified for logins starting with `unverified-`.
 */
async function ssoAs(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function addUser(email: string, opts: { passwordHash?: string; oidcSubject?: string }) {
  await query(
    `insert into "User" (id, email, name, role, provider, "passwordHash", "oidcSubject", "updatedAt") values (gen_random_uuid(), $1, '', 'viewer', $2::"AuthProvider", $3, $4, now())`,
    [email, opts.passwordHash ? "local" : "oidc", opts.passwordHash ?? null, opts.oidcSubject ?? null],
  );
}

async function expectNoSeriousAxe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

const refusal = async (email: string) =>
  (
    await query<{ after: { reason: string; address: string; provider: string } }>(
      `select after from "AuditEvent" where action = 'session.sign_in_refused' and "actorEmail" = $1 order by id desc limit 1`,
      [email],
    )
  )[0]?.after;

const CASES = [
  {
    name: "a password account with this email",
    login: () => unique("local"),
    seed: (email: string) => addUser(email, { passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$placeholderplaceholderplaceholder" }),
    message: "This email signs in to the console with a password. Sign in with your email and password below",
    reason: "sso_local_account",
  },
  {
    name: "an email the provider has not verified",
    login: () => unique("unverified-x"),
    seed: (email: string) => addUser(email, {}),
    message: "Your identity provider has not verified your email address",
    reason: "sso_email_unverified",
  },
  {
    name: "an email connected to another identity",
    login: () => unique("linked"),
    seed: (email: string) => addUser(email, { oidcSubject: unique("someone-else") }),
    message: "This email is already connected to a different single sign-on identity. Sign in with the identity you used before",
    reason: "sso_other_identity",
  },
];

for (const [i, c] of CASES.entries()) {
  const viewport = i % 2 ? PHONE : DESKTOP;
  test(`single sign-on refused for ${c.name}: its own message on the sign-in page (${viewport.width}px), and an audit row`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const login = c.login();
    const email = `${login}@sso.test`;
    await c.seed(email);
    await ssoAs(page, login);
    await expect(page).toHaveURL(/\/login\?error=Oidc/);
    await expect(page.getByRole("alert").filter({ hasText: c.message })).toBeVisible();
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    // The local form is right there, and keeps working.
    await expect(page.getByLabel("Email")).toBeVisible();
    await expectNoSeriousAxe(page);
    expect(await refusal(email)).toEqual({ reason: c.reason, address: expect.stringMatching(/127\.0\.0\.1$/), provider: "oidc" });
    const [user] = await query<{ oidcSubject: string | null }>('select "oidcSubject" from "User" where email = $1', [email]);
    expect(user.oidcSubject === login).toBe(false);
  });
}
