import { unzipSync, strFromU8 } from "fflate";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { diffConfig, getConfigDownload, getConfigPreview } from "@/lib/fleet/config";
import { getTopologyRevision, getTopologyWithSecrets, saveTopology } from "@/lib/fleet/topology";
import { ensureSharedSecrets } from "@/lib/fleet/shared-secrets";
import { AppError } from "@/lib/errors";
import type { TopologyConflict } from "@/lib/schemas/topology-actions";
import type { TTopology } from "@/lib/schemas/topology";
import { haTopology as haFixture } from "../support/ha-topology";
import { session } from "../support/mock-auth";
import { testInstance } from "../support/test-instance";

// Server actions read the session through lib/auth; here the test decides who is signed in.
vi.mock("@/lib/auth", () => import("../support/mock-auth"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actor = { id: null, email: "operator@example.com" };
const DB_PASSWORD = "pg-Secret-0nly-in-zip";
const S3_SECRET = "s3-Secret-0nly-in-zip";

const newInstance = () =>
  testInstance(
    `topo-${Math.random().toString(36).slice(2, 8)}`,
    { labels: "", baseUrl: "https://127.0.0.1:9/topo", username: "admin", secret: "x", deploymentMode: "docker_compose" },
    { actor },
  );

/** 3 nodes, external PostgreSQL, Sentinel, S3 (test/support/ha-topology.ts), with this file's secrets. */
const haTopology = (over?: (t: TTopology) => void) => haFixture({ dbPassword: DB_PASSWORD, s3Secret: S3_SECRET }, over);

async function raw(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

describe("topology revisions", () => {
  it("stores secrets encrypted apart from the revision, keeps them when a save leaves them empty, and never audits them", async () => {
    const id = await newInstance();
    const first = await saveTopology({ instanceId: id, baseRevision: 0, input: haTopology(), message: "initial", actor, requestId: "r1" });
    expect(first).toMatchObject({ ok: true, revision: { revision: 1, harborVersion: "2.11.2", deploymentKind: "compose", message: "initial" } });

    const [row] = await raw('select topology::text as t, "secretsCipher" as c from "TopologyRevision" where "instanceId" = $1', [id]);
    expect(row.t).not.toContain(DB_PASSWORD);
    expect(row.c).toMatch(/^v1\./);
    expect(row.c).not.toContain(DB_PASSWORD);

    const dto = await getTopologyRevision({ instanceId: id });
    expect(dto?.topology.database.password).toBe("");
    expect(dto?.secretsSet).toEqual(expect.arrayContaining(["database.password", "storage.s3.secretKey", "redis.password", "adminPassword"]));

    // Second save: secrets empty (as the browser sends them), one field changed.
    const edited = { ...dto!.topology, components: { ...dto!.topology.components, jobservice: { ...dto!.topology.components.jobservice, maxJobWorkers: 20 } } };
    const second = await saveTopology({ instanceId: id, baseRevision: 1, input: edited, message: "more workers", actor, requestId: "r2" });
    expect(second.ok).toBe(true);
    const full = await getTopologyWithSecrets({ instanceId: id, revision: 2 });
    expect(full?.topology.database.password).toBe(DB_PASSWORD);
    expect(full?.topology.storage.s3.secretKey).toBe(S3_SECRET);
    expect(full?.topology.components.jobservice.maxJobWorkers).toBe(20);

    const audit = await raw(`select after::text as a from "AuditEvent" where "targetId" = $1 and action = 'topology.save' order by id`, [id]);
    expect(audit).toHaveLength(2);
    expect(audit[1].a).toContain("components.jobservice.maxJobWorkers");
    for (const a of audit) {
      expect(a.a).not.toContain(DB_PASSWORD);
      expect(a.a).not.toContain(S3_SECRET);
    }
  });

  it("two concurrent saves on one revision: one wins, the other gets a conflict naming what changed, nothing is lost", async () => {
    const id = await newInstance();
    await saveTopology({ instanceId: id, baseRevision: 0, input: haTopology(), message: "base", actor, requestId: "c0" });
    const alice = haTopology((t) => (t.components.jobservice.maxJobWorkers = 30));
    const bob = haTopology((t) => (t.storage.s3.bucket = "bob-bucket"));
    const results = await Promise.allSettled([
      saveTopology({ instanceId: id, baseRevision: 1, input: alice, message: "alice", actor: { id: null, email: "alice@example.com" }, requestId: "c1" }),
      saveTopology({ instanceId: id, baseRevision: 1, input: bob, message: "bob", actor: { id: null, email: "bob@example.com" }, requestId: "c2" }),
    ]);
    const winners = results.flatMap((r) => (r.status === "fulfilled" && r.value.ok ? [r.value] : []));
    const losers = results.flatMap((r) => (r.status === "rejected" ? [r.reason as AppError] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const loser = losers[0];
    expect(loser).toBeInstanceOf(AppError);
    expect(loser.code).toBe("conflict");
    const conflict = loser.conflict as TopologyConflict;
    expect(conflict.current.revision).toBe(2);
    const winnerIsAlice = winners[0].revision.message === "alice";
    expect(loser.message).toBe(`Revision 2 was saved by ${winnerIsAlice ? "alice@example.com" : "bob@example.com"} since you opened this topology.`);
    expect(conflict.current.createdBy).toBe(winnerIsAlice ? "alice@example.com" : "bob@example.com");
    expect(conflict.changes.map((c) => c.field)).toEqual([winnerIsAlice ? "components.jobservice.maxJobWorkers" : "storage.s3.bucket"]);

    // Revision 1 is untouched, revision 2 is the winner's; the loser saves on top and gets revision 3.
    expect((await getTopologyRevision({ instanceId: id, revision: 1 }))?.topology.components.jobservice.maxJobWorkers).toBe(10);
    expect(await db.topologyRevision.count({ where: { instanceId: id } })).toBe(2);
    const retry = await saveTopology({ instanceId: id, baseRevision: 2, input: winnerIsAlice ? bob : alice, message: "retry", actor, requestId: "c3" });
    expect(retry).toMatchObject({ ok: true, revision: { revision: 3 } });
  });

  it("removes a stored secret only when asked to (S3 keys → IAM role)", async () => {
    const id = await newInstance();
    await saveTopology({ instanceId: id, baseRevision: 0, input: haTopology(), message: "keys", actor, requestId: "k1" });
    const iam = haTopology((t) => {
      t.storage.s3.accessKey = "";
      t.storage.s3.secretKey = "";
    });
    // an empty field keeps the stored key, so "no access key but a secret key" is refused
    const kept = await saveTopology({ instanceId: id, baseRevision: 1, input: iam, message: "iam", actor, requestId: "k2" });
    expect(kept.ok).toBe(false);
    const cleared = await saveTopology({
      instanceId: id,
      baseRevision: 1,
      input: iam,
      message: "iam",
      clearSecrets: ["storage.s3.secretKey"],
      actor,
      requestId: "k3",
    });
    expect(cleared.ok).toBe(true);
    const full = await getTopologyWithSecrets({ instanceId: id, revision: 2 });
    expect(full?.topology.storage.s3.secretKey).toBe("");
    expect(full?.topology.database.password).toBe(DB_PASSWORD);
  });

  it("refuses an invalid topology with field-level issues and stores nothing", async () => {
    const id = await newInstance();
    const bad = haTopology((t) => {
      t.database.type = "internal";
      t.access.hostname = "127.0.0.1";
    });
    const result = await saveTopology({ instanceId: id, baseRevision: 0, input: bad, message: "", actor, requestId: "i1" });
    if (result.ok || result.reason !== "invalid") throw new Error("expected invalid");
    const fields = result.issues.filter((i) => i.severity === "error").map((i) => i.field);
    expect(fields).toContain("access.hostname");
    expect(fields).toContain("database.type");
    expect(await db.topologyRevision.count({ where: { instanceId: id } })).toBe(0);
  });

  it("generates the shared secrets once, even when asked concurrently", async () => {
    const id = await newInstance();
    const [a, b] = await Promise.all([ensureSharedSecrets(id), ensureSharedSecrets(id)]);
    expect(a).toEqual(b);
    expect(a.secretKey).toHaveLength(16);
    expect(await ensureSharedSecrets(id)).toEqual(a);
  });
});

describe("config preview, diff and download", () => {
  it("masks every secret in the preview and the diff, puts the real ones only in the zip, and audits the download", async () => {
    const id = await newInstance();
    await saveTopology({ instanceId: id, baseRevision: 0, input: haTopology(), message: "r1", actor, requestId: "d1" });
    await saveTopology({
      instanceId: id,
      baseRevision: 1,
      input: haTopology((t) => (t.database.password = "rotated-Pw-secret")),
      message: "rotate",
      actor,
      requestId: "d2",
    });
    const shared = await ensureSharedSecrets(id);

    const preview = await getConfigPreview({ instanceId: id, revision: 2 });
    expect(preview?.ok).toBe(true);
    const previewText = JSON.stringify(preview);
    for (const secret of ["rotated-Pw-secret", S3_SECRET, "redis-pw", "Admin-Initial-Pw-1", shared.secretKey, shared.tokenKey.slice(40, 80)])
      expect(previewText).not.toContain(secret);
    expect(preview!.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(["nodes/harbor-1/harbor.yml", "nodes/harbor-3/harbor.yml", "loadbalancer/haproxy.cfg", "README.md"]),
    );

    const diff = await diffConfig({ instanceId: id, revision: 2, against: { kind: "revision", revision: 1 } });
    expect(diff?.kind).toBe("revision");
    const diffText = JSON.stringify(diff);
    expect(diffText).not.toContain("rotated-Pw-secret");
    expect(diffText).not.toContain(DB_PASSWORD);
    expect(diffText).toContain("external_database.harbor.password");

    const download = await getConfigDownload({ instanceId: id, revision: 2, actor, requestId: "d3" });
    if (!download || !download.ok) throw new Error("expected a zip");
    const files = unzipSync(download.zip);
    const names = Object.keys(files);
    const yml = strFromU8(files[names.find((n) => n.endsWith("nodes/harbor-2/harbor.yml"))!]);
    expect(yml).toContain("rotated-Pw-secret");
    expect(yml).toContain(S3_SECRET);
    expect(strFromU8(files[names.find((n) => n.endsWith("secret/keys/secretkey"))!]).trim()).toBe(shared.secretKey);
    const audit = await raw(`select after::text as a from "AuditEvent" where "targetId" = $1 and action = 'config.download'`, [id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].a).not.toContain("rotated-Pw-secret");
  });

  it("diffs an uploaded harbor.yml by key, lists unknown keys, and refuses what is not YAML", async () => {
    const id = await newInstance();
    await saveTopology({ instanceId: id, baseRevision: 0, input: haTopology(), message: "r1", actor, requestId: "u1" });
    const uploaded = "hostname: old.example.com\nhttp:\n  port: 80\nharbor_admin_password: Harbor12345\nflux_capacitor: true\n";
    const diff = await diffConfig({ instanceId: id, revision: 1, against: { kind: "upload", text: uploaded, fileName: "harbor.yml", node: "harbor-2" } });
    if (diff?.kind !== "upload") throw new Error(`expected an upload diff, got ${JSON.stringify(diff)}`);
    expect(diff.target).toBe("nodes/harbor-2/harbor.yml");
    expect(diff.unknownKeys).toContain("flux_capacitor");
    expect(JSON.stringify(diff.diff)).toContain("hostname");
    expect(JSON.stringify(diff.diff)).not.toContain("Harbor12345");
    expect(JSON.stringify(diff.diff)).not.toContain("Admin-Initial-Pw-1");

    const notYaml = await diffConfig({ instanceId: id, revision: 1, against: { kind: "upload", text: "hostname: [unclosed", fileName: "harbor.yml" } });
    expect(notYaml?.kind).toBe("error");
  });
});

describe("server actions", () => {
  it("a viewer cannot save a topology; an operator can", async () => {
    const { saveTopologyAction } = await import("@/lib/actions/topology");
    const id = await newInstance();
    session.user = { id: "00000000-0000-4000-8000-000000000001", email: "viewer@example.com", role: "viewer", mustChangePassword: false };
    const refused = await saveTopologyAction({ instanceId: id, baseRevision: 0, message: "", topology: haTopology() });
    expect(refused).toMatchObject({ serverError: expect.stringContaining("needs the operator role"), code: "forbidden" });
    expect(await db.topologyRevision.count({ where: { instanceId: id } })).toBe(0);

    session.user = { id: "00000000-0000-4000-8000-000000000002", email: "op@example.com", role: "operator", mustChangePassword: false };
    const saved = await saveTopologyAction({ instanceId: id, baseRevision: 0, message: "", topology: haTopology() });
    expect(saved).toMatchObject({ data: { ok: true, revision: { revision: 1 } } });
  });
});
