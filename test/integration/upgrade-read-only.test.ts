/**
 * Read-only from the console as a runbook step: PUT configurations read_only against the simulator, only for a running
 * plan inside its window, what Harbor then reports returned, every attempt audited (a refusal by Harbor too).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setPlanReadOnly } from "@/lib/fleet/upgrade-read-only";
import { ADMIN, call } from "@/test/harbor-sim/client";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { inMinutes, instanceOnSim, op, runningPlan as runningPlanOn } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      {
        id: "ro",
        version: "2.11.2",
        users: [
          { ...ADMIN, sysadmin: true },
          { username: "dev", password: "dev-Passw0rd" },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});

async function runningPlan(username = "admin", secret = "Harbor12345") {
  const instanceId = await instanceOnSim(sim, "ro", { prefix: "ro", username, secret });
  const plan = await runningPlanOn(instanceId, "2.15.2", inMinutes(-5), inMinutes(55));
  return { plan, inst: { id: instanceId } };
}

const harborReadOnly = async () => ((await call(sim.get("ro").baseUrl, "/api/v2.0/systeminfo", { auth: ADMIN })).json as { read_only: boolean }).read_only;

describe("read-only from the console", () => {
  it("switches Harbor on and off inside the window, refuses outside it and before the run, audits each switch", async () => {
    const { plan, inst } = await runningPlan();
    await expect(setPlanReadOnly({ planId: plan.id, readOnly: true, actor: op, requestId: "r", now: inMinutes(56) })).rejects.toThrow(
      /only inside the plan's window \(.+ UTC – .+ UTC\); it is .+ UTC now/,
    );
    await expect(setPlanReadOnly({ planId: plan.id, readOnly: true, actor: op, requestId: "r", now: inMinutes(-6) })).rejects.toThrow(
      /only inside the plan's window/,
    );
    expect(await harborReadOnly()).toBe(false);

    expect(await setPlanReadOnly({ planId: plan.id, readOnly: true, actor: op, requestId: "on" })).toEqual({ readOnly: true });
    expect(await harborReadOnly()).toBe(true);
    expect(((await call(sim.get("ro").baseUrl, "/api/v2.0/configurations", { auth: ADMIN })).json as { read_only: { value: boolean } }).read_only.value).toBe(
      true,
    );
    expect(await setPlanReadOnly({ planId: plan.id, readOnly: false, actor: op, requestId: "off" })).toEqual({ readOnly: false });
    expect(await harborReadOnly()).toBe(false);

    const rows = await db.auditEvent.findMany({
      where: { action: "instance.read_only", targetId: inst.id },
      orderBy: { id: "asc" },
      select: { actorEmail: true, after: true, requestId: true },
    });
    expect(rows).toEqual([
      {
        actorEmail: "op@example.com",
        requestId: "on",
        after: expect.objectContaining({ planId: plan.id, readOnly: true, outcome: "Harbor reports read_only=true", storedSecret: true }),
      },
      {
        actorEmail: "op@example.com",
        requestId: "off",
        after: expect.objectContaining({ planId: plan.id, readOnly: false, outcome: "Harbor reports read_only=false" }),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain("Harbor12345");

    await db.upgradePlan.update({ where: { id: plan.id }, data: { state: "ready" } });
    await expect(setPlanReadOnly({ planId: plan.id, readOnly: true, actor: op, requestId: "r" })).rejects.toThrow(
      /ready: read-only is switched from the console while the upgrade runs/,
    );
  });

  it("a credential Harbor refuses to let change configurations: a clear message, nothing switched, the attempt audited", async () => {
    const { plan, inst } = await runningPlan("dev", "dev-Passw0rd");
    await expect(setPlanReadOnly({ planId: plan.id, readOnly: true, actor: op, requestId: "r" })).rejects.toThrow(/Harbor did not switch read-only on: /);
    expect(await harborReadOnly()).toBe(false);
    const row = await db.auditEvent.findFirstOrThrow({ where: { action: "instance.read_only", targetId: inst.id } });
    expect(row.after).toMatchObject({ readOnly: true, outcome: "refused: forbidden" });
  });
});
