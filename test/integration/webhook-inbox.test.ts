/**
 * The failed-delivery inbox (issue #13): each inventory refresh keeps the newest failed deliveries of each policy
 * (bounded), replaces them with the policy's row, and the inbox filters them by instance, project, policy, event and
 * time; a policy whose last WEBHOOK_FLAG_STREAK deliveries failed is flagged there and counted on its fleet row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { countFlaggedPolicies, listFailedDeliveries } from "@/lib/fleet/webhooks/failed-deliveries";
import { refreshWebhookInventory } from "@/lib/fleet/webhooks/inventory";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";
import { registerWebhookFleet } from "@/test/support/webhook-fleet";

const actor = { id: null, email: "webhook-inbox@example.com" };
const suffix = Math.random().toString(36).slice(2, 7);

// The simulator's history: three deliveries per policy, 1–3 hours before it started; the middle one always fails,
// all three with receiverDown.
const FLEET: SimInstanceSpec[] = [
  {
    id: "inbox-215",
    version: "2.15.2",
    projects: [{ name: "payments" }, { name: "web" }],
    policies: [
      {
        project: "payments",
        name: `siem-${suffix}`,
        eventTypes: ["PUSH_ARTIFACT"],
        targets: [{ type: "http", address: "https://siem.example.com:8443/ingest?token=q" }],
        receiverDown: true,
      },
      {
        project: "web",
        name: `chat-${suffix}`,
        eventTypes: ["DELETE_ARTIFACT"],
        targets: [{ type: "http", address: "https://chat.example.com/hook/s3cret-path" }],
      },
    ],
  },
  {
    id: "inbox-110",
    version: "1.10.19",
    projects: [{ name: "platform" }],
    policies: [
      { project: "platform", name: `jenkins-${suffix}`, eventTypes: ["pushImage"], targets: [{ type: "http", address: "https://jenkins.example.com/hook" }] },
    ],
  },
];

let sim: HarborSim;
const ids: Record<string, string> = {};
const inbox = (p: Parameters<typeof listFailedDeliveries>[0], now?: Date) => listFailedDeliveries(p, { viewer: false, now });
const mine = <T extends { policyName: string }>(rows: T[]) => rows.filter((r) => r.policyName.endsWith(suffix));

beforeAll(async () => {
  sim = await startHarborSim({ instances: FLEET });
  Object.assign(ids, await registerWebhookFleet(sim, FLEET, { prefix: "inbox", suffix, actor, requestId: "webhook-inbox-test", refresh: true }));
}, 60_000);
afterAll(() => sim?.stop());

describe("the failed-delivery inbox", () => {
  it("keeps each policy's failed deliveries, target hosts only, and flags the policy whose last 3 failed", async () => {
    const all = await inbox({});
    const rows = mine(all.rows);
    const count = (name: string) => rows.filter((r) => r.policyName === `${name}-${suffix}`).length;
    expect([count("siem"), count("chat"), count("jenkins")]).toEqual([3, 1, 1]);
    const siem = rows.find((r) => r.policyName === `siem-${suffix}`)!;
    expect(siem).toMatchObject({
      instanceName: `inbox-inbox-215-${suffix}`,
      projectName: "payments",
      status: "Error",
      message: "http status code 503, expected 2xx",
      event: "Artifact pushed",
      targets: ["siem.example.com:8443"],
      failingStreak: 3,
      flagged: true,
    });
    expect(rows.find((r) => r.policyName === `chat-${suffix}`)).toMatchObject({ flagged: false, failingStreak: 0 });
    // newest first
    const times = rows.map((r) => r.at ?? "");
    expect([...times].sort().reverse()).toEqual(times);
    expect(mine(all.flagged).map((f) => f.policyName)).toEqual([`siem-${suffix}`]);
    expect(JSON.stringify(all)).not.toMatch(/token=q|s3cret-path/);
    expect(all.events.map((e) => e.value)).toEqual(expect.arrayContaining(["PUSH_ARTIFACT", "DELETE_ARTIFACT", "pushImage"]));
  });

  it("a viewer reads Harbor's messages with every URL reduced to its origin; an operator reads them whole", async () => {
    const f = await db.webhookFailedDelivery.findFirstOrThrow({ where: { entry: { name: `chat-${suffix}` } } });
    await db.webhookFailedDelivery.update({ where: { id: f.id }, data: { message: "Post https://chat.example.com/hook/s3cret-path: dial tcp: i/o timeout" } });
    const msg = async (viewer: boolean) => (await listFailedDeliveries({ policy: `chat-${suffix}` }, { viewer })).rows[0].message;
    expect(await msg(true)).toBe("Post https://chat.example.com/…: dial tcp: i/o timeout");
    expect(await msg(false)).toContain("s3cret-path");
  });

  it("filters by instance, project, policy, event and time", async () => {
    const byInstance = await inbox({ instance: ids["inbox-110"] });
    expect(byInstance.rows.map((r) => r.policyName)).toEqual([`jenkins-${suffix}`]);
    expect(byInstance.flagged).toEqual([]);
    expect(mine((await inbox({ project: "WEB" })).rows).map((r) => r.policyName)).toEqual([`chat-${suffix}`]);
    const byPolicy = await inbox({ policy: `siem-${suffix}` });
    expect(byPolicy.total).toBe(3);
    expect(byPolicy.flagged).toHaveLength(1);
    expect(mine((await inbox({ event: "pushImage" })).rows).map((r) => r.policyName)).toEqual([`jenkins-${suffix}`]);
    // The simulated deliveries are 1–3 hours old.
    expect(mine((await inbox({ since: "1h" })).rows)).toEqual([]);
    expect(mine((await inbox({ since: "24h" })).rows)).toHaveLength(5);
    const later = new Date(Date.now() + 2 * 24 * 3_600_000);
    expect(mine((await inbox({ since: "24h" }, later)).rows)).toEqual([]);
  });

  it("the fleet row counts the instance's flagged policies", async () => {
    expect((await getFleetRow(ids["inbox-215"]))?.failingWebhooks).toBe(1);
    expect((await getFleetRow(ids["inbox-110"]))?.failingWebhooks).toBe(0);
    expect(await countFlaggedPolicies()).toBeGreaterThanOrEqual(1);
  });

  it("a refresh replaces the failures with their policy; a recovered receiver leaves the inbox and the flag", async () => {
    const siemEntry = await db.webhookInventoryEntry.findFirstOrThrow({ where: { instanceId: ids["inbox-215"], name: `siem-${suffix}` } });
    await db.webhookInventoryEntry.update({ where: { id: siemEntry.id }, data: { failingStreak: 0 } });
    expect((await getFleetRow(ids["inbox-215"]))?.failingWebhooks).toBe(0);
    expect((await refreshWebhookInventory({ instanceId: ids["inbox-215"] })).ok).toBe(true);
    // Same failures again, not duplicated; the old rows went with their entry.
    expect((await inbox({ instance: ids["inbox-215"] })).total).toBe(4);
    expect(await db.webhookFailedDelivery.count({ where: { entryId: siemEntry.id } })).toBe(0);
    expect((await getFleetRow(ids["inbox-215"]))?.failingWebhooks).toBe(1);
    await db.harborInstance.delete({ where: { id: ids["inbox-110"] } });
    expect(mine((await inbox({ event: "pushImage" })).rows)).toEqual([]);
  });
});
