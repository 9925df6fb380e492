/**
 * Verification at the window's end without a click: two console processes (two workers on one database) verify each
 * ended window once, as system; Harbor on the hop's version → next hop or completed, otherwise needs attention; a
 * window still open is left alone.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { getUpgradePlan } from "@/lib/fleet/upgrade-plans";
import { verifyEndedWindows } from "@/lib/fleet/upgrade-window-end";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { inMinutes, instanceOnSim, runningPlan as startedPlan } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "done", version: "2.11.2" },
      { id: "stuck", version: "2.11.2" },
      { id: "open", version: "2.11.2" },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});

/** A started plan whose window ends at `end`. */
const runningPlan = async (simId: string, target: string, end: Date) =>
  startedPlan(await instanceOnSim(sim, simId, { prefix: "end" }), target, inMinutes(-60, end), end);

describe("window end", () => {
  it("verifies each ended window once across two processes, as system: completed, next hop, or needs attention", async () => {
    const now = new Date();
    const single = await runningPlan("done", "2.14.4", inMinutes(-1, now));
    const twoHops = await runningPlan("stuck", "2.15.2", inMinutes(-2, now));
    const open = await runningPlan("open", "2.14.4", inMinutes(30, now));
    expect(single.path).toEqual(["2.14.4"]);
    expect(twoHops.path).toEqual(["2.14.4", "2.15.2"]);
    sim.switchVersion("done", "2.14.4");
    sim.switchVersion("open", "2.14.4");

    const [a, b] = await Promise.all([verifyEndedWindows(now), verifyEndedWindows(now)]);
    const ours = [...a, ...b].filter((id) => [single.id, twoHops.id, open.id].includes(id));
    expect(ours.sort()).toEqual([single.id, twoHops.id].sort());

    expect(await getUpgradePlan(single.id)).toMatchObject({ state: "completed", hopsVerified: 1, lastCheck: { verified: true, to: "2.14.4" } });
    expect(await getUpgradePlan(twoHops.id)).toMatchObject({
      state: "needs_attention",
      hopsVerified: 0,
      lastCheck: { verified: false, reason: "old-version" },
    });
    expect(await getUpgradePlan(open.id)).toMatchObject({ state: "in_progress", hopsVerified: 0, lastCheck: null });

    // audited once per window, as system
    for (const id of [single.id, twoHops.id]) {
      const rows = await db.auditEvent.findMany({
        where: { action: "upgrade_plan.window_end", after: { path: ["planId"], equals: id } },
        select: { actorEmail: true, actorId: true },
      });
      expect(rows).toEqual([{ actorEmail: "system", actorId: null }]);
    }
    // a restart, or the next minute's run, does not verify the same window again
    expect((await verifyEndedWindows(inMinutes(1, now))).filter((id) => [single.id, twoHops.id].includes(id))).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "upgrade_plan.window_end", after: { path: ["planId"], equals: twoHops.id } } })).toBe(1);

    // the open window ends later; Harbor is on the hop's version by then
    expect((await verifyEndedWindows(inMinutes(31, now))).filter((id) => id === open.id)).toEqual([open.id]);
    expect(await getUpgradePlan(open.id)).toMatchObject({ state: "completed", hopsVerified: 1 });
  });

  it("a verified hop that is not the last moves the plan to the next hop", async () => {
    const now = new Date();
    sim.switchVersion("stuck", "2.11.2");
    const plan = await runningPlan("stuck", "2.15.2", inMinutes(-1, now));
    sim.switchVersion("stuck", "2.14.4");
    await verifyEndedWindows(now);
    expect(await getUpgradePlan(plan.id)).toMatchObject({ state: "in_progress", hopsVerified: 1, lastCheck: { verified: true, from: "2.11.2", to: "2.14.4" } });
  });
});
