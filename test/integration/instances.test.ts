import pg from "pg";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createInstance, deleteInstance, getInstance, listInstances, updateInstance } from "@/lib/fleet/instances";
import { getInstanceWithCredentials } from "@/lib/fleet/instance-credentials";
import { ZInstanceCreateInput, ZInstanceUpdateInput } from "@/lib/schemas/instance";
import { db } from "@/lib/db";

const actor = { id: null, email: "tester@example.com" };
const input = (over: Record<string, unknown> = {}) =>
  ZInstanceCreateInput.parse({
    name: `inst-${Math.random().toString(36).slice(2, 8)}`,
    environment: "production",
    labels: "region=eu, team=platform",
    baseUrl: "https://127.0.0.1:9/harbor/",
    username: "robot$console",
    secret: "S3cr3t-value-never-in-clear",
    deploymentMode: "helm",
    ...over,
  });

async function rawSecretColumn(id: string): Promise<string> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    const r = await c.query('select "secretCipher" from "HarborInstance" where id = $1', [id]);
    return r.rows[0].secretCipher;
  } finally {
    await c.end();
  }
}

describe("instance registry", () => {
  it("stores the secret encrypted and gives it back only through the credentials function", async () => {
    const created = await createInstance({ input: input(), actor, requestId: "r1" });
    const raw = await rawSecretColumn(created.id);
    expect(raw).not.toContain("S3cr3t");
    expect(raw).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(JSON.stringify(await getInstance(created.id))).not.toContain("S3cr3t");
    expect((await getInstanceWithCredentials(created.id))?.secret).toBe("S3cr3t-value-never-in-clear");
    expect(created.baseUrl).toBe("https://127.0.0.1:9/harbor");
  });

  it("refuses a duplicate name at the name field and writes nothing, audit included", async () => {
    const first = await createInstance({ input: input(), actor, requestId: "r2" });
    const auditBefore = await db.auditEvent.count();
    const err = await createInstance({ input: input({ name: first.name }), actor, requestId: "r3" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.fieldErrors.name[0]).toMatch(/already exists/);
    expect(await db.auditEvent.count()).toBe(auditBefore);
    expect(await db.harborInstance.count({ where: { name: first.name } })).toBe(1);
  });

  it("keeps the stored secret when an edit leaves it empty, and refuses a stale version", async () => {
    const created = await createInstance({ input: input(), actor, requestId: "r4" });
    const cipher = await rawSecretColumn(created.id);
    const edit = ZInstanceUpdateInput.parse({ ...input({ name: created.name, description: "edited" }), id: created.id, version: created.version, secret: "" });
    const updated = await updateInstance({ input: edit, actor, requestId: "r5" });
    expect(updated.description).toBe("edited");
    expect(updated.version).toBe(created.version + 1);
    expect(await rawSecretColumn(created.id)).toBe(cipher);
    const stale = await updateInstance({ input: { ...edit, description: "lost update" }, actor, requestId: "r6" }).catch((e) => e);
    expect(stale).toBeInstanceOf(AppError);
    expect(stale.code).toBe("conflict");
    expect((await getInstance(created.id))?.description).toBe("edited");
  });

  it("keeps the stored secret bound to its URL and TLS trust: moving either needs the secret typed again", async () => {
    const created = await createInstance({ input: input(), actor, requestId: "r7" });
    const cipher = await rawSecretColumn(created.id);
    const edit = (over: Record<string, unknown>) =>
      ZInstanceUpdateInput.parse({ ...input({ name: created.name, ...over }), id: created.id, version: created.version, secret: "" });
    const auditBefore = await db.auditEvent.count();
    for (const over of [{ baseUrl: "https://attacker.example.com/harbor" }, { baseUrl: "https://127.0.0.1:10/harbor" }, { skipTlsVerify: true }]) {
      const err = await updateInstance({ input: edit(over), actor, requestId: "r8" }).catch((e) => e);
      expect(err, JSON.stringify(over)).toBeInstanceOf(AppError);
      expect(err.fieldErrors.secret[0]).toMatch(/enter the secret again/i);
    }
    expect(await db.auditEvent.count()).toBe(auditBefore);
    expect((await getInstance(created.id))?.baseUrl).toBe("https://127.0.0.1:9/harbor");
    // The same URL written differently is the same destination; with the secret typed, the move is fine.
    await updateInstance({ input: edit({ baseUrl: "https://127.0.0.1:9/harbor///", description: "same place" }), actor, requestId: "r9" });
    expect(await rawSecretColumn(created.id)).toBe(cipher);
    const moved = await updateInstance({
      input: { ...edit({ baseUrl: "https://harbor-2.example.com" }), version: created.version + 1, secret: "retyped" },
      actor,
      requestId: "r10",
    });
    expect(moved.baseUrl).toBe("https://harbor-2.example.com");
    expect((await getInstanceWithCredentials(created.id))?.secret).toBe("retyped");
  });

  it("filters by environment, label and label key", async () => {
    const a = await createInstance({ input: input({ environment: "staging", labels: "region=us" }), actor, requestId: "r7" });
    const list = await listInstances({ environment: "staging", label: "region=us", page: 1 });
    expect(list.instances.map((i) => i.id)).toContain(a.id);
    const byKey = await listInstances({ label: "region", page: 1 });
    expect(byKey.instances.map((i) => i.id)).toContain(a.id);
    const none = await listInstances({ environment: "development", label: "region=us", page: 1 });
    expect(none.instances.map((i) => i.id)).not.toContain(a.id);
    await deleteInstance({ id: a.id, actor, requestId: "r8" });
    expect(await getInstance(a.id)).toBeNull();
  });
});
