import { expect, test } from "@playwright/test";
import { consolePages, DESKTOP, openSettled, PHONE, registerInstance, saveOneNodeTopology, sidewaysOverflow, signInAsAdmin, unique } from "./helpers";

/** Issue #17 item 9: a phone-sized window gets a menu instead of the sidebar, and no page scrolls sideways. */
test.describe("phone and narrow windows", () => {
  test.use({ viewport: PHONE });
  let instanceId = "";

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signInAsAdmin(page);
    instanceId = await registerInstance(page, { name: unique("phone") });
    await saveOneNodeTopology(page, instanceId);
    await context.close();
  });

  test("at 390×844 no page scrolls sideways: fleet, instances, an instance and its tabs, forms, admin pages, sign-in", async ({ page, browser }) => {
    test.setTimeout(180_000);
    await signInAsAdmin(page);
    const overflowing: string[] = [];
    for (const { name, path } of consolePages(instanceId)) {
      await openSettled(page, path);
      await expect(page.locator("h1").first(), name).toBeVisible();
      const { by, culprits } = await sidewaysOverflow(page);
      if (by > 0) overflowing.push(`${name} (${path}) by ${by} px: ${culprits.join("; ")}`);
    }
    const anonymous = await browser.newContext({ viewport: PHONE });
    const signedOut = await anonymous.newPage();
    await openSettled(signedOut, "/login");
    await expect(signedOut.getByRole("button", { name: "Sign in" })).toBeVisible();
    const login = await sidewaysOverflow(signedOut);
    if (login.by > 0) overflowing.push(`login by ${login.by} px: ${login.culprits.join("; ")}`);
    await anonymous.close();
    expect(overflowing, "pages wider than a 390 px window").toEqual([]);
  });

  test("wide tables scroll inside their own box, not the page", async ({ page }) => {
    await signInAsAdmin(page);
    await openSettled(page, "/audit");
    const box = page.getByTestId("audit-table").locator("xpath=..");
    await expect(box).toHaveCSS("overflow-x", "auto");
    const fits = await box.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth);
    expect(fits).toBe(true);
  });

  test("the menu button opens the navigation as a dialog that keeps the focus, closes on Escape and on navigation", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/instances");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    const menu = page.getByRole("button", { name: "Open navigation" });
    await expect(menu).toBeVisible();

    await menu.click();
    const sheet = page.getByRole("dialog", { name: "Navigation" });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instances" })).toHaveAttribute("aria-current", "page");
    // The focus stays in the dialog however far one tabs.
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press("Tab");
      expect(await sheet.evaluate((el) => el.contains(document.activeElement)), `focus after ${i + 1} Tab presses`).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
    await expect(menu).toBeFocused();

    await menu.click();
    await sheet.getByRole("link", { name: "Audit" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
    await expect(sheet).toBeHidden();

    // The account menu is in it too.
    await menu.click();
    await expect(sheet.getByRole("button", { name: "Account menu" })).toBeVisible();
    await sheet.getByRole("button", { name: "Close navigation" }).click();
    await expect(sheet).toBeHidden();
  });

  test("at 1440×900 the sidebar stays and there is no menu button", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    await page.goto("/instances");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Open navigation" })).toBeHidden();
  });
});
