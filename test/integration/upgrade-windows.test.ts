/**
 * Maintenance windows against a real PostgreSQL and the Harbor simulator: overlapping windows refused under
 * concurrency; a due window starts exactly once whatever the number of workers (two console processes share one
 * database), and from what is stored (a restart between booking and start loses nothing); every change audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUpgradePlan, getUpgradePlan } from "@/lib/fleet/upgrade-plans";
import { scheduleUpgradePlan, startDueWindows } from "@/lib/fleet/upgrade-windows";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { inMinutes, instanceOnSim, op, passedPlan } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let sim: HarborSim;

const readyPlan = (instanceId: string, target = "2.6.4") => passedPlan(instanceId, target);
const newInstance = (simId = "old") => instanceOnSim(sim, simId, { prefix: "win" });

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "old", version: "2.0.6" },
      { id: "sick", version: "2.0.6", unhealthy: { core: "database migration running" } },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});

describe("maintenance windows", () => {
  it("refuses a window in the past, one that ends before it starts, and a plan that has not passed pre-flight", async () => {
    const instanceId = await newInstance();
    const plan = await readyPlan(instanceId);
    const book = (start: Date, end: Date) =>
      scheduleUpgradePlan({ planId: plan.id, version: plan.version, start, end, timeZone: "Europe/Berlin", actor: op, requestId: "r" });
    await expect(book(inMinutes(-1), inMinutes(60))).rejects.toMatchObject({ fieldErrors: { start: [expect.stringMatching(/in the future/)] } });
    await expect(book(inMinutes(60), inMinutes(30))).rejects.toMatchObject({ fieldErrors: { end: [expect.stringMatching(/end after it starts/)] } });
    await expect(book(inMinutes(60), inMinutes(60 * 80))).rejects.toMatchObject({ fieldErrors: { end: [expect.stringMatching(/at most 72 hours/)] } });
    const draft = await createUpgradePlan({ instanceId, target: "2.4.3", actor: op, requestId: "r" });
    await expect(
      scheduleUpgradePlan({ planId: draft.id, version: 1, start: inMinutes(10), end: inMinutes(70), timeZone: "UTC", actor: op, requestId: "r" }),
    ).rejects.toThrow(/pre-flight/);
    expect((await getUpgradePlan(plan.id))!.state).toBe("ready");
  });

  it("overlapping windows booked at the same moment on one instance: one wins, the others are refused at their start field", async () => {
    const instanceId = await newInstance();
    const plans = [];
    for (let i = 0; i < 6; i++) plans.push(await readyPlan(instanceId, i % 2 ? "2.4.3" : "2.6.4"));
    const results = await Promise.allSettled(
      plans.map((p, i) =>
        scheduleUpgradePlan({
          planId: p.id,
          version: p.version,
          start: inMinutes(60 + i * 5),
          end: inMinutes(120 + i * 5),
          timeZone: "UTC",
          actor: op,
          requestId: `r${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const lost of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(lost.reason).toMatchObject({ code: "validation", fieldErrors: { start: [expect.stringMatching(/Overlaps the window booked/)] } });
    }
    expect(await db.upgradePlan.count({ where: { instanceId, state: "scheduled" } })).toBe(1);
    // back to back is not an overlap
    const winner = (await db.upgradePlan.findFirst({ where: { instanceId, state: "scheduled" } }))!;
    const other = (await getUpgradePlan(plans.find((p) => p.id !== winner.id)!.id))!;
    await expect(
      scheduleUpgradePlan({
        planId: other.id,
        version: other.version,
        start: winner.windowEnd!,
        end: inMinutes(300),
        timeZone: "UTC",
        actor: op,
        requestId: "c",
      }),
    ).resolves.toMatchObject({ state: "scheduled" });
  });

  it("a due window starts exactly once with several workers, re-runs pre-flight and marks the plan ready or blocked, audited", async () => {
    const okId = await newInstance("old");
    const sickId = await newInstance("sick");
    const plans = [await readyPlan(okId), await readyPlan(sickId)];
    const booked = [];
    for (const p of plans)
      booked.push(
        await scheduleUpgradePlan({ planId: p.id, version: p.version, start: inMinutes(1), end: inMinutes(61), timeZone: "UTC", actor: op, requestId: "r" }),
      );
    expect(booked.map((p) => p.state)).toEqual(["scheduled", "scheduled"]);
    // nothing is due before the start
    expect((await startDueWindows(new Date())).filter((id) => plans.some((p) => p.id === id))).toEqual([]);

    // "a restart": nothing of the booking lives in memory; two workers (two processes) find the due windows together
    const at = inMinutes(2);
    const [w1, w2] = await Promise.all([startDueWindows(at), startDueWindows(at)]);
    const ours = [...w1, ...w2].filter((id) => plans.some((p) => p.id === id));
    expect(ours.sort()).toEqual(plans.map((p) => p.id).sort());
    expect((await getUpgradePlan(plans[0].id))!.state).toBe("ready");
    const sick = (await getUpgradePlan(plans[1].id))!;
    expect(sick.state).toBe("blocked");
    expect(sick.preflight!.checks.find((c) => c.id === "health")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/core/) });
    for (const p of plans) {
      const rows = await db.auditEvent.findMany({ where: { action: "upgrade_plan.window_start", after: { path: ["planId"], equals: p.id } } });
      expect(rows).toHaveLength(1);
      expect(rows[0].actorEmail).toBe("system");
    }
    expect((await startDueWindows(inMinutes(3))).filter((id) => plans.some((p) => p.id === id))).toEqual([]);
    const actions = await db.auditEvent.findMany({
      where: { after: { path: ["planId"], equals: plans[1].id } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["upgrade_plan.create", "upgrade_plan.preflight", "upgrade_plan.schedule", "upgrade_plan.window_start"]);
  });
});
