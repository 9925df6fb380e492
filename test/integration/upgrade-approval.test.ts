/**
 * Admin approval of a maintenance window, against a real PostgreSQL and the Harbor simulator: a window booked as
 * needing approval starts blocked, with that reason, unless an admin approved it before its start; approval is
 * audited with who and when; a new window needs a new approval; a run cannot start unapproved.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { approveUpgradePlan } from "@/lib/fleet/upgrade-approval";
import { getUpgradePlan, recordPreflight } from "@/lib/fleet/upgrade-plans";
import { startUpgrade } from "@/lib/fleet/upgrade-run";
import { scheduleUpgradePlan, startDueWindows } from "@/lib/fleet/upgrade-windows";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { session } from "../support/mock-auth";
import { bookWindow, inMinutes, instanceOnSim, op, PASSED, passedPlan } from "../support/upgrade-fixture";

// Server actions read the session through lib/auth; here the test decides who is signed in.
vi.mock("@/lib/auth", () => import("../support/mock-auth"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const admin = { id: null, email: "admin@example.com" };
let sim: HarborSim;

async function bookedPlan(requiresApproval: boolean) {
  const instanceId = await instanceOnSim(sim, "old", { prefix: "appr" });
  return bookWindow(await passedPlan(instanceId, "2.6.4"), inMinutes(1), inMinutes(61), requiresApproval);
}

beforeAll(async () => {
  sim = await startHarborSim({ instances: [{ id: "old", version: "2.0.6" }] });
});
afterAll(async () => {
  await sim.stop();
});

describe("admin approval of a window", () => {
  it("an unapproved window that needs approval is blocked at its start with that reason, and cannot be run", async () => {
    const plan = await bookedPlan(true);
    expect(plan.approval).toEqual({ required: true, at: null, by: null });
    const at = inMinutes(2);
    expect(await startDueWindows(at)).toContain(plan.id);
    const blocked = (await getUpgradePlan(plan.id))!;
    expect(blocked.state).toBe("blocked");
    expect(blocked.preflight!.checks[0]).toMatchObject({ id: "approval", status: "fail", evidence: expect.stringMatching(/needs an admin's approval/) });
    // the rest of pre-flight passed: approval alone blocked it
    expect(blocked.preflight!.checks.filter((c) => c.id !== "approval" && c.status === "fail")).toEqual([]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "upgrade_plan.window_start", after: { path: ["planId"], equals: plan.id } } });
    expect(JSON.stringify(audit.after)).toMatch(/Approved by an admin: fail/);
    // too late now, and a pre-flight passing again does not let it run unapproved
    await expect(approveUpgradePlan({ planId: plan.id, version: blocked.version, actor: admin, requestId: "r" })).rejects.toThrow(
      /it can no longer be changed/,
    );
    const again = await recordPreflight({ planId: plan.id, version: blocked.version, report: PASSED, actor: op, requestId: "r" });
    await expect(startUpgrade({ planId: plan.id, version: again.version, actor: op, requestId: "r", now: inMinutes(3) })).rejects.toThrow(
      /needed an admin's approval/,
    );
  });

  it("an approved window starts ready; the approval is audited with the admin and the time; a new window needs a new one", async () => {
    const plan = await bookedPlan(true);
    const approved = await approveUpgradePlan({ planId: plan.id, version: plan.version, actor: admin, requestId: "a" });
    expect(approved.state).toBe("scheduled");
    expect(approved.approval).toMatchObject({ required: true, by: "admin@example.com", at: expect.any(String) });
    await expect(approveUpgradePlan({ planId: plan.id, version: approved.version, actor: admin, requestId: "a" })).rejects.toThrow(/already approved/);
    const row = await db.auditEvent.findFirstOrThrow({ where: { action: "upgrade_plan.approve", after: { path: ["planId"], equals: plan.id } } });
    expect(row.actorEmail).toBe("admin@example.com");
    expect(row.after).toMatchObject({ approval: { required: true, by: "admin@example.com", at: approved.approval.at } });
    expect(row.before).toMatchObject({ approval: { at: null } });

    expect(await startDueWindows(inMinutes(2))).toContain(plan.id);
    const ready = (await getUpgradePlan(plan.id))!;
    expect(ready.state).toBe("ready");
    expect(ready.preflight!.checks[0]).toMatchObject({ id: "approval", status: "pass", evidence: expect.stringMatching(/^Approved by admin@example.com at /) });
    const started = await startUpgrade({ planId: plan.id, version: ready.version, actor: op, requestId: "r", now: inMinutes(3) });
    expect(started.state).toBe("in_progress");

    // a window of another plan, booked again after approval: the earlier approval does not carry over
    const other = await bookedPlan(true);
    await approveUpgradePlan({ planId: other.id, version: other.version, actor: admin, requestId: "a" });
    await db.upgradePlan.update({ where: { id: other.id }, data: { state: "ready" } });
    const rebooked = await scheduleUpgradePlan({
      planId: other.id,
      version: other.version + 1,
      start: inMinutes(90),
      end: inMinutes(120),
      timeZone: "UTC",
      requiresApproval: true,
      actor: op,
      requestId: "r",
    });
    expect(rebooked.approval).toEqual({ required: true, at: null, by: null });
  });

  it("a window booked without approval cannot be approved and starts on pre-flight alone; an approval after the start is refused", async () => {
    const plain = await bookedPlan(false);
    await expect(approveUpgradePlan({ planId: plain.id, version: plain.version, actor: admin, requestId: "a" })).rejects.toThrow(/without the need/);
    const late = await bookedPlan(true);
    await expect(approveUpgradePlan({ planId: late.id, version: late.version, actor: admin, requestId: "a", now: inMinutes(5) })).rejects.toThrow(
      /has started/,
    );
    expect(await startDueWindows(inMinutes(2))).toEqual(expect.arrayContaining([plain.id, late.id]));
    const p = (await getUpgradePlan(plain.id))!;
    expect(p.state).toBe("ready");
    expect(p.preflight!.checks.some((c) => c.id === "approval")).toBe(false);
  });

  it("the approve action refuses viewers and operators on the server, writing nothing; an admin's approval lands", async () => {
    const { approveUpgradePlanAction } = await import("@/lib/actions/upgrades");
    const plan = await bookedPlan(true);
    for (const role of ["viewer", "operator"] as const) {
      session.user = { id: null as unknown as string, email: `${role}@example.com`, role, mustChangePassword: false };
      expect(await approveUpgradePlanAction({ planId: plan.id, version: plan.version })).toMatchObject({ code: "forbidden" });
    }
    expect((await getUpgradePlan(plan.id))!).toMatchObject({ version: plan.version, approval: { at: null } });
    expect(await db.auditEvent.count({ where: { action: "upgrade_plan.approve", after: { path: ["planId"], equals: plan.id } } })).toBe(0);
    session.user = { id: null as unknown as string, email: "boss@example.com", role: "admin", mustChangePassword: false };
    const res = await approveUpgradePlanAction({ planId: plan.id, version: plan.version });
    if (!("data" in res)) throw new Error(JSON.stringify(res));
    expect(res.data.approval).toMatchObject({ required: true, by: "boss@example.com" });
  });
});
