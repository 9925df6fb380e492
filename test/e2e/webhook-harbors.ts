/**
 * What the webhook specs (webhooks-*.spec.ts) share: Harbors 1.10, 2.5 and 2.15 and one whose receiver is down, on a
 * simulator each spec starts for itself (policies it edits, creates or deletes are its own), registered in the console,
 * and the checks the specs make of the forms and pages.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { startHarborSim, type SimInstanceSpec } from "../harbor-sim";
import { DESKTOP, query, registerInstance, signInAsAdmin, unique } from "./helpers";

export const SECRET = "e2e-hook-s3cret";

/** Harbors 1.10, 2.5 and 2.15 with a public project, one named like a number, and a policy on "platform". */
export function webhookInstances(): SimInstanceSpec[] {
  const projects = [
    { name: "library", public: true, repoCount: 4 },
    { name: "2024", repoCount: 2 },
    { name: "platform", repoCount: 9 },
  ];
  const target = (host: string) => ({ type: "http" as const, address: `https://ci.${host}.example.com/hook`, authHeader: "Bearer e2e-hook-s3cret" });
  return [
    {
      id: "e2e-wh-110",
      version: "1.10.19",
      projects,
      policies: [{ project: "platform", name: "policy_1", eventTypes: ["pushImage"], targets: [target("v110")] }],
    },
    {
      id: "e2e-wh-25",
      version: "2.5.6",
      projects,
      policies: [{ project: "platform", name: "deploy-trigger", eventTypes: ["PUSH_ARTIFACT"], targets: [target("v25")] }],
    },
    {
      id: "e2e-wh-215",
      version: "2.15.2",
      projects,
      policies: [{ project: "platform", name: "deploy-trigger", eventTypes: ["PUSH_ARTIFACT"], targets: [target("v215")] }],
    },
    // the failed-delivery inbox: a receiver that is down (every delivery failed) beside one that failed once
    {
      id: "e2e-wh-down",
      version: "2.15.2",
      projects: [{ name: "payments" }, { name: "web" }],
      policies: [
        {
          project: "payments",
          name: "siem-down",
          eventTypes: ["PUSH_ARTIFACT"],
          targets: [{ type: "http", address: "https://siem.down.example.com/ingest?token=e2e-path-token" }],
          receiverDown: true,
        },
        { project: "web", name: "chat-flaky", eventTypes: ["DELETE_ARTIFACT"], targets: [{ type: "http", address: "https://chat.example.com/hook" }] },
      ],
    },
  ];
}

type Harbor = "v110" | "v25" | "v215" | "down";
const simIds: Record<Harbor, string> = { v110: "e2e-wh-110", v25: "e2e-wh-25", v215: "e2e-wh-215", down: "e2e-wh-down" };
const names: Record<Harbor, string> = { v110: "wh-110", v25: "wh-25", v215: "wh-215", down: "wh-down" };

/**
 * Starts the webhook Harbors and registers the ones asked for (as an admin, labelled suite=webhooks) into `ids`;
 * returns the simulator's stop.
 */
export async function setUpWebhookHarbors(browser: Browser, ids: Partial<Record<Harbor, string>>, which: Harbor[]) {
  const sim = await startHarborSim({ instances: webhookInstances() });
  const page = await browser.newPage({ viewport: DESKTOP });
  await signInAsAdmin(page);
  for (const h of which) {
    ids[h] = await registerInstance(page, { name: unique(names[h]), url: sim.get(simIds[h]).baseUrl, labels: "suite=webhooks" });
  }
  await page.close();
  return () => sim.stop();
}

/** Reads an instance's webhook policies into the console's inventory (what the inbox lists), as an admin. */
export async function refreshWebhookInventory(browser: Browser, id: string) {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signInAsAdmin(page);
  const [{ name }] = await query<{ name: string }>(`select name from "HarborInstance" where id = $1`, [id]);
  await page.goto("/webhooks");
  await page.getByRole("button", { name: `Refresh webhooks of ${name}` }).click();
  await expect(page.getByTestId(`inventory-instance-${name}`).getByRole("status")).toContainText(/polic(y|ies) read/);
  await page.close();
}

export const webhooksOf = (id: string, project = "platform") => `/instances/${id}/projects/${project}/webhooks`;

export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The checkbox labels of the form's event list. */
export async function offeredEvents(page: Page): Promise<string[]> {
  await expect(page.getByTestId("event-types").locator("input[type=checkbox]").first()).toBeVisible();
  return page
    .getByTestId("event-types")
    .locator("input[type=checkbox]")
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

export async function targetTypes(page: Page): Promise<string[]> {
  return page
    .getByLabel("Target 1 type")
    .locator("option")
    .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
}
