/**
 * Issue #18, adoption against PostgreSQL: the three staging nodes' harbor.yml become a revision through the checked
 * save path — the not-represented list stored on it, the files' secrets encrypted (never in the row, the audit or the
 * preview), the instance marked running, a stale base refused as a conflict; refused files write nothing; and the
 * actions demand the operator role.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { adoptTopologyAction, previewAdoptionAction } from "@/lib/actions/adopt";
import { getConfigDownload } from "@/lib/fleet/config";
import { getDeployedRevision, getDrift } from "@/lib/fleet/instance-health";
import { createInstance } from "@/lib/fleet/instances";
import { getTopologyRevision, saveTopology } from "@/lib/fleet/topology";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { ZTopology } from "@/lib/schemas/topology";
import { DEMO_FLEET } from "../harbor-sim/demo-fleet";
import { strFromU8, unzipSync } from "fflate";
import { session } from "../support/mock-auth";

// Server actions read the session through lib/auth; here the test decides who is signed in.
vi.mock("@/lib/auth", () => import("../support/mock-auth"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const DIR = path.resolve(import.meta.dirname, "../support/fixtures/adopt/staging");
const files = [1, 2, 3].map((n) => ({ file: `harbor-${n}.yml`, text: fs.readFileSync(path.join(DIR, `harbor-${n}.yml`), "utf8") }));
const upload = { kind: "harbor-yml" as const, files };
const SECRETS = ["Staging-Admin-1", "Staging-Db-Pass-1", "Staging-Redis-1"];
const suffix = Math.random().toString(36).slice(2, 7);
const operator = { id: "00000000-0000-4000-8000-0000000000a1", email: "adopt-op@example.com", role: "operator" as const, mustChangePassword: false };
let instanceId: string;

beforeAll(async () => {
  const created = await createInstance({
    input: ZInstanceCreateInput.parse({
      name: `adopt-${suffix}`,
      environment: "staging",
      baseUrl: "http://127.0.0.1:9",
      username: "admin",
      secret: "Harbor12345",
      deploymentMode: "docker_compose",
    }),
    actor: { id: null, email: "setup@example.com" },
    requestId: "adopt",
  });
  instanceId = created.id;
  // the staging demo's recorded revision 1 (test/harbor-sim/demo-fleet.ts): three nodes behind HAProxy, 2.8.6
  const t = ZTopology.parse(DEMO_FLEET.find((d) => d.spec.id === "staging-eu")!.topology);
  const saved = await saveTopology({
    instanceId,
    baseRevision: 0,
    input: t,
    message: "recorded",
    actor: { id: null, email: "setup@example.com" },
    requestId: "adopt",
  });
  expect(saved).toMatchObject({ ok: true });
});
afterAll(async () => {
  await db.harborInstance.deleteMany({ where: { id: instanceId } });
});

describe("adopting the staging nodes' files", () => {
  it("is refused to viewers, and writes nothing", async () => {
    session.user = { ...operator, role: "viewer" } as never;
    const r = await adoptTopologyAction({ instanceId, baseRevision: 1, upload });
    expect(r).toMatchObject({ code: "forbidden" });
    expect(await previewAdoptionAction({ instanceId, upload })).toMatchObject({ code: "forbidden" });
    expect(await db.topologyRevision.count({ where: { instanceId } })).toBe(1);
  });

  it("previews the diff against revision 1, the node differences and the not-represented list, without a secret", async () => {
    session.user = operator;
    const r = await previewAdoptionAction({ instanceId, upload });
    if (!("data" in r) || !r.data.ok) throw new Error(JSON.stringify(r));
    expect(r.data.baseRevision).toBe(1);
    expect(r.data.changes).toEqual(
      expect.arrayContaining([
        { field: "components.jobservice.maxJobWorkers", before: "10", after: "20" },
        { field: "adminPassword", before: "********", after: "********" },
      ]),
    );
    expect(r.data.nodeDifferences.map((d) => d.path)).toEqual(["log.level"]);
    expect(r.data.notRepresented.map((n) => n.path)).toEqual(["trivy.ignore_unfixed", "uaa.ca_file"]);
    expect(r.data.issues.filter((i) => i.severity === "error")).toEqual([]);
    for (const s of SECRETS) expect(JSON.stringify(r)).not.toContain(s);
  });

  it("refuses a file that is not YAML at that file, writing nothing", async () => {
    const bad = { kind: "harbor-yml" as const, files: [files[0], { file: "harbor-2.yml", text: "hostname: [" }] };
    const r = await adoptTopologyAction({ instanceId, baseRevision: 1, upload: bad });
    expect(r).toEqual({ data: { ok: false, reason: "refused", errors: [{ file: "harbor-2.yml", message: expect.stringMatching(/^Not valid YAML/) }] } });
    expect(await db.topologyRevision.count({ where: { instanceId } })).toBe(1);
  });

  it("refuses more files than the body bound allows, before any work", async () => {
    const big = { kind: "harbor-yml" as const, files: [1, 2].map((n) => ({ file: `h${n}.yml`, text: "x".repeat(250 * 1024) })) };
    const r = await previewAdoptionAction({ instanceId, upload: big });
    expect(r).toMatchObject({ validationErrors: { upload: [expect.stringMatching(/KiB together/)] } });
  });

  it("saves revision 2 with the list, the secrets encrypted, the instance running, audited", async () => {
    const before = await db.harborInstance.findUniqueOrThrow({ where: { id: instanceId }, select: { lifecycle: true } });
    expect(before.lifecycle).toBe("planned");
    const r = await adoptTopologyAction({ instanceId, baseRevision: 1, upload });
    if (!("data" in r) || !r.data.ok) throw new Error(JSON.stringify(r));
    expect(r.data.revision.revision).toBe(2);
    const row = await db.topologyRevision.findUniqueOrThrow({ where: { instanceId_revision: { instanceId, revision: 2 } } });
    expect(row.adoptedFrom).toBe("harbor.yml of 3 nodes (Harbor 2.8)");
    expect((row.notRepresented as Array<{ path: string }>).map((n) => n.path)).toEqual(["trivy.ignore_unfixed", "uaa.ca_file"]);
    for (const s of SECRETS) expect(JSON.stringify(row)).not.toContain(s);
    const dto = await getTopologyRevision({ instanceId });
    expect(dto?.adoption?.notRepresented).toHaveLength(2);
    expect(dto?.secretsSet).toEqual(expect.arrayContaining(["adminPassword", "database.password", "redis.password"]));
    expect(dto?.topology.deployment.nodes.map((n) => n.address)).toEqual(["10.20.0.11", "10.20.0.12", "10.20.0.13"]);
    const after = await db.harborInstance.findUniqueOrThrow({ where: { id: instanceId }, select: { lifecycle: true } });
    expect(after.lifecycle).toBe("running");
    const audits = await db.auditEvent.findMany({ where: { targetId: instanceId, action: { in: ["topology.adopt", "instance.lifecycle"] } } });
    expect(audits.map((a) => a.action).sort()).toEqual(["instance.lifecycle", "topology.adopt"]);
    for (const s of SECRETS) expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toContain(s);

    // a running instance's bundle: the files' own secrets, no shared key, no install step
    const dl = await getConfigDownload({ instanceId, revision: 2, actor: operator, requestId: "adopt" });
    if (!dl || !dl.ok) throw new Error("no download");
    const zip = unzipSync(dl.zip);
    const names = Object.keys(zip);
    expect(names.filter((n) => /secretkey|private_key\.pem|root\.crt/.test(n))).toEqual([]);
    const readme = strFromU8(zip[names.find((n) => n.endsWith("README.md"))!]);
    expect(readme).not.toContain("install.sh");
    expect(strFromU8(zip[names.find((n) => n.endsWith("nodes/harbor-1/harbor.yml"))!])).toContain("Staging-Db-Pass-1");
  });

  it("refuses a save on a stale base as a conflict", async () => {
    const r = await adoptTopologyAction({ instanceId, baseRevision: 1, upload });
    expect(r).toMatchObject({ code: "conflict", conflict: { current: { revision: 2 } } });
    expect(r).toMatchObject({ serverError: expect.stringMatching(/^Revision 2 was saved by .+ since you opened this topology\.$/) });
    expect(await db.topologyRevision.count({ where: { instanceId } })).toBe(2);
  });

  it("the instance page's drift: a newer revision that was never deployed, or that the console cannot tell", async () => {
    await db.instanceStatus.upsert({
      where: { instanceId },
      create: { instanceId, harborVersion: "2.8.6", externalUrl: "https://harbor.staging.example.com", storageProvider: "filesystem", checkedAt: new Date() },
      update: { harborVersion: "2.8.6", externalUrl: "https://harbor.staging.example.com", storageProvider: "filesystem", checkedAt: new Date() },
    });
    // r2 (adopted) and r1 agree on everything the API shows
    expect(await getDeployedRevision(instanceId)).toMatchObject({ kind: "ambiguous", revision: 2, alsoMatches: 1 });
    expect((await getDrift(instanceId)).map((d) => d.field)).not.toContain("Undeployed revision");

    const current = await getTopologyRevision({ instanceId });
    const next = structuredClone(current!.topology);
    next.access.hostname = "registry.staging.example.com";
    next.deployment.loadBalancer.address = "registry.staging.example.com";
    expect(
      await saveTopology({
        instanceId,
        baseRevision: 2,
        input: next,
        message: "new name",
        actor: { id: null, email: "setup@example.com" },
        requestId: "adopt",
      }),
    ).toMatchObject({ ok: true });
    expect(await getDeployedRevision(instanceId)).toMatchObject({
      kind: "undeployed",
      latest: 3,
      matches: 2,
      text: expect.stringMatching(/^r3 saved less than an hour ago; the instance still matches r2/),
    });
    expect(await getDrift(instanceId)).toEqual(expect.arrayContaining([expect.objectContaining({ field: "Undeployed revision", live: "matches r2" })]));
  });
});

describe("adopting a Helm release", () => {
  const values = fs.readFileSync(path.resolve(import.meta.dirname, "../support/fixtures/adopt/helm-1.15.2.values.yaml"), "utf8");
  let helmId: string;
  beforeAll(async () => {
    const created = await createInstance({
      input: ZInstanceCreateInput.parse({
        name: `adopt-helm-${suffix}`,
        environment: "production",
        baseUrl: "http://127.0.0.1:9",
        username: "admin",
        secret: "Harbor12345",
        deploymentMode: "helm",
      }),
      actor: { id: null, email: "setup@example.com" },
      requestId: "adopt",
    });
    helmId = created.id;
  });
  afterAll(async () => {
    await db.harborInstance.deleteMany({ where: { id: helmId } });
  });

  it("makes the first revision from helm get values and the chart version; the release's shared keys stay out", async () => {
    session.user = operator;
    const r = await adoptTopologyAction({
      instanceId: helmId,
      baseRevision: 0,
      upload: { kind: "helm", file: "values.yaml", text: values, chartVersion: "1.15.2" },
    });
    if (!("data" in r) || !r.data.ok) throw new Error(JSON.stringify(r));
    const dto = await getTopologyRevision({ instanceId: helmId });
    expect(dto).toMatchObject({
      revision: 1,
      harborVersion: "2.11.2",
      deploymentKind: "helm",
      adoption: { source: "Helm values (chart 1.15.2, Harbor 2.11.2)" },
    });
    expect(dto?.adoption?.notRepresented.map((n) => n.path)).toEqual(expect.arrayContaining(["secretKey", "core.xsrfKey"]));
    expect(await db.instanceConfigSecrets.count({ where: { instanceId: helmId } })).toBe(0);
    const row = await db.topologyRevision.findFirstOrThrow({ where: { instanceId: helmId } });
    expect(JSON.stringify(row)).not.toMatch(/not-a-secure-key|Eu-Db-Pass-1|Eu-Admin-Initial-1/);
  });

  it("keeps the stored admin password when the values leave it out, and refuses an unmapped chart at its field", async () => {
    const without = values.replace(/^harborAdminPassword:.*\n/m, "");
    const r = await adoptTopologyAction({
      instanceId: helmId,
      baseRevision: 1,
      upload: { kind: "helm", file: "values.yaml", text: without, chartVersion: "1.15.2" },
    });
    if (!("data" in r) || !r.data.ok) throw new Error(JSON.stringify(r));
    expect((await getTopologyRevision({ instanceId: helmId }))?.secretsSet).toContain("adminPassword");
    const bad = await previewAdoptionAction({ instanceId: helmId, upload: { kind: "helm", file: "values.yaml", text: values, chartVersion: "2.0.0" } });
    expect(bad).toEqual({ data: { ok: false, errors: [{ file: "chart version", message: expect.stringContaining("not a harbor-helm chart version") }] } });
  });
});
