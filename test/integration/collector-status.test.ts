/**
 * The collector's own failures are visible (#16 item 2): a poll the console fails (here: its database refuses the
 * write) is recorded with the error, shown in the collector status (the fleet page's banner), summed up without the
 * error text in /api/health for anonymous callers, and the instance's row, once stale, says since when and why.
 */
// First: Next's request stores (see next-route.ts).
import { AuthClient } from "../support/auth-client";
import { inRequest } from "../support/next-route";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { db } from "@/lib/db";
import { FINISHED_POLLS_KEPT_SECONDS, pollJobLimits, startCollector, type Collector } from "@/lib/fleet/collector/collector";
import { forgetCollectorStatus, getCollectorStatus } from "@/lib/fleet/collector/status";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { createInstance } from "@/lib/fleet/instances";
import { createUser } from "@/lib/fleet/users";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { hashPassword } from "@/lib/security/password";
import { startHarborSim } from "../harbor-sim";
import type { HarborSim } from "../harbor-sim/types";

const suffix = Math.random().toString(36).slice(2, 7);
let sim: HarborSim;
let collector: Collector;
const ids: Record<string, string> = {};

async function waitForSweep(sweepId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } });
    if (s.finishedAt) return s;
    if (Date.now() > until) throw new Error(`sweep ${sweepId} stuck at ${s.done}/${s.total}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type HealthBody = { status: string; collector: { status: string; reasons: string[]; detail?: { problems: { code: string; message: string }[] } } };
const healthAs = async (cookie = "") => {
  const res = await inRequest({ page: "/api/health", url: "http://localhost:3000/api/health", init: { headers: { cookie } } }, () => health());
  return { status: res.status, body: (await res.json()) as HealthBody };
};
const anonymousHealth = () => healthAs();

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "a", version: "2.11.2" },
      { id: "b", version: "2.8.6" },
    ],
  });
  for (const id of ["a", "b"]) {
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `status-${id}-${suffix}`,
        environment: "staging",
        baseUrl: sim.get(id).baseUrl,
        username: "admin",
        secret: "Harbor12345",
        deploymentMode: "helm",
      }),
      actor: { id: null, email: "collector-status@example.com" },
      requestId: "collector-status-test",
    });
    ids[id] = created.id;
  }
  collector = await startCollector({
    databaseUrl: process.env.DATABASE_URL!,
    concurrency: 4,
    intervalSeconds: 60,
    timeoutMs: 3_000,
    retentionDays: 14,
    schedule: false,
  });
  // Polls other files left queued (registering an instance polls it) would be stored in this file's batches and fail
  // with them when the database refuses instance a: the console failures below must be this file's alone.
  await db.$executeRawUnsafe(
    `delete from pgboss.job where name = 'fleet-polls' and state in ('created', 'retry') and not (singleton_key = any($1::text[]))`,
    Object.values(ids),
  );
}, 60_000);

afterAll(async () => {
  await db.$executeRawUnsafe(`drop trigger if exists refuse_snapshot on "InstanceHealthHour"`);
  await collector?.stop();
  await sim?.stop();
});

describe("collector status", () => {
  it("a working collector: a completed round, no console failures, and /api/health says ok", async () => {
    const { sweepId } = await collector.startSweep({ trigger: "manual", instanceIds: Object.values(ids) });
    await waitForSweep(sweepId);
    // Its finished poll jobs stay in pg-boss's table for an hour, not 7 days: queue scans do not grow with the rounds.
    const kept = await db.$queryRawUnsafe<{ deletion_seconds: number }[]>(
      `select distinct deletion_seconds from pgboss.job where name = 'fleet-polls' and data->>'sweepId' = $1`,
      sweepId,
    );
    expect(kept).toEqual([{ deletion_seconds: FINISHED_POLLS_KEPT_SECONDS }]);
    expect(FINISHED_POLLS_KEPT_SECONDS).toBe(3_600);
    const s = await getCollectorStatus();
    expect(s.problems.filter((p) => p.code === "console_failures")).toEqual([]);
    expect(s.lastRound?.finishedAt).toBeTruthy();
    expect(s.queue).not.toBeNull();
    forgetCollectorStatus();
    const h = await anonymousHealth();
    expect(h.status).toBe(200);
    expect(h.body.status).toBe("ok");
    expect(h.body.collector.status).toBeDefined();
    expect(h.body.collector.detail).toBeUndefined();
  }, 60_000);

  it("a poll the console fails is recorded with its error: in the status, in /api/health (without the error text), and on the stale row", async () => {
    // The console's own database refuses to store polls of instance a (as a full disk would).
    await db.$executeRawUnsafe(`create or replace function refuse_snapshot() returns trigger language plpgsql as $$
      begin if new."instanceId" = '${ids.a}'::uuid then raise exception 'could not extend file: No space left on device (simulated)' using errcode = '53100'; end if; return new; end $$`);
    // On the hourly rows: every poll writes there (a snapshot is kept only when something changed).
    await db.$executeRawUnsafe(`create trigger refuse_snapshot before insert on "InstanceHealthHour" for each row execute function refuse_snapshot()`);
    // Its last stored poll is old: the row is stale.
    const old = new Date(Date.now() - 30 * 60_000);
    await db.instanceStatus.update({ where: { instanceId: ids.a }, data: { checkedAt: old } });

    const { sweepId, total } = await collector.startSweep({ trigger: "manual", instanceIds: [ids.a] });
    expect(total).toBe(1);
    const sweep = await waitForSweep(sweepId);
    expect(sweep.done).toBe(1); // the round finishes although nothing of it was stored

    const failures = await db.collectorFailure.findMany({ where: { instanceId: ids.a } });
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures[0].message).toMatch(/No space left on device/);

    const s = await getCollectorStatus();
    expect(s.ok).toBe(false);
    const problem = s.problems.find((p) => p.code === "console_failures");
    expect(problem?.message).toMatch(/No space left on device/);
    expect(problem?.message).toContain(`status-a-${suffix}`);
    expect(s.failures.recent[0]).toMatchObject({ instanceId: ids.a, instanceName: `status-a-${suffix}` });

    forgetCollectorStatus();
    const h = await anonymousHealth();
    expect(h.status).toBe(200); // the replica and its database are up: a load balancer keeps it
    expect(h.body.collector.status).toBe("degraded");
    expect(h.body.collector.reasons.join(" ")).toMatch(/1 poll failed in the console/);
    expect(JSON.stringify(h.body)).not.toMatch(/No space|simulated|53100/);

    // A signed-in user (any role) gets the whole status, error included.
    const { user } = await createUser({
      input: { email: `viewer-${suffix}@example.com`, name: "", role: "viewer" },
      actor: { id: null, email: "t@example.com" },
      requestId: "t",
    });
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("correct-horse-battery"), mustChangePassword: false } });
    const viewer = new AuthClient("198.51.100.77");
    expect((await viewer.signIn(user.email, "correct-horse-battery")).error).toBeNull();
    forgetCollectorStatus();
    const signedIn = await healthAs(viewer.cookieHeader());
    expect(signedIn.body.collector.detail?.problems.find((p) => p.code === "console_failures")?.message).toMatch(/No space left on device/);

    const row = await getFleetRow(ids.a);
    expect(row?.stale).toBe(true);
    expect(row?.staleSince).toBe(old.toISOString());
    expect(row?.staleReason).toMatch(/No space left on device/);

    // Instance b, polled in the same way, is fine.
    const b = await getFleetRow(ids.b);
    expect(b).toMatchObject({ stale: false, staleReason: null });
  }, 60_000);

  it("a poll queue made by an earlier release takes this release's time limits (expiry, heartbeat, how long finished polls are kept)", async () => {
    await collector.boss.updateQueue("fleet-polls", { expireInSeconds: 60, heartbeatSeconds: null, deleteAfterSeconds: 7 * 86_400 });
    const replica = await startCollector({
      databaseUrl: process.env.DATABASE_URL!,
      concurrency: 4,
      intervalSeconds: 60,
      timeoutMs: 3_000,
      retentionDays: 14,
      schedule: false,
      work: false,
    });
    try {
      expect(await replica.boss.getQueue("fleet-polls")).toMatchObject({ ...pollJobLimits(3_000), deleteAfterSeconds: FINISHED_POLLS_KEPT_SECONDS });
    } finally {
      await replica.stop();
    }
  });

  it("a stored poll after the failure resolves it: no more console_failures problem", async () => {
    await db.$executeRawUnsafe(`drop trigger if exists refuse_snapshot on "InstanceHealthHour"`);
    const { sweepId } = await collector.startSweep({ trigger: "manual", instanceIds: [ids.a] });
    await waitForSweep(sweepId);
    const s = await getCollectorStatus();
    expect(s.problems.find((p) => p.code === "console_failures")).toBeUndefined();
    expect(s.failures.lastHour).toBeGreaterThanOrEqual(1);
    expect((await getFleetRow(ids.a))?.stale).toBe(false);
  }, 60_000);
});
