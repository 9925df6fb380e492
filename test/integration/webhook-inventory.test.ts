/**
 * The fleet's webhook inventory: refreshed per instance (on demand) and for the instances due (the collector's
 * share), read without secrets (target hosts only), searchable, failing streaks counted, and a failed refresh keeps
 * the last rows marked stale — one dead Harbor never holds up the others.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ALREADY_RUNNING, refreshDueInventories, refreshWebhookInventory } from "@/lib/fleet/webhooks/inventory";
import { getProjectWebhooks } from "@/lib/fleet/webhooks/policies";
import { isStale, listWebhookInventory } from "@/lib/fleet/webhooks/inventory-list";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";
import { registerWebhookFleet } from "@/test/support/webhook-fleet";

const actor = { id: null, email: "webhook-inventory@example.com" };
const suffix = Math.random().toString(36).slice(2, 7);
const SLACK = "https://hooks.slack.com/services/T0/B0/sl4ck-t0ken";

const FLEET: SimInstanceSpec[] = [
  {
    id: "inv-215",
    version: "2.15.2",
    projects: [{ name: "library", public: true }, { name: "payments" }],
    policies: [
      { project: "payments", name: `alerts-${suffix}`, eventTypes: ["SCANNING_FAILED"], targets: [{ type: "slack", address: SLACK }] },
      {
        project: "payments",
        name: `siem-${suffix}`,
        eventTypes: ["PUSH_ARTIFACT"],
        targets: [{ type: "http", address: "https://siem.example.com:8443/ingest?token=q", authHeader: "Bearer inv-s3cret" }],
        receiverDown: true,
      },
    ],
  },
  {
    id: "inv-110",
    version: "1.10.19",
    projects: [{ name: "platform" }],
    policies: [
      { project: "platform", name: `jenkins-${suffix}`, eventTypes: ["pushImage"], targets: [{ type: "http", address: "https://jenkins.example.com/hook" }] },
    ],
  },
];

let sim: HarborSim;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sim = await startHarborSim({ instances: FLEET, record: true });
  Object.assign(ids, await registerWebhookFleet(sim, FLEET, { prefix: "inv", suffix, actor, requestId: "webhook-inventory-test" }));
}, 60_000);
afterAll(() => sim?.stop());

describe("the webhook inventory", () => {
  it("reads every policy of every project, with target hosts only, the last delivery and the failing streak", async () => {
    const r = await refreshWebhookInventory({ instanceId: ids["inv-215"] });
    expect(r).toMatchObject({ ok: true, policies: 2, error: null });
    const rows = await db.webhookInventoryEntry.findMany({ where: { instanceId: ids["inv-215"] }, orderBy: { name: "asc" } });
    expect(rows.map((x) => x.name)).toEqual([`alerts-${suffix}`, `siem-${suffix}`]);
    expect(rows[0]).toMatchObject({
      projectName: "payments",
      targetTypes: ["slack"],
      targetHosts: ["hooks.slack.com"],
      payloadFormats: [""],
      lastDeliveryOk: true,
      failingStreak: 0,
    });
    expect(rows[1]).toMatchObject({
      targetHosts: ["siem.example.com:8443"],
      payloadFormats: ["Default"],
      lastDeliveryOk: false,
      lastDeliveryStatus: "Error",
      failingStreak: 3,
    });
    expect(JSON.stringify(rows)).not.toMatch(/sl4ck-t0ken|inv-s3cret|token=q/);
  });

  it("1.x too (jobs instead of executions), and the page searches by instance, project, policy and host, or failing only", async () => {
    expect(await refreshWebhookInventory({ instanceId: ids["inv-110"] })).toMatchObject({ ok: true, policies: 1 });
    const byProject = await listWebhookInventory({ q: "platform" });
    expect(byProject.rows.filter((r) => r.name.endsWith(suffix)).map((r) => r.name)).toEqual([`jenkins-${suffix}`]);
    expect(byProject.rows[0]).toMatchObject({
      events: ["Artifact pushed"],
      targets: [{ host: "jenkins.example.com", type: "http", format: null }],
      stale: false,
    });
    expect((await listWebhookInventory({ q: "hooks.slack.com" })).rows.map((r) => r.name)).toContain(`alerts-${suffix}`);
    expect((await listWebhookInventory({ q: `inv-inv-215-${suffix}` })).total).toBe(2);
    const failing = await listWebhookInventory({ failing: "1" });
    expect(failing.rows.filter((r) => r.name.endsWith(suffix)).map((r) => r.name)).toEqual([`siem-${suffix}`]);
  });

  it("a failed refresh keeps the last rows, marked stale with the reason; the others are refreshed regardless", async () => {
    sim.setFaults("inv-215", { down: true });
    await sim.settled?.("inv-215");
    try {
      const r = await refreshWebhookInventory({ instanceId: ids["inv-215"] });
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/refused|reach/i);
      const page = await listWebhookInventory({ q: `siem-${suffix}` });
      expect(page.rows).toHaveLength(1);
      expect(page.rows[0].stale).toBe(true);
      const inst = page.instances.find((i) => i.id === ids["inv-215"])!;
      expect(inst).toMatchObject({ stale: true, policyCount: 2 });
      expect(inst.error).toBeTruthy();

      // The collector's share: only instances older than the cadence; the dead one fails alone.
      await db.webhookInventoryRefresh.updateMany({
        where: { instanceId: { in: [ids["inv-215"], ids["inv-110"]] } },
        data: { attemptedAt: new Date(Date.now() - 20 * 60_000) },
      });
      const only = Object.values(ids);
      const mine = await refreshDueInventories({ minutes: 15, only });
      expect(mine.map((x) => [x.instanceId === ids["inv-110"] ? "110" : "215", x.ok]).sort()).toEqual([
        ["110", true],
        ["215", false],
      ]);
      // Both were just attempted: neither is due again within the cadence.
      expect(await refreshDueInventories({ minutes: 15, only })).toEqual([]);
    } finally {
      sim.setFaults("inv-215", {});
      await sim.settled?.("inv-215");
    }
    expect((await refreshWebhookInventory({ instanceId: ids["inv-215"] })).ok).toBe(true);
    expect((await listWebhookInventory({ q: `siem-${suffix}` })).rows[0].stale).toBe(false);
  });

  it("stops at the per-refresh cap of policies and says so (review F7)", async () => {
    const r = await refreshWebhookInventory({ instanceId: ids["inv-215"], maxPolicies: 1 });
    expect(r).toMatchObject({ ok: true, policies: 1, truncated: true });
    expect(await db.webhookInventoryEntry.count({ where: { instanceId: ids["inv-215"] } })).toBe(1);
    const inst = (await listWebhookInventory({})).instances.find((i) => i.id === ids["inv-215"])!;
    expect(inst).toMatchObject({ policyCount: 1, truncated: true, running: false });
    expect(await refreshWebhookInventory({ instanceId: ids["inv-215"] })).toMatchObject({ ok: true, policies: 2, truncated: false });
    expect((await listWebhookInventory({})).instances.find((i) => i.id === ids["inv-215"])).toMatchObject({ policyCount: 2, truncated: false });
  });

  it("runs one refresh per instance at a time; a second answers 'already running' and records nothing (review F7)", async () => {
    const both = await Promise.all([refreshWebhookInventory({ instanceId: ids["inv-215"] }), refreshWebhookInventory({ instanceId: ids["inv-215"] })]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
    const busy = both.find((r) => !r.ok)!;
    expect(busy).toMatchObject({ alreadyRunning: true, error: ALREADY_RUNNING });
    const row = await db.webhookInventoryRefresh.findUniqueOrThrow({ where: { instanceId: ids["inv-215"] } });
    expect(row).toMatchObject({ error: null, runningSince: null, policyCount: 2 });
    // A mark left by a refresh that died with its process expires.
    await db.webhookInventoryRefresh.update({ where: { instanceId: ids["inv-215"] }, data: { runningSince: new Date(Date.now() - 5 * 60_000) } });
    expect(await refreshWebhookInventory({ instanceId: ids["inv-215"] })).toMatchObject({ ok: false, alreadyRunning: true });
    await db.webhookInventoryRefresh.update({ where: { instanceId: ids["inv-215"] }, data: { runningSince: new Date(Date.now() - 20 * 60_000) } });
    expect(await refreshWebhookInventory({ instanceId: ids["inv-215"] })).toMatchObject({ ok: true, policies: 2 });
  });

  it("a project's page reads the last delivery of a bounded number of policies (review F7)", async () => {
    const executions = () => sim.exchanges.filter((x) => x.instanceId === "inv-215" && x.path.endsWith("/executions")).length;
    const before = executions();
    const r = await getProjectWebhooks({ instanceId: ids["inv-215"], project: "payments", maxDeliveryLookups: 1 });
    if (!r.ok) expect.fail(r.error);
    expect(executions() - before).toBe(1);
    expect(r.policies.map((p) => p.name)).toEqual([`alerts-${suffix}`, `siem-${suffix}`]);
    expect(r.policies[0]).toMatchObject({ lastDeliveryError: null });
    expect(r.policies[0].lastDelivery).not.toBeNull();
    expect(r.policies[1]).toMatchObject({ lastDelivery: null });
    expect(r.policies[1].lastDeliveryError).toMatch(/^Not read: the page reads the last delivery of the first 1 policies only/);
  });

  it("stale means: the latest refresh failed, or the last success is older than twice the cadence", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(isStale(null, 15, now)).toBe(true);
    expect(isStale({ succeededAt: new Date("2026-01-01T11:40:00Z"), error: null }, 15, now)).toBe(false);
    expect(isStale({ succeededAt: new Date("2026-01-01T11:29:00Z"), error: null }, 15, now)).toBe(true);
    expect(isStale({ succeededAt: new Date("2026-01-01T11:59:00Z"), error: "down" }, 15, now)).toBe(true);
  });
});
