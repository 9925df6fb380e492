/**
 * Moving and cancelling booked windows (the Upgrades page's calendar), against a real PostgreSQL: a move keeps the
 * overlap refusal, asks a needed approval again, is refused once the window started; the calendar's query finds the
 * windows that meet its weeks; every change audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { approveUpgradePlan } from "@/lib/fleet/upgrade-approval";
import { cancelUpgradePlan, listUpgradePlans } from "@/lib/fleet/upgrade-plans";
import { rescheduleUpgradePlan, startDueWindows } from "@/lib/fleet/upgrade-windows";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { bookWindow, inMinutes, instanceOnSim, op, passedPlan } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let sim: HarborSim;

const newInstance = () => instanceOnSim(sim, "old", { prefix: "move" });
const booked = async (instanceId: string, startMin: number, endMin: number, requiresApproval = false) =>
  bookWindow(await passedPlan(instanceId, "2.6.4"), inMinutes(startMin), inMinutes(endMin), requiresApproval);

beforeAll(async () => {
  sim = await startHarborSim({ instances: [{ id: "old", version: "2.0.6" }] });
});
afterAll(async () => {
  await sim.stop();
});

describe("moving a booked window", () => {
  it("moves it, refuses an overlap with another window of the instance at the start field, and audits the move", async () => {
    const instanceId = await newInstance();
    const a = await booked(instanceId, 60, 120);
    const b = await booked(instanceId, 180, 240);
    await expect(
      rescheduleUpgradePlan({ planId: a.id, version: a.version, start: inMinutes(200), end: inMinutes(260), timeZone: "UTC", actor: op, requestId: "m" }),
    ).rejects.toMatchObject({
      fieldErrors: { start: [expect.stringMatching(/^Overlaps the window booked for the upgrade to 2\.6\.4/)] },
    });
    await expect(
      rescheduleUpgradePlan({ planId: a.id, version: a.version, start: inMinutes(-5), end: inMinutes(60), timeZone: "UTC", actor: op, requestId: "m" }),
    ).rejects.toMatchObject({ fieldErrors: { start: [expect.stringMatching(/in the future/)] } });
    const moved = await rescheduleUpgradePlan({
      planId: a.id,
      version: a.version,
      start: inMinutes(300),
      end: inMinutes(360),
      timeZone: "Europe/Berlin",
      actor: op,
      requestId: "m",
    });
    expect(moved).toMatchObject({ state: "scheduled", window: { timeZone: "Europe/Berlin" } });
    expect(Math.abs(new Date(moved.window!.start).getTime() - inMinutes(300).getTime())).toBeLessThan(60_000);
    // a stale version (someone moved it meanwhile) is refused, the move stands
    await expect(
      rescheduleUpgradePlan({ planId: a.id, version: a.version, start: inMinutes(400), end: inMinutes(420), timeZone: "UTC", actor: op, requestId: "m" }),
    ).rejects.toMatchObject({ code: "conflict" });
    const row = await db.auditEvent.findFirstOrThrow({ where: { action: "upgrade_plan.reschedule", after: { path: ["planId"], equals: a.id } } });
    expect(row.before).toMatchObject({ window: { start: a.window!.start } });
    expect(row.after).toMatchObject({ window: { start: moved.window!.start, timeZone: "Europe/Berlin" } });
    // the freed slot can be taken by the other plan now
    await expect(
      rescheduleUpgradePlan({ planId: b.id, version: b.version, start: inMinutes(60), end: inMinutes(120), timeZone: "UTC", actor: op, requestId: "m" }),
    ).resolves.toMatchObject({ state: "scheduled" });
  });

  it("a moved window needs a new approval; a started one, or a plan that is not scheduled, cannot be moved", async () => {
    const instanceId = await newInstance();
    const p = await booked(instanceId, 30, 90, true);
    const approved = await approveUpgradePlan({ planId: p.id, version: p.version, actor: { id: null, email: "admin@example.com" }, requestId: "a" });
    const moved = await rescheduleUpgradePlan({
      planId: p.id,
      version: approved.version,
      start: inMinutes(40),
      end: inMinutes(100),
      timeZone: "UTC",
      requiresApproval: true,
      actor: op,
      requestId: "m",
    });
    expect(moved.approval).toEqual({ required: true, at: null, by: null });

    const started = await booked(await newInstance(), 1, 60);
    expect(await startDueWindows(inMinutes(2))).toContain(started.id);
    const after = (await listUpgradePlans({ instance: started.instanceId }))[0];
    expect(after.state).toBe("ready");
    await expect(
      rescheduleUpgradePlan({
        planId: after.id,
        version: after.version,
        start: inMinutes(120),
        end: inMinutes(180),
        timeZone: "UTC",
        actor: op,
        requestId: "m",
      }),
    ).rejects.toThrow(/only a booked window that has not started/);
    // due but not yet claimed by the start job: its start has passed, so it stays
    const due = await booked(await newInstance(), 1, 60);
    await expect(
      rescheduleUpgradePlan({
        planId: due.id,
        version: due.version,
        start: inMinutes(120),
        end: inMinutes(180),
        timeZone: "UTC",
        actor: op,
        requestId: "m",
        now: inMinutes(2),
      }),
    ).rejects.toThrow(/has started/);
  });

  it("the calendar lists the windows that meet its weeks, by start, without cancelled ones; cancel is audited", async () => {
    const instanceId = await newInstance();
    const later = await booked(instanceId, 60 * 24 * 3, 60 * 24 * 3 + 60);
    const soon = await booked(instanceId, 60, 120);
    const far = await booked(instanceId, 60 * 24 * 40, 60 * 24 * 40 + 60);
    const between = { from: inMinutes(-60 * 24), to: inMinutes(60 * 24 * 29) };
    const ids = async () => (await listUpgradePlans({ instance: instanceId, windowsBetween: between, excludeCancelled: true })).map((p) => p.id);
    expect(await ids()).toEqual([soon.id, later.id]);
    expect(far.state).toBe("scheduled");
    await cancelUpgradePlan({ planId: later.id, version: later.version, actor: op, requestId: "c" });
    expect(await ids()).toEqual([soon.id]);
    expect((await listUpgradePlans({ instance: instanceId, state: "cancelled", windowsBetween: between })).map((p) => p.id)).toEqual([later.id]);
    expect(await db.auditEvent.count({ where: { action: "upgrade_plan.cancel", after: { path: ["planId"], equals: later.id } } })).toBe(1);
  });
});
