import { expect, test, type Page, type Request } from "@playwright/test";
import { query, signIn, signInAsAdmin, unique } from "./helpers";

/** Captures the next server-action POST the page makes, so another user can replay it directly. */
function captureAction(page: Page): Promise<Request> {
  return page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
}

async function replay(page: Page, action: Request, body: unknown): Promise<string> {
  const res = await page.request.post(action.url(), {
    headers: { "next-action": action.headers()["next-action"], "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: JSON.stringify([body]),
  });
  return res.text();
}

test("a viewer sees the fleet but cannot add, edit or delete, and the server refuses direct calls", async ({ page, browser }) => {
  // The admin registers an instance and a viewer, capturing the create and delete actions on the way.
  await signInAsAdmin(page);
  const name = unique("viewer-sees");
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Environment").selectOption("staging");
  await page.getByLabel("Deployment").selectOption("docker_compose");
  await page.getByLabel("Harbor URL").fill("https://127.0.0.1:9/harbor-staging");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password or robot secret").fill("Harbor12345");
  const createCall = captureAction(page);
  await page.getByRole("button", { name: "Add instance" }).click();
  const create = await createCall;
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const [{ id }] = await query<{ id: string }>('select id from "HarborInstance" where name = $1', [name]);

  const viewerEmail = `${unique("viewer")}@e2e.test`;
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByRole("dialog").getByLabel("Email").fill(viewerEmail);
  await page.getByRole("dialog").getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create user" }).click();
  const oneTime = (await page.getByTestId("initial-password").textContent())!.trim();
  expect(oneTime).toHaveLength(20);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId(`user-row-${viewerEmail}`)).toContainText("one-time password");

  // The viewer signs in with the one-time password and must choose their own first.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, viewerEmail, oneTime);
  await expect(viewer).toHaveURL(/\/account\/password/);
  await viewer.getByLabel("Current password").fill(oneTime);
  await viewer.getByLabel("New password", { exact: true }).fill("viewer-password-123");
  await viewer.getByLabel("Repeat the new password").fill("viewer-password-123");
  await viewer.getByRole("button", { name: "Change password" }).click();
  await expect(viewer).toHaveURL(/reason=password_changed/);
  await signIn(viewer, viewerEmail, "viewer-password-123");
  await expect(viewer.getByTestId("current-user")).toHaveText(viewerEmail);

  await viewer.goto("/instances");
  await expect(viewer.getByTestId(`instance-row-${name}`)).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Add instance" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: `Delete ${name}` })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: `Edit ${name}` })).toHaveCount(0);
  await expect(viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  // Live health is for everyone; starting polls ("Refresh all", "Refresh now") is for operators and admins.
  await viewer.goto(`/?q=${name}`);
  await expect(viewer.getByTestId(`fleet-row-${name}`)).toBeVisible();
  await expect(viewer.getByTestId("refresh-all")).toHaveCount(0);
  await viewer.goto(`/instances/${id}`);
  await expect(viewer.getByTestId("instance-health")).toBeVisible();
  await expect(viewer.getByTestId("refresh-now")).toHaveCount(0);
  await viewer.goto("/instances/new");
  await expect(viewer.getByText("You do not have access to this page")).toBeVisible();
  await viewer.goto("/users");
  await expect(viewer.getByText("You do not have access to this page")).toBeVisible();

  // Called directly, with the viewer's session, the admin-only actions are refused and change nothing.
  const sneaky = unique("sneaky");
  const createAnswer = await replay(viewer, create, {
    name: sneaky,
    environment: "staging",
    labels: "",
    baseUrl: "https://127.0.0.1:9/x",
    username: "a",
    secret: "b",
    caBundle: "",
    skipTlsVerify: false,
    deploymentMode: "helm",
    description: "",
  });
  expect(createAnswer).toContain("This needs the admin role");
  expect(await query('select 1 from "HarborInstance" where name = $1', [sneaky])).toHaveLength(0);

  // The delete action's id comes from the admin really deleting a scratch instance.
  const deleteCall = captureAction(page);
  const scratch = unique("scratch");
  await query(
    `insert into "HarborInstance" (id, name, environment, "baseUrl", username, "secretCipher", "deploymentMode", "updatedAt") values (gen_random_uuid(), $1, 'other', 'https://127.0.0.1:9/s', 'u', 'v1.x.x.x.x', 'helm', now())`,
    [scratch],
  );
  await page.goto("/instances");
  await page.getByRole("button", { name: `Delete ${scratch}` }).click();
  await page
    .getByRole("alertdialog")
    .getByRole("button", { name: `Delete ${scratch}` })
    .click();
  const del = await deleteCall;
  const deleteAnswer = await replay(viewer, del, { id, name });
  expect(deleteAnswer).toContain("This needs the admin role");
  expect(await query('select 1 from "HarborInstance" where id = $1', [id])).toHaveLength(1);

  // Disabling the viewer ends their session at the next request.
  const liveBefore = await viewer.request.get(`/api/fleet?q=${encodeURIComponent(name)}`, { maxRedirects: 0 });
  expect(liveBefore.status()).toBe(200);
  expect(await liveBefore.text()).toContain(name);
  await page.goto("/users");
  await page.getByTestId(`user-row-${viewerEmail}`).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId(`user-row-${viewerEmail}`)).toContainText("disabled");
  // The fleet's live endpoint (which reads while it checks the user) answers the still-valid token with nothing.
  const live = await viewer.request.get(`/api/fleet?q=${encodeURIComponent(name)}`, { maxRedirects: 0 });
  expect(live.status()).toBe(401);
  expect(await live.text()).not.toContain(name);
  await viewer.goto("/instances");
  await expect(viewer).toHaveURL(/\/login/);
  await signIn(viewer, viewerEmail, "viewer-password-123");
  await expect(viewer.getByTestId("login-error")).toHaveText("Invalid email or password.");
  await viewerContext.close();
});
