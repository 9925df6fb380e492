import { expect, test } from "@playwright/test";
import { admin, makeUser, query } from "./helpers";

// The e2e console runs `next start` with NEXTAUTH_URL=http://127.0.0.1:<port> (global-setup.ts); localhost is the
// same server under another name, as a machine's IP or DNS name would be.
const addresses = (baseURL: string | undefined) => {
  const configured = new URL(baseURL!).origin;
  return { configured, other: configured.replace("127.0.0.1", "localhost") };
};

test("opened at another address, the sign-in page names both addresses, and a sign-in there is refused with a reason", async ({ page, baseURL }) => {
  const { configured, other } = addresses(baseURL);
  await page.goto(`${other}/audit`);
  await expect(page).toHaveURL(`${other}/login?callbackUrl=%2Faudit`);
  const notice = page.getByTestId("host-mismatch");
  await expect(notice).toHaveText(
    `You opened the console at ${other}, but it is configured for ${configured} (NEXTAUTH_URL). Sign-in only works at the configured address: open ${configured}/login`,
  );
  await expect(notice.getByRole("link", { name: `${configured}/login` })).toHaveAttribute("href", `${configured}/login?callbackUrl=%2Faudit`);

  // Not an empty form on return: the round trip says why it did not sign in, and nothing was counted as a failure.
  const password = "right-password-123";
  const user = await makeUser("viewer", password);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText(`Not signed in: sign-in only works at ${configured}, not at ${other}.`);
  await expect(page).toHaveURL(`${other}/login?callbackUrl=%2Faudit`);
  expect((await page.context().cookies(other)).map((c) => c.name)).not.toContain("next-auth.session-token");
  expect(await query(`select 1 from "LoginThrottle" where email = $1 and failures > 0`, [user.email])).toEqual([]);

  // Single sign-on cannot work there either (its callback goes to the configured address): said, not started.
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await expect(page.getByTestId("login-error")).toHaveText(`Not signed in: sign-in only works at ${configured}, not at ${other}.`);
  await expect(page).toHaveURL(new RegExp(`^${other}/login`));

  // The link leads to the configured address, where signing in works and goes on to the page asked for.
  await notice.getByRole("link").click();
  await expect(page).toHaveURL(`${configured}/login?callbackUrl=%2Faudit`);
  await expect(page.getByTestId("host-mismatch")).toHaveCount(0);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${configured}/audit`);
  await expect(page.getByTestId("current-user")).toHaveText(user.email);
});

test("the message is in the page itself, before any script runs, and a scriptless submit keeps the password out of the address", async ({
  browser,
  baseURL,
}) => {
  const { configured, other } = addresses(baseURL);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${other}/login`);
  await expect(page.getByTestId("host-mismatch")).toContainText(`You opened the console at ${other}, but it is configured for ${configured} (NEXTAUTH_URL).`);
  await page.getByLabel("Email").fill("someone@e2e.test");
  await page.getByLabel("Password").fill("not-in-the-url-please");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState();
  expect(page.url()).not.toContain("not-in-the-url-please");
  await context.close();
});

test("at the configured address there is no such message, and signing in works", async ({ page, baseURL }) => {
  const { configured } = addresses(baseURL);
  await page.goto(`${configured}/login`);
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByTestId("host-mismatch")).toHaveCount(0);
  const a = admin();
  await page.getByLabel("Email").fill(a.email);
  await page.getByLabel("Password").fill(a.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(a.email);
});
