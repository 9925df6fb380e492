/**
 * Upgrade plans against a real PostgreSQL and the Harbor simulator: create, edit, cancel, pre-flight; concurrent
 * edits refused; every state change audited; viewers refused at the action.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { cancelUpgradePlan, createUpgradePlan, getUpgradePlan, updateUpgradePlan } from "@/lib/fleet/upgrade-plans";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { session } from "../support/mock-auth";
import { instanceOnSim } from "../support/upgrade-fixture";

// Server actions read the session through lib/auth; here the test decides who is signed in.
vi.mock("@/lib/auth", () => import("../support/mock-auth"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const alice = { id: null, email: "alice@example.com" };
const bob = { id: null, email: "bob@example.com" };
let sim: HarborSim;

const newInstance = (simId: string, opts: { version?: string | null; secret?: string } = {}) =>
  instanceOnSim(sim, simId, { prefix: `upg-${simId}`, actor: alice, ...opts });

const audits = (planId: string) =>
  db.auditEvent.findMany({
    where: { action: { startsWith: "upgrade_plan." }, after: { path: ["planId"], equals: planId } },
    orderBy: { id: "asc" },
    select: { action: true, actorEmail: true, before: true, after: true },
  });

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "old", version: "2.0.6" },
      { id: "sick", version: "2.11.2", unhealthy: { redis: "dial tcp 10.0.0.7:6379: connect: connection refused" } },
      { id: "gc", version: "2.12.4", gcRunning: true },
      { id: "replicating", version: "1.10.19", replicationRunning: true },
      { id: "full", version: "2.12.4", volumes: { total: 100 * 2 ** 30, free: 2 * 2 ** 30 } },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});

describe("upgrade plans", () => {
  it("a new plan runs from the live version along the planner's path, as a draft, audited", async () => {
    const instanceId = await newInstance("old");
    const plan = await createUpgradePlan({ instanceId, target: "2.6.4", actor: alice, requestId: "r1" });
    expect(plan).toMatchObject({ fromVersion: "2.0.6", targetVersion: "2.6.4", path: ["2.4.3", "2.6.4"], state: "draft", version: 1, createdBy: alice.email });
    const rows = await audits(plan.id);
    expect(rows.map((r) => [r.action, r.actorEmail])).toEqual([["upgrade_plan.create", alice.email]]);
    expect(rows[0].after).toMatchObject({ state: "draft", path: ["2.4.3", "2.6.4"] });
  });

  it.each([
    ["2.0.6", /already runs 2\.0\.6/],
    ["2.0.5", /not an upgrade/],
    ["2.16.0", /not a known final release/],
  ])("target %s is refused at the target field", async (target, message) => {
    const instanceId = await newInstance("old");
    const err = await createUpgradePlan({ instanceId, target, actor: alice, requestId: "r" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation", fieldErrors: { target: [expect.stringMatching(message)] } });
    expect(await db.upgradePlan.count({ where: { instanceId } })).toBe(0);
  });

  it("an instance whose version was never detected cannot be planned yet", async () => {
    const instanceId = await newInstance("old", { version: null });
    await expect(createUpgradePlan({ instanceId, target: "2.6.4", actor: alice, requestId: "r" })).rejects.toMatchObject({
      fieldErrors: { target: [expect.stringMatching(/Re-check now/)] },
    });
  });

  it("two operators editing the same version: one wins, the other gets a conflict naming who changed it; nothing is overwritten", async () => {
    const instanceId = await newInstance("old");
    const plan = await createUpgradePlan({ instanceId, target: "2.6.4", actor: alice, requestId: "r" });
    const results = await Promise.allSettled([
      updateUpgradePlan({ planId: plan.id, version: 1, target: "2.8.6", actor: alice, requestId: "a" }),
      updateUpgradePlan({ planId: plan.id, version: 1, target: "2.4.3", actor: bob, requestId: "b" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "conflict" });
    expect(String(lost[0].reason.message)).toMatch(/changed this plan|same moment/);
    const stored = (await getUpgradePlan(plan.id))!;
    expect(stored.version).toBe(2);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof updateUpgradePlan>>>).value;
    expect(stored.targetVersion).toBe(winner.targetVersion);
    expect((await audits(plan.id)).map((r) => r.action)).toEqual(["upgrade_plan.create", "upgrade_plan.update"]);

    // a stale version later is refused too, with the name of who changed it
    await expect(updateUpgradePlan({ planId: plan.id, version: 1, target: "2.8.6", actor: bob, requestId: "c" })).rejects.toThrow(new RegExp(winner.updatedBy));
  });

  it("a cancelled plan can no longer be edited or pre-flighted; each change is one audit row with before and after", async () => {
    const instanceId = await newInstance("old");
    const plan = await createUpgradePlan({ instanceId, target: "2.6.4", actor: alice, requestId: "r" });
    const edited = await updateUpgradePlan({ planId: plan.id, version: 1, target: "2.8.6", actor: bob, requestId: "r" });
    expect(edited).toMatchObject({ path: ["2.4.3", "2.6.4", "2.8.6"], state: "draft", version: 2, updatedBy: bob.email });
    const cancelled = await cancelUpgradePlan({ planId: plan.id, version: 2, actor: alice, requestId: "r" });
    expect(cancelled.state).toBe("cancelled");
    await expect(updateUpgradePlan({ planId: plan.id, version: 3, target: "2.6.4", actor: alice, requestId: "r" })).rejects.toMatchObject({
      code: "validation",
    });
    const rows = await audits(plan.id);
    expect(rows.map((r) => r.action)).toEqual(["upgrade_plan.create", "upgrade_plan.update", "upgrade_plan.cancel"]);
    expect(rows[1].before).toMatchObject({ targetVersion: "2.6.4", version: 1 });
    expect(rows[1].after).toMatchObject({ targetVersion: "2.8.6", version: 2 });
    expect(rows[2].after).toMatchObject({ state: "cancelled" });
  });
});

describe("upgrade plan actions", () => {
  it("viewers cannot create, edit, cancel or pre-flight; operators can, and pre-flight asks Harbor live", async () => {
    const { createUpgradePlanAction, runPreflightAction, updateUpgradePlanAction, cancelUpgradePlanAction } = await import("@/lib/actions/upgrades");
    const instanceId = await newInstance("old");
    session.user = { id: "00000000-0000-4000-8000-000000000001", email: "viewer@example.com", role: "viewer", mustChangePassword: false };
    expect(await createUpgradePlanAction({ instanceId, target: "2.6.4" })).toMatchObject({ code: "forbidden" });
    expect(await db.upgradePlan.count({ where: { instanceId } })).toBe(0);

    session.user = { ...session.user, email: "op@example.com", role: "operator", id: null as unknown as string };
    expect(await createUpgradePlanAction({ instanceId, target: "nope" })).toMatchObject({ validationErrors: { target: [expect.any(String)] } });
    const made = await createUpgradePlanAction({ instanceId, target: "2.6.4" });
    if (!("data" in made)) throw new Error(JSON.stringify(made));
    const planId = made.data.id;

    session.user = { ...session.user, role: "viewer" };
    for (const call of [
      () => updateUpgradePlanAction({ planId, version: 1, target: "2.8.6" }),
      () => cancelUpgradePlanAction({ planId, version: 1 }),
      () => runPreflightAction({ planId, version: 1 }),
    ]) {
      expect(await call()).toMatchObject({ code: "forbidden" });
    }
    expect((await getUpgradePlan(planId))!.version).toBe(1);

    session.user = { ...session.user, role: "operator" };
    const pre = await runPreflightAction({ planId, version: 1 });
    if (!("data" in pre)) throw new Error(JSON.stringify(pre));
    expect(pre.data.state).toBe("ready");
    const byId = Object.fromEntries(pre.data.preflight!.checks.map((c) => [c.id, c.status]));
    expect(byId).toEqual({
      reachable: "pass",
      credentials: "pass",
      version: "pass",
      health: "pass",
      "read-only": "cannot-check",
      gc: "pass",
      replication: "pass",
      storage: "pass",
      "scan-all": "pass",
    });
    // 2.0's systeminfo has no read_only: the operator confirms it, as the evidence says
    expect(pre.data.preflight!.checks.find((c) => c.id === "read-only")!.evidence).toMatch(/does not say whether Harbor is read-only/);
    expect((await audits(planId)).map((r) => r.action)).toEqual(["upgrade_plan.create", "upgrade_plan.preflight"]);
    expect(await db.auditEvent.count({ where: { action: "instance.preflight", targetId: instanceId } })).toBe(1);
  });

  it("pre-flight blocks on an unhealthy component, a version that moved, a running GC, a full disk, and a refused credential (never a pass)", async () => {
    const { createUpgradePlanAction, runPreflightAction } = await import("@/lib/actions/upgrades");
    session.user = { id: null as unknown as string, email: "op@example.com", role: "operator", mustChangePassword: false };
    const run = async (instanceId: string, afterCreate?: () => Promise<void>) => {
      const made = await createUpgradePlanAction({ instanceId, target: "2.15.2" });
      if (!("data" in made)) throw new Error(JSON.stringify(made));
      await afterCreate?.();
      const pre = await runPreflightAction({ planId: made.data.id, version: 1 });
      if (!("data" in pre)) throw new Error(JSON.stringify(pre));
      return { state: pre.data.state, checks: Object.fromEntries(pre.data.preflight!.checks.map((c) => [c.id, c])) };
    };
    const sick = await run(await newInstance("sick"));
    expect(sick.state).toBe("blocked");
    expect(sick.checks.health).toMatchObject({ status: "fail", evidence: expect.stringMatching(/redis: unhealthy.*connection refused/) });

    const movedId = await newInstance("sick", { version: "2.11.0" });
    const moved = await run(movedId);
    expect(moved.checks.version).toMatchObject({ status: "fail", evidence: expect.stringMatching(/now runs 2\.11\.2, not 2\.11\.0/) });

    const gc = await run(await newInstance("gc"));
    expect(gc.state).toBe("blocked");
    expect(gc.checks.gc).toMatchObject({ status: "fail", evidence: expect.stringMatching(/GC #2 is running since/) });
    const replicating = await run(await newInstance("replicating"));
    expect(replicating.checks.replication).toMatchObject({ status: "fail", evidence: expect.stringMatching(/execution #2 of policy 1/) });
    const full = await run(await newInstance("full"));
    expect(full.checks.storage).toMatchObject({ status: "fail", evidence: expect.stringMatching(/^2\.0 GiB free of 100\.0 GiB/) });

    const wrong = await run(await newInstance("old", { secret: "wrong-password" }));
    expect(wrong.state).toBe("blocked");
    expect(wrong.checks.credentials.status).toBe("fail");
    expect(
      Object.values(wrong.checks)
        .filter((c) => c.status === "pass")
        .map((c) => c.id),
    ).not.toContain("credentials");
  });
});
