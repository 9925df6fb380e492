import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

test("the account menu's Sign out says that it ends the user's sessions on every device", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("button", { name: "Account menu" }).click();
  const item = page.getByRole("menuitem", { name: "Sign out", exact: true });
  await expect(item).toHaveAccessibleDescription("Ends your sessions on every device");
  await expect(item).toContainText("Ends your sessions on every device");
});
