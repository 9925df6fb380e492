/**
 * The collector's hourly credential check: what kind of account each instance is registered with and, for
 * robots on Harbor 2.2+, when it expires — checked once an hour, not every round.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startCollector, type Collector } from "@/lib/fleet/collector/collector";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { createInstance, updateInstance, getInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput, ZInstanceUpdateInput } from "@/lib/schemas/instance";
import { startHarborSim } from "../harbor-sim";
import type { HarborSim, SimInstanceSpec } from "../harbor-sim/types";

const actor = { id: null, email: "collector-credentials@example.com" };
const suffix = Math.random().toString(36).slice(2, 7);
const ROBOT = { username: "robot$fleet", password: "Fleet-secret1" };
const EXPIRES = Math.floor(Date.now() / 1000) + 5 * 86_400;

const FLEET: (SimInstanceSpec & { login: { username: string; password: string } })[] = [
  {
    id: "robot-soon",
    version: "2.11.2",
    robots: [{ name: ROBOT.username, secret: ROBOT.password, expiresAt: EXPIRES, canListRobots: true, readProjects: ["*"] }],
    login: ROBOT,
  },
  { id: "robot-hidden", version: "2.8.6", robots: [{ name: ROBOT.username, secret: ROBOT.password, expiresAt: EXPIRES }], login: ROBOT },
  { id: "robot-never", version: "2.2.3", robots: [{ name: ROBOT.username, secret: ROBOT.password, canListRobots: true }], login: ROBOT },
  { id: "robot-legacy", version: "2.0.6", robots: [{ name: ROBOT.username, secret: ROBOT.password }], login: ROBOT },
  { id: "user", version: "2.15.2", login: { username: "admin", password: "Harbor12345" } },
  { id: "badcred", version: "2.11.2", login: { username: "admin", password: "wrong" } },
];

let sim: HarborSim;
let collector: Collector;
const ids: Record<string, string> = {};
const options = { databaseUrl: process.env.DATABASE_URL!, concurrency: 8, intervalSeconds: 60, timeoutMs: 2_000, retentionDays: 14, schedule: false };

async function sweep(instanceIds: string[]) {
  const { sweepId } = await collector.startSweep({ trigger: "manual", instanceIds });
  const until = Date.now() + 30_000;
  for (;;) {
    const s = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } });
    if (s.finishedAt) return s;
    if (Date.now() > until) throw new Error(`sweep stuck at ${s.done}/${s.total}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const status = (name: string) => db.instanceStatus.findUniqueOrThrow({ where: { instanceId: ids[name] } });
const checkCalls = (from: number) => sim.exchanges.slice(from).filter((e) => e.path.endsWith("/users/current") || e.path.endsWith("/robots"));

beforeAll(async () => {
  sim = await startHarborSim({ instances: FLEET, record: true });
  for (const f of FLEET) {
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `cred-${f.id}-${suffix}`,
        environment: "staging",
        baseUrl: sim.get(f.id).baseUrl,
        username: f.login.username,
        secret: f.login.password,
        caBundle: "",
        deploymentMode: "helm",
      }),
      actor,
      requestId: "collector-credentials-test",
    });
    ids[f.id] = created.id;
  }
  collector = await startCollector(options);
}, 60_000);

afterAll(async () => {
  await collector?.stop();
  await sim?.stop();
});

describe("collector credential check", () => {
  it("records the account kind and, for robots on 2.2+, the robot's expiry", async () => {
    const from = sim.exchanges.length;
    await sweep(Object.values(ids));
    expect(await status("robot-soon")).toMatchObject({
      credential: "valid",
      credentialKind: "robot",
      robotExpiry: "expires",
      robotExpiresAt: new Date(EXPIRES * 1000),
    });
    expect((await status("robot-soon")).credentialCheckedAt).toBeInstanceOf(Date);
    expect(await status("robot-hidden")).toMatchObject({ credentialKind: "robot", robotExpiry: "not_visible", robotExpiresAt: null });
    expect(await status("robot-never")).toMatchObject({ credentialKind: "robot", robotExpiry: "never", robotExpiresAt: null });
    expect(await status("robot-legacy")).toMatchObject({ credentialKind: "robot", robotExpiry: null, robotExpiresAt: null });
    expect(await status("user")).toMatchObject({ credentialKind: "user", robotExpiry: null });
    // A rejected credential: handled as before (credential "invalid"); the check learned nothing but ran.
    const bad = await status("badcred");
    expect(bad).toMatchObject({ credential: "invalid", credentialKind: null, robotExpiry: null });
    expect(bad.credentialCheckedAt).toBeInstanceOf(Date);
    // One users/current per instance; the robot list only where a robot on 2.2+ is registered.
    const calls = checkCalls(from);
    expect(calls.filter((e) => e.path.endsWith("/users/current"))).toHaveLength(FLEET.length);
    expect(
      calls
        .filter((e) => e.path.endsWith("/robots"))
        .map((e) => e.instanceId)
        .sort(),
    ).toEqual(["robot-hidden", "robot-never", "robot-soon"]);

    const row = await getFleetRow(ids["robot-soon"]);
    expect(row).toMatchObject({ credentialKind: "robot", robotExpiry: "expires", robotExpiresAt: new Date(EXPIRES * 1000).toISOString() });
    const summary = await getFleetSummary(new Date(), { q: suffix });
    expect(summary).toMatchObject({ total: FLEET.length, credentialsExpiring: 1 });
    // Seen from 30 days ago it is not within 14 days yet; never-expiring and hidden robots never count.
    expect((await getFleetSummary(new Date(Date.now() - 30 * 86_400_000), { q: suffix })).credentialsExpiring).toBe(0);
    expect((await getFleetSummary(new Date(Date.now() + 365 * 86_400_000), { q: suffix })).credentialsExpiring).toBe(1);
  });

  it("is not repeated on the next round within the hour, and the findings are kept", async () => {
    const before = await status("robot-soon");
    const badBefore = await status("badcred");
    const from = sim.exchanges.length;
    await sweep(Object.values(ids));
    expect(checkCalls(from)).toEqual([]);
    // The round itself did run.
    expect(sim.exchanges.slice(from).filter((e) => e.path.endsWith("/health"))).toHaveLength(FLEET.length);
    const after = await status("robot-soon");
    expect(after.checkedAt!.getTime()).toBeGreaterThan(before.checkedAt!.getTime());
    expect(after).toMatchObject({
      credentialKind: "robot",
      robotExpiry: "expires",
      robotExpiresAt: before.robotExpiresAt,
      credentialCheckedAt: before.credentialCheckedAt,
    });
    // A rejected credential is not retried every round either (Harbor slows and locks failed logins).
    expect((await status("badcred")).credentialCheckedAt).toEqual(badBefore.credentialCheckedAt);
  });

  it("runs again once the hour has passed, or at the next poll after the credential is edited", async () => {
    await db.instanceStatus.update({ where: { instanceId: ids["robot-soon"] }, data: { credentialCheckedAt: new Date(Date.now() - 61 * 60_000) } });
    const inst = (await getInstance(ids.user))!;
    const edit = { ...inst, labels: inst.labels.join(", "), caBundle: "", secret: "Harbor12345" };
    await updateInstance({ input: ZInstanceUpdateInput.parse(edit), actor, requestId: "collector-credentials-test" });
    expect((await status("user")).credentialCheckedAt).toBeNull();
    const from = sim.exchanges.length;
    await sweep(Object.values(ids));
    expect(
      checkCalls(from)
        .filter((e) => e.path.endsWith("/users/current"))
        .map((e) => e.instanceId)
        .sort(),
    ).toEqual(["robot-soon", "user"]);
    expect(await status("user")).toMatchObject({ credentialKind: "user" });
    expect((await status("robot-soon")).credentialCheckedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
