/**
 * A console restart between booking a window and its start (issue #12), with console replicas in processes of their
 * own on one database: replica A books the window (and queues its start job) and stops before the start; replica B
 * starts the window, exactly once; A started again afterwards, and a worker in this process, start nothing more.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { getUpgradePlan } from "@/lib/fleet/upgrade-plans";
import { startDueWindows } from "@/lib/fleet/upgrade-windows";
import { startHarborSim, type HarborSim } from "../harbor-sim";
import { startReplicaProcess, until, type Replica } from "../support/replica-process";
import { instanceOnSim, passedPlan } from "../support/upgrade-fixture";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

/** from A's booking to the window's start: room for A to stop first, even on a loaded machine */
const START_IN_MS = 12_000;
let sim: HarborSim;
const replicas: Replica[] = [];

const startReplica = (env: Record<string, string> = {}) =>
  startReplicaProcess("test/support/upgrade-replica.ts", { CONSOLE_DRAIN_SECONDS: "5", ...env }, (r) => replicas.push(r));

const windowStarts = (planId: string) => db.auditEvent.count({ where: { action: "upgrade_plan.window_start", after: { path: ["planId"], equals: planId } } });
const startedIn = (r: Replica, planId: string) =>
  r
    .output()
    .split("\n")
    .filter((l) => l.includes('"msg":"upgrade window started"') && l.includes(planId)).length;

beforeAll(async () => {
  sim = await startHarborSim({ instances: [{ id: "old", version: "2.0.6" }] });
});
afterAll(async () => {
  for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGKILL");
  await sim.stop();
});

describe("a console restart between booking and window start", () => {
  it("the start job queued by a replica that stopped fires once, in the other replica", { timeout: 150_000 }, async () => {
    const instanceId = await instanceOnSim(sim, "old", { prefix: "restart" });
    const ready = await passedPlan(instanceId, "2.6.4");

    const b = await startReplica();
    const a = await startReplica({ SCHEDULE_PLAN_ID: ready.id, SCHEDULE_VERSION: String(ready.version), SCHEDULE_START_IN_MS: String(START_IN_MS) });
    const start = new Date(/scheduled (\S+)/.exec(a.output())![1]);
    expect((await getUpgradePlan(ready.id))!.state).toBe("scheduled");
    // the queue holds the window's start job, queued by A
    const jobs = await db.$queryRaw<
      { n: number }[]
    >`select count(*)::int as n from pgboss.job where name = 'upgrade-windows' and start_after >= ${new Date(start.getTime() - 1_000)} and state = 'created'`;
    expect(jobs[0].n).toBeGreaterThanOrEqual(1);

    a.child.kill("SIGTERM");
    const exit = await a.exited;
    expect(exit.at, "A stopped before the window's start").toBeLessThan(start.getTime());
    expect(await windowStarts(ready.id)).toBe(0);

    // B starts it: the queued job at the start (or the minute's check behind it), within a minute and a bit
    await until("the window starts", async () => (await windowStarts(ready.id)) > 0, 90_000, 250);
    const started = (await getUpgradePlan(ready.id))!;
    expect(started.state).toBe("ready");
    expect(started.preflight!.checks.find((c) => c.id === "version")).toMatchObject({ status: "pass" });
    expect(Date.now()).toBeGreaterThanOrEqual(start.getTime());
    await until("B logs the start", () => startedIn(b, ready.id) === 1, 5_000);
    expect(startedIn(a, ready.id)).toBe(0);

    // A back, the end of the window's jobs still queued, and one more worker here: nothing starts it again
    const again = await startReplica();
    const here = await startDueWindows(new Date(start.getTime() + 60_000));
    expect(here).not.toContain(ready.id);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await windowStarts(ready.id)).toBe(1);
    expect(startedIn(again, ready.id) + startedIn(b, ready.id)).toBe(1);
  });
});
