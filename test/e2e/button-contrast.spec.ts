import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DESKTOP, makeUser, PHONE, signIn, signInAsAdmin } from "./helpers";

/**
 * Buttons are at full contrast the moment they are enabled or hovered: only their colours are animated, never their
 * opacity (a `transition` on everything faded a just-enabled button in from disabled:opacity-50, and hover drew a
 * primary button at 90 %), so an accessibility check run right then found too little contrast, now and then.
 * Checked in both colour schemes (the danger button's dark-mode foreground is a token of its own) at a phone's and a
 * laptop's width.
 */

async function contrastViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).include(selector).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary ?? ""}`));
}

/** Resolves, in the page, with the button's computed opacity in the same task as its `disabled` attribute goes away. */
async function opacityWhenEnabled(button: Locator): Promise<() => Promise<string>> {
  await button.evaluate((el) => {
    const w = window as unknown as { enabledOpacity?: Promise<string> };
    w.enabledOpacity = new Promise<string>((resolve) => {
      let wasDisabled = el.hasAttribute("disabled");
      new MutationObserver((_, observer) => {
        if (el.hasAttribute("disabled")) return void (wasDisabled = true);
        if (!wasDisabled) return;
        observer.disconnect();
        resolve(getComputedStyle(el).opacity);
      }).observe(el, { attributes: true, attributeFilter: ["disabled"] });
    });
  });
  return () => button.evaluate(() => (window as unknown as { enabledOpacity: Promise<string> }).enabledOpacity);
}

const opacityNow = (button: Locator) => button.evaluate((el) => getComputedStyle(el).opacity);

for (const colorScheme of ["light", "dark"] as const) {
  for (const [width, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    test.describe(`buttons at full contrast (${colorScheme}, ${width})`, () => {
      test.use({ viewport, colorScheme });

      test("a primary button right after it is enabled again, and while hovered", async ({ page }) => {
        // A user of their own: a wrong current password counts against the account's sign-in attempts.
        const password = "contrast-pass-1234";
        const user = await makeUser("viewer", password);
        await signIn(page, user.email, password);
        await expect(page.getByTestId("current-user")).toHaveText(user.email);
        await page.goto("/account/password");
        await page.getByLabel("Current password").fill("not-the-password-1");
        await page.getByLabel("New password", { exact: true }).fill("a-new-password-5678");
        await page.getByLabel("Repeat the new password").fill("a-new-password-5678");
        const button = page.locator('form button[type="submit"]');
        const enabledOpacity = await opacityWhenEnabled(button);
        await button.click(); // disabled while the server answers ("Saving…"), enabled again with its refusal
        expect(await enabledOpacity(), "opacity in the task that enabled it").toBe("1");
        expect(await contrastViolations(page, "main form")).toEqual([]);
        await expect(page.getByRole("button", { name: "Change password" })).toBeEnabled();

        await button.hover();
        expect(await opacityNow(button), "opacity as the pointer arrives").toBe("1");
        expect(await contrastViolations(page, "main form")).toEqual([]);
      });

      test("the danger button of a confirmation, at once and while hovered", async ({ page }) => {
        const victim = await makeUser("viewer", "contrast-victim-1234");
        await signInAsAdmin(page);
        await page.goto("/users");
        await page.getByRole("button", { name: `Delete ${victim.email}` }).click();
        const dialog = page.getByRole("alertdialog");
        const confirm = dialog.getByRole("button", { name: `Delete ${victim.email}` });
        await expect(confirm).toBeVisible();
        expect(await contrastViolations(page, '[role="alertdialog"]')).toEqual([]);
        await confirm.hover();
        expect(await opacityNow(confirm), "opacity as the pointer arrives").toBe("1");
        expect(await contrastViolations(page, '[role="alertdialog"]')).toEqual([]);
        await dialog.getByRole("button", { name: "Cancel" }).click();
        await expect(dialog).toHaveCount(0);
      });
    });
  }
}
