import { expect, test } from "@playwright/test";
import { query, signInAsAdmin, unique } from "./helpers";

test("single sign-on creates a user with the default role; the local admin still signs in", async ({ page }) => {
  const login = unique("alice");
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  // The identity provider's own screens.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByTestId("current-user")).toHaveText(`${login}@sso.test`);
  await expect(page.getByRole("button", { name: "Account menu" })).toContainText("viewer");
  const [user] = await query<{ role: string; provider: string; oidcSubject: string; passwordHash: string | null }>(
    'select role, provider, "oidcSubject", "passwordHash" from "User" where email = $1',
    [`${login}@sso.test`],
  );
  expect(user).toEqual({ role: "viewer", provider: "oidc", oidcSubject: login, passwordHash: null });

  // An SSO viewer is a viewer like any other: no admin pages.
  await page.goto("/users");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();

  await page.context().clearCookies();
  await signInAsAdmin(page);
});
