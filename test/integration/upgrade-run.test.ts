/**
 * Running a plan against the simulator playing the upgrade: start inside the window only, verify each hop (the old
 * version, a verified hop, a dirty migration pointing at the restore runbook, completion), every step audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUpgradePlan, recordPreflight } from "@/lib/fleet/upgrade-plans";
import { startUpgrade, verifyCurrentHop } from "@/lib/fleet/upgrade-run";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { bookWindow, inMinutes, instanceOnSim, op, PASSED } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({ instances: [{ id: "run", version: "2.11.2" }] });
});
afterAll(async () => {
  await sim.stop();
});

describe("running an upgrade", () => {
  it("starts inside its window only, verifies hop by hop, stops on a dirty migration with the restore runbook, completes", async () => {
    const instanceId = await instanceOnSim(sim, "run", { prefix: "run" });
    let plan = await createUpgradePlan({ instanceId, target: "2.15.2", actor: op, requestId: "r" });
    expect(plan.path).toEqual(["2.14.4", "2.15.2"]);
    plan = await recordPreflight({ planId: plan.id, version: plan.version, report: PASSED, actor: op, requestId: "r" });
    await expect(startUpgrade({ planId: plan.id, version: plan.version, actor: op, requestId: "r" })).rejects.toThrow(/Book a maintenance window first/);
    plan = await bookWindow(plan, inMinutes(1), inMinutes(61));
    // the window-start job would take it back to ready after its pre-flight; here the test does
    await db.upgradePlan.update({ where: { id: plan.id }, data: { state: "ready" } });
    await expect(startUpgrade({ planId: plan.id, version: plan.version, actor: op, requestId: "r" })).rejects.toThrow(/starts inside its window/);
    plan = await startUpgrade({ planId: plan.id, version: plan.version, actor: op, requestId: "r", now: inMinutes(2) });
    expect(plan.state).toBe("in_progress");

    // nothing happened yet on the hosts
    plan = await verifyCurrentHop({ planId: plan.id, version: plan.version, actor: op, requestId: "r" });
    expect(plan).toMatchObject({ state: "needs_attention", hopsVerified: 0, lastCheck: { verified: false, reason: "old-version", restore: false } });

    sim.switchVersion("run", "2.14.4");
    plan = await verifyCurrentHop({ planId: plan.id, version: plan.version, actor: op, requestId: "r" });
    expect(plan).toMatchObject({ state: "in_progress", hopsVerified: 1, lastCheck: { verified: true, from: "2.11.2", to: "2.14.4" } });

    sim.switchVersion("run", "2.15.2", { dirty: true });
    plan = await verifyCurrentHop({ planId: plan.id, version: plan.version, actor: op, requestId: "r" });
    expect(plan).toMatchObject({
      state: "needs_attention",
      hopsVerified: 1,
      lastCheck: { verified: false, reason: "core-down", restore: true, from: "2.14.4", to: "2.15.2" },
    });
    expect(plan.lastCheck!.message).toMatch(/Dirty database version/);

    sim.switchVersion("run", "2.15.2");
    plan = await verifyCurrentHop({ planId: plan.id, version: plan.version, actor: op, requestId: "r" });
    expect(plan).toMatchObject({ state: "completed", hopsVerified: 2 });
    await expect(verifyCurrentHop({ planId: plan.id, version: plan.version, actor: op, requestId: "r" })).rejects.toThrow(/no hop to verify/);

    const rows = await db.auditEvent.findMany({
      where: { after: { path: ["planId"], equals: plan.id } },
      orderBy: { id: "asc" },
      select: { action: true, after: true },
    });
    expect(rows.map((r) => r.action)).toEqual([
      "upgrade_plan.create",
      "upgrade_plan.preflight",
      "upgrade_plan.schedule",
      "upgrade_plan.start",
      "upgrade_plan.verify",
      "upgrade_plan.verify",
      "upgrade_plan.verify",
      "upgrade_plan.verify",
    ]);
    expect(rows[6].after).toMatchObject({ state: "needs_attention", check: { reason: "core-down" } });
    expect(await db.auditEvent.count({ where: { action: "instance.upgrade_check", targetId: instanceId } })).toBe(4);
  });
});
