/**
 * A credential that is not a Harbor system admin (a robot never is) sees part of the instance: Harbor's statistics then
 * count the public projects and the private ones it belongs to, and leave the totals and storage out. The collector
 * records the view as partial; the fleet shows a lower bound and leaves it out of the fleet's totals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startCollector, type Collector } from "@/lib/fleet/collector/collector";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { createInstance } from "@/lib/fleet/instances";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { startHarborSim } from "../harbor-sim";
import type { HarborSim, SimInstanceSpec, SimProject } from "../harbor-sim/types";

const suffix = Math.random().toString(36).slice(2, 7);
const label = `partial=${suffix}`;
const ROBOT = { username: "robot$monitor", password: "Monitor-secret1" };
// Twelve projects, one of them public: a robot sees "1", an admin 12.
const PROJECTS: SimProject[] = Array.from({ length: 12 }, (_, i) => ({
  name: `team-${i}`,
  public: i === 0,
  repoCount: 2,
  members: i === 1 ? { dev: "developer" } : undefined,
}));
const FLEET: (SimInstanceSpec & { login: { username: string; password: string } })[] = [
  {
    id: "robot-new",
    version: "2.11.2",
    projects: PROJECTS,
    storageBytes: 5_000_000_000,
    robots: [{ name: ROBOT.username, secret: ROBOT.password, readProjects: ["*"] }],
    login: ROBOT,
  },
  { id: "robot-old", version: "2.0.6", projects: PROJECTS, robots: [{ name: ROBOT.username, secret: ROBOT.password, readProjects: ["*"] }], login: ROBOT },
  {
    id: "member",
    version: "2.11.2",
    projects: PROJECTS,
    users: [
      { username: "admin", password: "Harbor12345", sysadmin: true },
      { username: "dev", password: "Dev-secret1" },
    ],
    login: { username: "dev", password: "Dev-secret1" },
  },
  { id: "admin", version: "2.11.2", projects: PROJECTS, storageBytes: 7_000_000_000, login: { username: "admin", password: "Harbor12345" } },
];

let sim: HarborSim;
let collector: Collector;
const ids: Record<string, string> = {};

async function sweep(instanceIds: string[]) {
  const { sweepId } = await collector.startSweep({ trigger: "manual", instanceIds });
  const until = Date.now() + 30_000;
  for (;;) {
    const s = await db.collectorSweep.findUniqueOrThrow({ where: { id: sweepId } });
    if (s.finishedAt) return;
    if (Date.now() > until) throw new Error(`sweep stuck at ${s.done}/${s.total}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  sim = await startHarborSim({ instances: FLEET });
  for (const f of FLEET) {
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `partial-${f.id}-${suffix}`,
        environment: "staging",
        labels: label,
        baseUrl: sim.get(f.id).baseUrl,
        username: f.login.username,
        secret: f.login.password,
        caBundle: "",
        deploymentMode: "helm",
      }),
      actor: { id: null, email: "partial@example.com" },
      requestId: "partial-view-test",
    });
    ids[f.id] = created.id;
  }
  collector = await startCollector({
    databaseUrl: process.env.DATABASE_URL!,
    concurrency: 4,
    intervalSeconds: 60,
    timeoutMs: 3_000,
    retentionDays: 14,
    schedule: false,
  });
  await sweep(Object.values(ids));
}, 60_000);

afterAll(async () => {
  await collector?.stop();
  await sim?.stop();
});

describe("a partial view is recorded as partial", () => {
  it("a robot on 2.3+ (totals at 0) sees the public project and no storage: partial, storage unknown", async () => {
    expect(await db.instanceStatus.findUniqueOrThrow({ where: { instanceId: ids["robot-new"] } })).toMatchObject({
      usagePartial: true,
      projectCount: 1n,
      storageBytes: null,
    });
    expect(await getFleetRow(ids["robot-new"])).toMatchObject({ usage: "partial", projectCount: 1, repoCount: 2, storageBytes: null, credentialKind: "robot" });
  });

  it("a robot on ≤ 2.2 (totals left out) is partial too", async () => {
    expect(await getFleetRow(ids["robot-old"])).toMatchObject({ usage: "partial", projectCount: 1 });
  });

  it("a user without the admin role counts the public project and the one it belongs to: partial", async () => {
    expect(await getFleetRow(ids.member)).toMatchObject({ usage: "partial", projectCount: 2, repoCount: 4, storageBytes: null, credentialKind: "user" });
  });

  it("a system admin's totals are full, and only they make the fleet's totals", async () => {
    expect(await getFleetRow(ids.admin)).toMatchObject({
      usage: "full",
      projectCount: 12,
      repoCount: 24,
      storageBytes: 7_000_000_000,
      authMode: "db_auth",
      readOnly: false,
    });
    const { usage } = await getFleetSummary(new Date(), { label });
    expect(usage).toEqual({ projects: 12, repos: 24, storageBytes: 7_000_000_000, counted: 1, partial: 3 });
  });
});
