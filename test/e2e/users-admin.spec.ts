/**
 * An admin's way back for other accounts (issue #17 item 4): a new one-time password, shown once; lifting a sign-in
 * lock someone keeps on an email by guessing at it; deleting a user after a confirmation naming the email.
 */
import { expect, test } from "@playwright/test";
import { admin, makeUser, query, signIn, signInAsAdmin, unique } from "./helpers";

const PASSWORD = "users-admin-pass-1";

test("an admin resets a user's password and sees it once; the user's sessions end and they sign in with it and choose their own", async ({ page, browser }) => {
  const user = await makeUser("operator", PASSWORD);
  const userContext = await browser.newContext();
  const other = await userContext.newPage();
  await signIn(other, user.email, PASSWORD);
  await expect(other.getByTestId("current-user")).toHaveText(user.email);

  await signInAsAdmin(page);
  await page.goto("/users");
  const row = page.getByTestId(`user-row-${user.email}`);
  await row.getByRole("button", { name: `Reset the password of ${user.email}` }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Reset the password of ${user.email}?`);
  await confirm.getByRole("button", { name: "Reset password" }).click();
  const shown = page.getByRole("dialog", { name: "Password reset" });
  const oneTime = (await shown.getByTestId("reset-password").textContent())!.trim();
  expect(oneTime).toMatch(/^[A-Za-z0-9]{20}$/);
  await expect(shown).toContainText(`Give ${user.email} this one-time password. It is shown only now`);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row).toContainText("one-time password");
  // Once: neither the page nor a fresh render of it holds the password any more.
  expect(await page.content()).not.toContain(oneTime);
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(oneTime);
  const [audit] = await query<{ actor: string; after: string }>(
    `select "actorEmail" as actor, "after"::text as after from "AuditEvent" where action = 'user.password_reset' and "targetName" = $1`,
    [user.email],
  );
  expect(audit.actor).toBe(admin().email);
  expect(audit.after).not.toContain(oneTime);

  // The user's session has ended, and their old password no longer works.
  await other.goto("/instances");
  await expect(other).toHaveURL(/\/login/);
  await signIn(other, user.email, PASSWORD);
  await expect(other.getByTestId("login-error")).toHaveText("Invalid email or password.");
  // With the one-time password they must choose their own before anything else.
  await signIn(other, user.email, oneTime);
  await expect(other).toHaveURL(/\/account\/password/);
  await other.goto("/instances");
  await expect(other).toHaveURL(/\/account\/password/);
  await other.getByLabel("Current password").fill(oneTime);
  await other.getByLabel("New password", { exact: true }).fill("chosen-by-user-123");
  await other.getByLabel("Repeat the new password").fill("chosen-by-user-123");
  await other.getByRole("button", { name: "Change password" }).click();
  await expect(other).toHaveURL(/reason=password_changed/);
  await signIn(other, user.email, "chosen-by-user-123");
  await expect(other.getByTestId("current-user")).toHaveText(user.email);
  await userContext.close();

  // Nobody resets their own password here (Account → Change password), nor a single sign-on user's.
  const sso = `${unique("sso")}@e2e.test`;
  await query(`insert into "User" (id, email, role, provider, "oidcSubject", "updatedAt") values (gen_random_uuid(), $1, 'viewer', 'oidc', $2, now())`, [
    sso,
    `sub-${sso}`,
  ]);
  await page.reload();
  await expect(page.getByTestId(`user-row-${sso}`)).toContainText("single sign-on");
  await expect(page.getByRole("button", { name: `Reset the password of ${sso}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Reset the password of ${admin().email}` })).toHaveCount(0);
});

test("an admin unlocks a user whose email somebody keeps locked", async ({ page, browser }) => {
  const user = await makeUser("viewer", PASSWORD);
  // What fourteen minutes of someone guessing at the email leaves behind.
  await query(
    `insert into "LoginThrottle" (email, failures, "lockedUntil", "lastFailureAt") values ($1, 12, (now() at time zone 'utc') + interval '14 minutes', now() at time zone 'utc')`,
    [user.email],
  );
  const userContext = await browser.newContext();
  const other = await userContext.newPage();
  await signIn(other, user.email, PASSWORD);
  await expect(other.getByTestId("login-error")).toContainText("Too many failed sign-ins");

  await signInAsAdmin(page);
  await page.goto("/users");
  const row = page.getByTestId(`user-row-${user.email}`);
  await expect(row.getByTestId("user-lock")).toHaveText("locked for 14 min");
  await row.getByRole("button", { name: `Unlock ${user.email}` }).click();
  await expect(page.getByText(`Unlocked ${user.email}`)).toBeVisible();
  await expect(row.getByTestId("user-lock")).toHaveCount(0);
  await expect(row.getByRole("button", { name: `Unlock ${user.email}` })).toHaveCount(0);
  const audit = await query<{ actor: string }>(`select "actorEmail" as actor from "AuditEvent" where action = 'user.unlock' and "targetName" = $1`, [
    user.email,
  ]);
  expect(audit).toEqual([{ actor: admin().email }]);

  await signIn(other, user.email, PASSWORD);
  await expect(other.getByTestId("current-user")).toHaveText(user.email);
  await userContext.close();
});

test("an admin deletes a user after a confirmation naming the email, never their own account", async ({ page, browser }) => {
  const user = await makeUser("operator", PASSWORD);
  await signInAsAdmin(page);
  await page.goto("/users");
  await expect(page.getByRole("button", { name: `Delete ${admin().email}` })).toHaveCount(0);
  const row = page.getByTestId(`user-row-${user.email}`);

  // Cancelling deletes nothing.
  await row.getByRole("button", { name: `Delete ${user.email}` }).click();
  await expect(page.getByRole("alertdialog")).toContainText(`Delete user ${user.email}?`);
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: `Delete ${user.email}` }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`${user.email} can no longer sign in`);
  await confirm.getByRole("button", { name: `Delete ${user.email}` }).click();
  await expect(page.getByText(`Deleted ${user.email}`)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await query('select 1 from "User" where id = $1', [user.id])).toHaveLength(0);
  const audit = await query<{ actor: string; targetId: string }>(
    `select "actorEmail" as actor, "targetId" from "AuditEvent" where action = 'user.delete' and "targetName" = $1`,
    [user.email],
  );
  expect(audit).toEqual([{ actor: admin().email, targetId: user.id }]);
  const gone = await browser.newContext();
  const attempt = await gone.newPage();
  await signIn(attempt, user.email, PASSWORD);
  await expect(attempt.getByTestId("login-error")).toHaveText("Invalid email or password.");
  await gone.close();
});
