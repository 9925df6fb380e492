import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/security/password";

export const admin = () => ({ email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAsAdmin(page: Page) {
  const a = admin();
  await signIn(page, a.email, a.password);
  await expect(page.getByTestId("current-user")).toHaveText(a.email);
}

/** Reads the console's database directly, to check what the browser cannot see. */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 7)}`;

/**
 * Signs in through the real sign-in endpoint without a page (next-auth's CSRF token, then the credentials
 * callback); the context keeps the session cookie. Returns the callback's final URL (it carries ?error= on refusal).
 */
export async function apiSignIn(request: APIRequestContext, email: string, password: string): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/", json: "true" },
    maxRedirects: 0,
  });
  return res.headers()["location"] ?? (await res.text());
}

/** A local user with a known password and no one-time password to change, made directly in the database. */
export async function makeUser(role: "viewer" | "operator" | "admin", password: string): Promise<{ id: string; email: string }> {
  const email = `${unique(role)}@e2e.test`;
  const [row] = await query<{ id: string }>(
    `insert into "User" (id, email, name, role, "passwordHash", "updatedAt") values (gen_random_uuid(), $1, $2, $3::"Role", $4, now()) returning id`,
    [email, `${role} for tests`, role, await hashPassword(password)],
  );
  return { id: row.id, email };
}

/** The viewports the layout is checked at: a phone (iPhone 12–15) and a laptop screen. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/**
 * Registers an instance through the form (as an admin) and returns its id. Defaults: the simulated Harbor 2.0.6
 * (reachable, so the collector fills the fleet page's charts).
 */
export async function registerInstance(page: Page, opts: { name: string; url?: string; labels?: string }): Promise<string> {
  await page.goto("/instances/new");
  await page.getByLabel("Name", { exact: true }).fill(opts.name);
  await page.getByLabel("Environment").selectOption("staging");
  await page.getByLabel("Labels").fill(opts.labels ?? "suite=a11y");
  await page.getByLabel("Deployment").selectOption("docker_compose");
  await page.getByLabel("Harbor URL").fill(opts.url ?? process.env.E2E_SIM_OLD_URL!);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password or robot secret").fill("Harbor12345");
  await page.getByRole("button", { name: "Add instance" }).click();
  await expect(page.getByRole("heading", { name: opts.name, level: 1 })).toBeVisible();
  const [{ id }] = await query<{ id: string }>('select id::text as id from "HarborInstance" where name = $1', [opts.name]);
  return id;
}

/**
 * Saves a valid one-node topology (docker-compose) as the instance's first revision, on the version the registered
 * simulator runs (2.0.6): once the collector reaches it the instance is running, and another line would be refused as
 * an upgrade to plan.
 */
export async function saveOneNodeTopology(page: Page, instanceId: string): Promise<void> {
  const field = (name: string) => page.locator(`[data-field="${name}"]`);
  await openSettled(page, `/instances/${instanceId}/topology`);
  await field("harborVersion").selectOption("2.0.6");
  await field("access.hostname").fill("harbor.a11y.example");
  await field("adminPassword").fill("Initial-Admin-Pw-1");
  await field("database.password").fill("Db-Password-a11y-1");
  await field("deployment.nodes.0.address").fill("10.0.0.11");
  await page.getByRole("button", { name: "Save first revision" }).click();
  await expect(page.getByText("Saved revision 1")).toBeVisible();
}

/** Every signed-in page an admin can reach, for an instance that has a topology. */
export function consolePages(instanceId: string): { name: string; path: string }[] {
  return [
    { name: "fleet", path: "/" },
    { name: "instances", path: "/instances" },
    { name: "instance", path: `/instances/${instanceId}` },
    { name: "topology", path: `/instances/${instanceId}/topology` },
    { name: "config", path: `/instances/${instanceId}/config` },
    { name: "edit instance", path: `/instances/${instanceId}/edit` },
    { name: "new instance", path: "/instances/new" },
    { name: "users", path: "/users" },
    { name: "audit", path: "/audit" },
    { name: "settings", path: "/settings" },
    { name: "upgrades", path: "/upgrades" },
    { name: "plan an upgrade", path: `/upgrades/new?instance=${instanceId}` },
    { name: "webhooks", path: "/webhooks" },
    { name: "change password", path: "/account/password" },
  ];
}

/** Opens a page and waits until it has settled (scripts run, charts drawn, first live refresh answered). */
export async function openSettled(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

/**
 * How far the page scrolls sideways (0 when it fits the window, 1 px of rounding allowed), and which elements stick
 * out past its right edge (the innermost ones, outside any box that scrolls by itself).
 */
export async function sidewaysOverflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const by = Math.max(0, document.documentElement.scrollWidth - width - 1);
    if (!by) return { by, culprits: [] };
    const clips = (el: Element) => el !== document.body && ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
    // An absolutely positioned element is clipped only by its containing block and what contains that.
    const inClippingBox = (el: Element) => {
      const abs = ["absolute", "fixed"].includes(getComputedStyle(el).position);
      const containingBlock = abs ? (el as HTMLElement).offsetParent : null;
      let reached = !abs;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (p === containingBlock) reached = true;
        if (reached && clips(p)) return true;
      }
      return false;
    };
    const out = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > width + 1 && !inClippingBox(el));
    const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    const culprits = innermost.slice(0, 6).map((el) => {
      const cls = typeof el.className === "string" ? el.className.split(/\s+/).slice(0, 6).join(".") : "";
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls ? `.${cls}` : ""} (right ${Math.round(el.getBoundingClientRect().right)}) "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    });
    return { by, culprits };
  });
}
