/**
 * Ticking runbook steps of a started plan: only while it runs, each tick and untick audited with who, two operators
 * ticking at once both land, ticking twice writes nothing more; viewers can neither tick nor switch read-only (server-side).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUpgradePlan } from "@/lib/fleet/upgrade-plans";
import { listRunbookTicks, setRunbookTick } from "@/lib/fleet/upgrade-ticks";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { session } from "../support/mock-auth";
import { instanceOnSim } from "../support/upgrade-fixture";

// Server actions read the session through lib/auth; here the test decides who is signed in.
vi.mock("@/lib/auth", () => import("../support/mock-auth"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const ann = { id: null, email: "ann@example.com" };
const bob = { id: null, email: "bob@example.com" };
let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({ instances: [{ id: "tick", version: "2.11.2" }] });
});
afterAll(async () => {
  await sim.stop();
});

async function startedPlan() {
  const instanceId = await instanceOnSim(sim, "tick", { prefix: "tick", actor: ann });
  return createUpgradePlan({ instanceId, target: "2.15.2", actor: ann, requestId: "r" });
}

describe("runbook ticks", () => {
  it("are refused before the upgrade started, for unknown steps and hops", async () => {
    const plan = await startedPlan();
    await expect(setRunbookTick({ planId: plan.id, hop: 0, stepId: "stop", ticked: true, actor: ann, requestId: "r" })).rejects.toThrow(
      /draft: runbook steps are ticked while the upgrade runs/,
    );
    await db.upgradePlan.update({ where: { id: plan.id }, data: { state: "in_progress" } });
    await expect(setRunbookTick({ planId: plan.id, hop: 0, stepId: "rm-rf", ticked: true, actor: ann, requestId: "r" })).rejects.toThrow(/no such step/);
    await expect(setRunbookTick({ planId: plan.id, hop: 2, stepId: "stop", ticked: true, actor: ann, requestId: "r" })).rejects.toThrow(/no such hop/);
    expect(await db.upgradeStepTick.count({ where: { planId: plan.id } })).toBe(0);
  });

  it("keeps every tick of two operators ticking at once, audits each change once with who, and unticks", async () => {
    const plan = await startedPlan();
    await db.upgradePlan.update({ where: { id: plan.id }, data: { state: "in_progress" } });
    const steps = ["pre-stage", "read-only-on", "stop", "back-up", "install", "start-first"];
    await Promise.all(
      steps.map((stepId, i) => setRunbookTick({ planId: plan.id, hop: 0, stepId, ticked: true, actor: i % 2 ? bob : ann, requestId: `r${i}` })),
    );
    // the same tick twice at once: one row, one audit
    await Promise.all([ann, bob].map((actor) => setRunbookTick({ planId: plan.id, hop: 1, stepId: "stop", ticked: true, actor, requestId: "dup" })));
    const ticks = await listRunbookTicks(plan.id);
    expect(
      ticks
        .filter((t) => t.hop === 0)
        .map((t) => t.stepId)
        .sort(),
    ).toEqual([...steps].sort());
    expect(ticks.find((t) => t.stepId === "read-only-on")).toMatchObject({ by: "bob@example.com" });
    expect(ticks.filter((t) => t.hop === 1)).toHaveLength(1);

    const after = await setRunbookTick({ planId: plan.id, hop: 0, stepId: "stop", ticked: false, actor: bob, requestId: "u" });
    expect(after.some((t) => t.hop === 0 && t.stepId === "stop")).toBe(false);
    await setRunbookTick({ planId: plan.id, hop: 0, stepId: "stop", ticked: false, actor: bob, requestId: "u2" });

    const rows = await db.auditEvent.findMany({
      where: { action: { startsWith: "upgrade_plan.step_" }, after: { path: ["planId"], equals: plan.id } },
      select: { action: true, actorEmail: true, after: true },
    });
    expect(rows.filter((r) => r.action === "upgrade_plan.step_tick")).toHaveLength(7);
    expect(rows.filter((r) => r.action === "upgrade_plan.step_untick")).toEqual([
      expect.objectContaining({ actorEmail: "bob@example.com", after: { planId: plan.id, hop: 0, to: "2.14.4", stepId: "stop" } }),
    ]);
    // the plan itself did not change: ticking never conflicts with other edits
    expect((await db.upgradePlan.findUniqueOrThrow({ where: { id: plan.id } })).version).toBe(plan.version);
  });

  it("refuses viewers on the server: no tick, no read-only switch, nothing written or sent to Harbor", async () => {
    const { tickRunbookStepAction, setReadOnlyAction } = await import("@/lib/actions/upgrades");
    const plan = await startedPlan();
    await db.upgradePlan.update({
      where: { id: plan.id },
      data: { state: "in_progress", windowStart: new Date(Date.now() - 60_000), windowEnd: new Date(Date.now() + 3_600_000) },
    });
    session.user = { id: "00000000-0000-4000-8000-000000000001", email: "viewer@example.com", role: "viewer", mustChangePassword: false };
    expect(await tickRunbookStepAction({ planId: plan.id, hop: 0, stepId: "stop", ticked: true })).toMatchObject({ code: "forbidden" });
    expect(await setReadOnlyAction({ planId: plan.id, readOnly: true })).toMatchObject({ code: "forbidden" });
    expect(await db.upgradeStepTick.count({ where: { planId: plan.id } })).toBe(0);
    expect(sim.get("tick").spec.readOnly ?? false).toBe(false);

    session.user = { ...session.user, email: "op@example.com", role: "operator" };
    expect(await tickRunbookStepAction({ planId: plan.id, hop: 0, stepId: "nope!", ticked: true })).toMatchObject({
      validationErrors: { stepId: [expect.any(String)] },
    });
    const ok = await tickRunbookStepAction({ planId: plan.id, hop: 0, stepId: "stop", ticked: true });
    expect(ok).toMatchObject({ data: [{ hop: 0, stepId: "stop", by: "op@example.com" }] });
    expect(await setReadOnlyAction({ planId: plan.id, readOnly: true })).toEqual({ data: { readOnly: true } });
    expect(sim.get("tick").spec.readOnly).toBe(true);
  });
});
