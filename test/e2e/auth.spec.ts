import { expect, test } from "@playwright/test";
import { admin, signIn, signInAsAdmin } from "./helpers";

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

test("repeated failed sign-ins lock the email for a while, whether or not it exists", async ({ page }) => {
  for (let i = 0; i < 4; i++) {
    await signIn(page, "ghost@e2e.test", `wrong-${i}`);
    await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
  }
  await signIn(page, "ghost@e2e.test", "wrong-5");
  await expect(page.getByTestId("login-error")).toContainText("Too many failed sign-ins");
});
