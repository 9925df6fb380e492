/**
 * Issue #18, against PostgreSQL and the Harbor simulator: a new registration is planned until the collector first
 * reaches it, then running for good (audited once); only a never-reached instance can be marked planned; a running
 * instance's topology save refuses another version line or an older release at the harborVersion field and lets a
 * patch through with a warning; and what a running instance downloads holds no shared key and installs nothing.
 */
import crypto from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { pollBatch } from "@/lib/fleet/collector/batch";
import { getConfigDownload, getConfigPreview } from "@/lib/fleet/config";
import { createInstance, getInstance, setInstanceLifecycle } from "@/lib/fleet/instances";
import { saveTopology } from "@/lib/fleet/topology";
import { ensureSharedSecrets } from "@/lib/fleet/shared-secrets";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import type { TTopology } from "@/lib/schemas/topology";
import { startHarborSim } from "../harbor-sim";
import type { HarborSim } from "../harbor-sim/types";
import { session } from "../support/mock-auth";
import { haTopology as haFixture } from "../support/ha-topology";

// Server actions read the session through lib/auth; here the test decides who is signed in.
vi.mock("@/lib/auth", () => import("../support/mock-auth"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actor = { id: null, email: "lifecycle@example.com" };
const suffix = Math.random().toString(36).slice(2, 7);
let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "lc-a", version: "2.11.1" },
      { id: "lc-b", version: "2.11.1" },
      { id: "lc-c", version: "2.11.1" },
    ],
  });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

async function register(name: string, baseUrl: string): Promise<string> {
  const created = await createInstance({
    input: ZInstanceCreateInput.parse({
      name: `${name}-${suffix}`,
      environment: "staging",
      baseUrl,
      username: "admin",
      secret: "Harbor12345",
      deploymentMode: "docker_compose",
    }),
    actor,
    requestId: "lc",
  });
  return created.id;
}

const poll = (instanceId: string) => pollBatch([{ instanceId, sweepId: crypto.randomUUID() }], { timeoutMs: 3_000, intervalSeconds: 60 });
const lifecycleAudits = (id: string) => db.auditEvent.findMany({ where: { targetId: id, action: "instance.lifecycle" }, orderBy: { id: "asc" } });

/** 3 nodes, external PostgreSQL, Sentinel, S3 (test/support/ha-topology.ts) of a given version. */
const haTopology = (version: string, over?: (t: TTopology) => void) =>
  haFixture({ version, dbPassword: "pg-Secret-lifecycle", s3Secret: "s3-Secret-lifecycle" }, over);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe("instance lifecycle", () => {
  it("a new registration is planned; the collector's first reach makes it running, once, audited as the system", async () => {
    sim.setFaults("lc-a", { down: true });
    await sim.settled?.("lc-a");
    const id = await register("lc-a", sim.get("lc-a").baseUrl);
    expect(await getInstance(id)).toMatchObject({ lifecycle: "planned", reachedAt: null });

    await poll(id); // down: nothing answered
    expect(await getInstance(id)).toMatchObject({ lifecycle: "planned", reachedAt: null });

    sim.setFaults("lc-a", {});
    await sim.settled?.("lc-a");
    await poll(id);
    const status = await db.instanceStatus.findUniqueOrThrow({ where: { instanceId: id } });
    expect(status.health).toBe("healthy");
    const reached = await getInstance(id);
    expect(reached).toMatchObject({ lifecycle: "running", reachedAt: status.checkedAt!.toISOString() });
    const audits = await lifecycleAudits(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorEmail: "system",
      before: { lifecycle: "planned" },
      after: { lifecycle: "running", reason: "the collector reached it" },
    });

    await poll(id); // later polls change nothing
    expect((await getInstance(id))?.reachedAt).toBe(reached?.reachedAt);
    expect(await lifecycleAudits(id)).toHaveLength(1);

    // A Harbor that answered runs: it cannot be marked planned.
    const e = await refusal(setInstanceLifecycle({ id, lifecycle: "planned", actor, requestId: "lc" }));
    expect(e.code).toBe("validation");
    expect(e.message).toContain("it runs, so it cannot be marked planned");
    expect((await getInstance(id))?.lifecycle).toBe("running");
  }, 60_000);

  it("an instance never reached can be marked running and back to planned by an operator, each change audited", async () => {
    const { setInstanceLifecycleAction } = await import("@/lib/actions/instances");
    const id = await register("lc-never", "https://127.0.0.1:9/never");
    session.user = { id: "00000000-0000-4000-8000-000000000011", email: "viewer@example.com", role: "viewer", mustChangePassword: false };
    expect(await setInstanceLifecycleAction({ id, lifecycle: "running" })).toMatchObject({ code: "forbidden" });
    session.user = { id: "00000000-0000-4000-8000-000000000012", email: "op@example.com", role: "operator", mustChangePassword: false };
    expect(await setInstanceLifecycleAction({ id, lifecycle: "running" })).toMatchObject({ data: { lifecycle: "running" } });
    expect(await setInstanceLifecycleAction({ id, lifecycle: "planned" })).toMatchObject({ data: { lifecycle: "planned" } });
    expect(await setInstanceLifecycleAction({ id, lifecycle: "planned" })).toMatchObject({ data: { lifecycle: "planned" } }); // no change, no audit
    const audits = await lifecycleAudits(id);
    expect(audits.map((a) => [a.actorEmail, a.after])).toEqual([
      ["op@example.com", { lifecycle: "running" }],
      ["op@example.com", { lifecycle: "planned" }],
    ]);
    session.user = null;
  });
});

describe("a running instance's version in a topology save", () => {
  let id: string;
  beforeAll(async () => {
    id = await register("lc-b", sim.get("lc-b").baseUrl);
    await poll(id);
    expect((await getInstance(id))?.lifecycle).toBe("running");
  }, 60_000);

  it("the version it runs saves, and no shared key is generated for it", async () => {
    const r = await saveTopology({ instanceId: id, baseRevision: 0, input: haTopology("2.11.1"), message: "adopt", actor, requestId: "v1" });
    expect(r).toMatchObject({ ok: true, revision: { revision: 1 } });
    expect(r.ok && r.warnings).toBeFalsy();
    expect(await db.instanceConfigSecrets.count({ where: { instanceId: id } })).toBe(0);
  });

  it("another line is refused: this is an upgrade — plan it, at the harborVersion field; nothing is stored", async () => {
    const e = await refusal(saveTopology({ instanceId: id, baseRevision: 1, input: haTopology("2.13.5"), message: "", actor, requestId: "v2" }));
    expect(e.code).toBe("validation");
    expect(e.fieldErrors?.harborVersion?.[0]).toContain("Harbor 2.11.1 → 2.13.5: this is an upgrade — plan it");
    expect(await db.topologyRevision.count({ where: { instanceId: id } })).toBe(1);
  });

  it("an older release is refused too: Harbor does not downgrade", async () => {
    const e = await refusal(saveTopology({ instanceId: id, baseRevision: 1, input: haTopology("2.11.0"), message: "", actor, requestId: "v3" }));
    expect(e.fieldErrors?.harborVersion?.[0]).toContain("Harbor does not downgrade");
    expect(await db.topologyRevision.count({ where: { instanceId: id } })).toBe(1);
  });

  it("through the server action the refusal is a validation error at harborVersion", async () => {
    const { saveTopologyAction } = await import("@/lib/actions/topology");
    session.user = { id: "00000000-0000-4000-8000-000000000013", email: "op@example.com", role: "operator", mustChangePassword: false };
    const res = await saveTopologyAction({ instanceId: id, baseRevision: 1, message: "", topology: haTopology("2.12.4") });
    session.user = null;
    expect(res).toMatchObject({ validationErrors: { harborVersion: [expect.stringContaining("this is an upgrade — plan it")] } });
  });

  it("a later patch of the same line saves, with a warning that names the patch upgrade", async () => {
    const r = await saveTopology({ instanceId: id, baseRevision: 1, input: haTopology("2.11.2"), message: "patch", actor, requestId: "v4" });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.warnings).toEqual([
      expect.objectContaining({ field: "harborVersion", severity: "warning", message: expect.stringContaining("Patch upgrade 2.11.1 → 2.11.2") }),
    ]);
    const [audit] = await db.auditEvent.findMany({ where: { targetId: id, action: "topology.save" }, orderBy: { id: "desc" }, take: 1 });
    expect(audit.after).toMatchObject({ lifecycle: "running", warnings: [expect.stringContaining("Patch upgrade")] });
  });

  it("a planned instance's version is free", async () => {
    const planned = await register("lc-planned", "https://127.0.0.1:9/planned");
    expect((await saveTopology({ instanceId: planned, baseRevision: 0, input: haTopology("2.11.2"), message: "", actor, requestId: "p1" })).ok).toBe(true);
    expect((await saveTopology({ instanceId: planned, baseRevision: 1, input: haTopology("2.13.5"), message: "", actor, requestId: "p2" })).ok).toBe(true);
  });
});

describe("what a running instance downloads", () => {
  it("holds no shared key the console generated while it was planned, and no install step", async () => {
    const id = await register("lc-c", "https://127.0.0.1:9/not-yet");
    // planned: the first save generates the shared keys, and the install bundle carries them
    expect((await saveTopology({ instanceId: id, baseRevision: 0, input: haTopology("2.11.1"), message: "plan", actor, requestId: "d1" })).ok).toBe(true);
    const shared = await ensureSharedSecrets(id);
    const install = await getConfigDownload({ instanceId: id, revision: 1, actor, requestId: "d2" });
    if (!install?.ok) throw new Error("expected a zip");
    expect(Object.keys(unzipSync(install.zip)).some((n) => n.endsWith("secret/keys/secretkey"))).toBe(true);

    // deployed: the collector reaches it, and from then on the bundle reconfigures
    await db.harborInstance.update({ where: { id }, data: { baseUrl: sim.get("lc-c").baseUrl } });
    await poll(id);
    expect((await getInstance(id))?.lifecycle).toBe("running");
    expect(
      (
        await saveTopology({
          instanceId: id,
          baseRevision: 1,
          input: haTopology("2.11.1", (t) => (t.components.jobservice.maxJobWorkers = 20)),
          message: "more workers",
          actor,
          requestId: "d3",
        })
      ).ok,
    ).toBe(true);

    const preview = await getConfigPreview({ instanceId: id, revision: 2 });
    expect(preview).toMatchObject({ ok: true, lifecycle: "running" });
    expect(preview!.files.map((f) => f.path)).toEqual([
      "README.md",
      "nodes/harbor-1/harbor.yml",
      "nodes/harbor-2/harbor.yml",
      "nodes/harbor-3/harbor.yml",
      "loadbalancer/haproxy.cfg",
    ]);

    const download = await getConfigDownload({ instanceId: id, revision: 2, actor, requestId: "d4" });
    if (!download?.ok) throw new Error("expected a zip");
    const zip = unzipSync(download.zip);
    for (const [name, bytes] of Object.entries(zip)) {
      const text = strFromU8(bytes);
      expect(name).not.toMatch(/\/secret\//);
      for (const [key, value] of Object.entries(shared)) expect(text, `${name} holds the shared ${key}`).not.toContain(value.trim());
      expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
    const readme = strFromU8(zip[Object.keys(zip).find((n) => n.endsWith("README.md"))!]);
    for (const step of ["install.sh", "install -m", "install -D", "helm install", "kubectl create namespace", "--reuse-values", "helm rollback"])
      expect(readme).not.toContain(step);
    expect(readme).toContain("Against r1, taken as what runs now: `components.jobservice.maxJobWorkers`.");
    expect(readme).toContain("**One node at a time**");
    const [audit] = await db.auditEvent.findMany({ where: { targetId: id, action: "config.download" }, orderBy: { id: "desc" }, take: 1 });
    expect(audit.after).toMatchObject({ revision: 2, lifecycle: "running" });
  }, 60_000);
});
