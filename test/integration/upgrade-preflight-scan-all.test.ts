/**
 * Pre-flight's scan-all check against the simulator, over real HTTP: a scan-all started through the control API
 * fails it with Harbor's progress, on a version that says `ongoing` (2.11) and on one that does not (2.0); Harbor 1.9,
 * which has no scan-all metrics, is cannot-check and does not block.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runPreflight } from "@/lib/fleet/upgrade-preflight";
import { call } from "@/test/harbor-sim/client";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { instanceOnSim, op } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let sim: HarborSim;

const instanceOn = (simId: string) => instanceOnSim(sim, simId, { prefix: "scan" });
const scanAllCheck = async (instanceId: string, version: string) => {
  const report = await runPreflight({ instanceId, expectedVersion: version, actor: op, requestId: "r" });
  return { ok: report.ok, check: report.checks.find((c) => c.id === "scan-all")! };
};
const control = (id: string, body: unknown) => call(sim.controlUrl.replace(/\/__sim$/, ""), `/__sim/instances/${id}/scan-all`, { method: "PUT", body });

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "new", version: "2.11.2" },
      { id: "v20", version: "2.0.6" },
      { id: "v19", version: "1.9.4" },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});

describe("pre-flight: scan-all", () => {
  it("passes when none runs, fails while one runs (started and ended through the control API), on 2.11 and on 2.0", async () => {
    for (const [simId, version] of [
      ["new", "2.11.2"],
      ["v20", "2.0.6"],
    ] as const) {
      const id = await instanceOn(simId);
      expect(await scanAllCheck(id, version)).toMatchObject({
        ok: true,
        check: { status: "pass", evidence: expect.stringMatching(/^The latest scan-all has ended \(40 of 40 scans done/) },
      });
      expect((await control(simId, { running: true })).json).toEqual({ id: simId, scanAllRunning: true });
      const busy = await scanAllCheck(id, version);
      expect(busy.ok).toBe(false);
      expect(busy.check).toMatchObject({ status: "fail", evidence: expect.stringMatching(/^A scan-all is running \(12 of 40 scans done/) });
      await control(simId, { running: false });
      expect((await scanAllCheck(id, version)).check.status).toBe("pass");
    }
  });

  it("the control API refuses a body it does not know and an unknown instance", async () => {
    expect((await control("new", { running: "yes" })).status).toBe(400);
    expect((await control("new", { running: true, extra: 1 })).status).toBe(400);
    expect((await control("nope", { running: true })).status).toBe(404);
  });

  it("Harbor 1.9 has no scan-all metrics: cannot-check with the reason, without blocking the plan", async () => {
    const id = await instanceOn("v19");
    sim.setScanAll("v19", true);
    const { check } = await scanAllCheck(id, "1.9.4");
    expect(check).toMatchObject({ status: "cannot-check", evidence: expect.stringMatching(/arrived in Harbor 1\.10\)\. Check Interrogation Services/) });
  });
});
