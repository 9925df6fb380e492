/**
 * Waves against a real PostgreSQL and the Harbor simulator: a plan per instance in order, all or nothing with the
 * refusal at the instance's place; the second cannot start, nor pass its window's start, until the canary completed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { getUpgradePlan, recordPreflight } from "@/lib/fleet/upgrade-plans";
import { startUpgrade } from "@/lib/fleet/upgrade-run";
import { createUpgradeWave } from "@/lib/fleet/upgrade-waves";
import { startDueWindows } from "@/lib/fleet/upgrade-windows";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { bookWindow, inMinutes, instanceOnSim, op, PASSED } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let sim: HarborSim;

const newInstance = (simId: string, version: string) => instanceOnSim(sim, simId, { prefix: "wave", version });

async function bookNow(p: UpgradePlanDto) {
  const ready = await recordPreflight({ planId: p.id, version: p.version, report: PASSED, actor: op, requestId: "r" });
  return bookWindow(ready, inMinutes(1), inMinutes(61));
}

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "a", version: "2.11.2" },
      { id: "b", version: "2.11.2" },
      { id: "new", version: "2.15.2" },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});

describe("waves", () => {
  it("plans each instance in order, the canary first, audited; one that cannot take the target refuses the whole wave at its place", async () => {
    const canary = await newInstance("a", "2.11.2");
    const second = await newInstance("b", "2.11.2");
    const latest = await newInstance("new", "2.15.2");
    const before = await db.upgradePlan.count();
    await expect(createUpgradeWave({ name: "eu", target: "2.15.2", instanceIds: [canary, latest, second], actor: op, requestId: "w" })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { "instanceIds.1": [expect.stringMatching(/already runs 2\.15\.2/)] },
    });
    expect(await db.upgradePlan.count()).toBe(before);

    const wave = await createUpgradeWave({ name: "eu", target: "2.15.2", instanceIds: [canary, second], actor: op, requestId: "w" });
    expect(wave.plans.map((p) => [p.instanceId, p.state, p.path])).toEqual([
      [canary, "draft", ["2.14.4", "2.15.2"]],
      [second, "draft", ["2.14.4", "2.15.2"]],
    ]);
    expect(wave.plans[0].wave).toMatchObject({ name: "eu", position: 1, size: 2, previous: null });
    expect(wave.plans[1].wave).toMatchObject({ position: 2, previous: { planId: wave.plans[0].id, state: "draft" } });
    expect(await db.auditEvent.count({ where: { action: "upgrade_wave.create", targetId: wave.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "upgrade_plan.create", after: { path: ["waveId"], equals: wave.id } } })).toBe(2);
  });

  it("the next instance's window starts blocked and its run is refused until the one before is completed", async () => {
    const wave = await createUpgradeWave({
      name: "us",
      target: "2.15.2",
      instanceIds: [await newInstance("a", "2.11.2"), await newInstance("b", "2.11.2")],
      actor: op,
      requestId: "w",
    });
    const [first, second] = await Promise.all(wave.plans.map(bookNow));
    expect(await startDueWindows(inMinutes(2))).toEqual(expect.arrayContaining([first.id, second.id]));
    const canary = (await getUpgradePlan(first.id))!;
    expect(canary.state).toBe("ready");
    expect(canary.preflight!.checks.some((c) => c.id === "wave")).toBe(false);
    const next = (await getUpgradePlan(second.id))!;
    expect(next.state).toBe("blocked");
    // both windows were due at once, started in either order: the canary read as scheduled or already ready
    expect(next.preflight!.checks[0]).toMatchObject({
      id: "wave",
      status: "fail",
      evidence: expect.stringMatching(/\(1 of 2 in wave us\) is (scheduled|ready), not completed/),
    });

    // a pre-flight passing again does not let it run before the canary is verified
    const again = await recordPreflight({ planId: next.id, version: next.version, report: PASSED, actor: op, requestId: "r" });
    await expect(startUpgrade({ planId: again.id, version: again.version, actor: op, requestId: "r", now: inMinutes(3) })).rejects.toThrow(
      /^Not yet: .* is ready, not completed/,
    );

    // the canary completes (its run is covered in upgrade-run.test.ts): now the next may start
    await db.upgradePlan.update({ where: { id: canary.id }, data: { state: "completed", hopsVerified: 2 } });
    const started = await startUpgrade({ planId: again.id, version: again.version, actor: op, requestId: "r", now: inMinutes(3) });
    expect(started.state).toBe("in_progress");
    expect(started.wave!.previous!.state).toBe("completed");
  });
});
