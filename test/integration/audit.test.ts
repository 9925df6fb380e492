import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AUDIT_PAGE_SIZE, listAuditEvents, recordAudit } from "@/lib/fleet/audit";
import { createInstance, deleteInstance, getInstance, updateInstance } from "@/lib/fleet/instances";
import { ZAuditListParams } from "@/lib/schemas/audit";
import { ZInstanceCreateInput, ZInstanceUpdateInput } from "@/lib/schemas/instance";

const rand = () => crypto.randomBytes(4).toString("hex");
const actor = { id: null, email: "auditor@example.com" };
const input = (over: Record<string, unknown> = {}) =>
  ZInstanceCreateInput.parse({
    name: `audit-${rand()}`,
    environment: "staging",
    labels: "region=eu",
    baseUrl: "https://127.0.0.1:9/harbor",
    username: "robot$audit",
    secret: `Initial-Secret-${rand()}`,
    deploymentMode: "docker_compose",
    ...over,
  });

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs sql in a transaction that is always rolled back, so a missing guard cannot damage the shared table. */
async function attemptAndRollback(sql: string, params: unknown[] = []): Promise<unknown> {
  return withClient(async (c) => {
    await c.query("begin");
    try {
      await c.query(sql, params);
      return null;
    } catch (e) {
      return e;
    } finally {
      await c.query("rollback");
    }
  });
}

const auditRows = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { id: "asc" } });

describe("AuditEvent is append-only at the database", () => {
  let id: bigint;
  beforeAll(async () => {
    const row = await db.auditEvent.create({
      data: { actorEmail: `raw-${rand()}@example.com`, action: "test.raw", targetType: "session", targetName: "original" },
    });
    id = row.id;
  });

  it("accepts inserts", async () => {
    const r = await withClient((c) =>
      c.query(`insert into "AuditEvent" ("actorEmail", action, "targetType") values ($1, 'test.insert', 'session') returning id`, [
        `ins-${rand()}@example.com`,
      ]),
    );
    expect(r.rowCount).toBe(1);
  });

  it("refuses UPDATE", async () => {
    const err = (await attemptAndRollback(`update "AuditEvent" set "targetName" = 'tampered' where id = $1`, [id.toString()])) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id } })).targetName).toBe("original");
  });

  it("refuses UPDATE through Prisma too", async () => {
    await expect(db.auditEvent.update({ where: { id }, data: { action: "test.tampered" } })).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id } })).action).toBe("test.raw");
  });

  it("refuses DELETE", async () => {
    const err = (await attemptAndRollback(`delete from "AuditEvent" where id = $1`, [id.toString()])) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/append-only/);
    expect(await db.auditEvent.count({ where: { id } })).toBe(1);
  });

  it("refuses TRUNCATE", async () => {
    const before = await db.auditEvent.count();
    const err = (await attemptAndRollback(`truncate "AuditEvent"`)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/append-only/);
    expect(await db.auditEvent.count()).toBeGreaterThanOrEqual(before);
  });
});

describe("an audit row's time is when it was inserted", () => {
  it("a row inserted late in a long transaction is not dated before a row committed meanwhile (ids and times agree)", async () => {
    const tag = rand();
    const insert = (c: pg.Client, key: string) =>
      c.query<{ id: string; at: Date }>(
        `insert into "AuditEvent" ("actorEmail", action, "targetType", "targetName") values ($1, 'test.order', 'test', $2) returning id, at`,
        [`order.${tag}@example.com`, key],
      );
    const [late, early] = await withClient(async (slow) => {
      await slow.query("begin");
      await slow.query("select pg_sleep(0.3)"); // the transaction started well before its insert
      const other = await withClient((c) => insert(c, "committed-meanwhile"));
      const mine = await insert(slow, "inserted-late");
      await slow.query("commit");
      return [mine.rows[0], other.rows[0]];
    });
    expect(BigInt(late.id)).toBeGreaterThan(BigInt(early.id));
    expect(late.at.getTime()).toBeGreaterThanOrEqual(early.at.getTime());
  });
});

describe("instance changes write exactly one audit row, secrets masked", () => {
  it("create, update (same secret, new secret) and delete each add one row with the secret never in clear", async () => {
    const first = input();
    const secrets = [first.secret];
    const created = await createInstance({ input: first, actor, requestId: "a-create" });
    let rows = await auditRows(created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "instance.create",
      targetType: "instance",
      targetName: first.name,
      actorEmail: actor.email,
      requestId: "a-create",
      before: null,
    });
    expect(rows[0].after).toMatchObject({
      name: first.name,
      environment: "staging",
      labels: ["region=eu"],
      baseUrl: "https://127.0.0.1:9/harbor",
      username: "robot$audit",
      secret: "[set]",
    });

    // edit without touching the secret
    const edit1 = ZInstanceUpdateInput.parse({
      ...input({ name: created.name, description: "first edit" }),
      id: created.id,
      version: created.version,
      secret: "",
    });
    const v2 = await updateInstance({ input: edit1, actor, requestId: "a-update-1" });
    rows = await auditRows(created.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ action: "instance.update", requestId: "a-update-1" });
    expect(rows[1].before).toMatchObject({ description: "", secret: "[set]" });
    expect(rows[1].after).toMatchObject({ description: "first edit", secret: "[set]" });

    // edit with a new secret
    const newSecret = `Rotated-Secret-${rand()}`;
    secrets.push(newSecret);
    const edit2 = ZInstanceUpdateInput.parse({
      ...input({ name: created.name, description: "rotated" }),
      id: created.id,
      version: v2.version,
      secret: newSecret,
    });
    await updateInstance({ input: edit2, actor, requestId: "a-update-2" });
    rows = await auditRows(created.id);
    expect(rows).toHaveLength(3);
    expect(rows[2].before).toMatchObject({ secret: "[set]" });
    expect(rows[2].after).toMatchObject({ secret: "[changed]", description: "rotated" });

    await deleteInstance({ id: created.id, actor, requestId: "a-delete" });
    rows = await auditRows(created.id);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ action: "instance.delete", targetName: created.name, requestId: "a-delete", after: null });
    expect(rows[3].before).toMatchObject({ name: created.name, description: "rotated", secret: "[set]" });

    const everything = JSON.stringify(rows.map((r) => ({ ...r, id: r.id.toString() })));
    for (const s of secrets) expect(everything).not.toContain(s);
  });

  it("a failed update (stale version) writes no audit row", async () => {
    const created = await createInstance({ input: input(), actor, requestId: "s1" });
    const stale = ZInstanceUpdateInput.parse({ ...input({ name: created.name }), id: created.id, version: created.version + 5, secret: "" });
    await expect(updateInstance({ input: stale, actor, requestId: "s2" })).rejects.toMatchObject({ code: "conflict" });
    expect(await auditRows(created.id)).toHaveLength(1);
  });

  describe("the change and its audit row commit together", () => {
    const poison = `poison-${rand()}`;
    const constraint = `tmp_audit_reject_${rand()}`;
    let toDelete: Awaited<ReturnType<typeof createInstance>>;
    let toUpdate: Awaited<ReturnType<typeof createInstance>>;

    beforeAll(async () => {
      toDelete = await createInstance({ input: input({ name: `${poison}-del` }), actor, requestId: "p0" });
      toUpdate = await createInstance({ input: input({ description: "untouched" }), actor, requestId: "p1" });
      // From now on the audit insert fails for any target named poison-*: the instance change must roll back with it.
      await withClient((c) => c.query(`alter table "AuditEvent" add constraint ${constraint} check ("targetName" not like '${poison}%') not valid`));
    });
    afterAll(async () => {
      await withClient((c) => c.query(`alter table "AuditEvent" drop constraint if exists ${constraint}`));
    });

    it("create", async () => {
      const name = `${poison}-new`;
      await expect(createInstance({ input: input({ name }), actor, requestId: "p2" })).rejects.toThrow();
      expect(await db.harborInstance.count({ where: { name } })).toBe(0);
    });

    it("update", async () => {
      const edit = ZInstanceUpdateInput.parse({
        ...input({ name: `${poison}-upd`, description: "changed" }),
        id: toUpdate.id,
        version: toUpdate.version,
        secret: "Another-Secret-123",
      });
      const before = await db.harborInstance.findUniqueOrThrow({ where: { id: toUpdate.id } });
      await expect(updateInstance({ input: edit, actor, requestId: "p3" })).rejects.toThrow();
      const after = await db.harborInstance.findUniqueOrThrow({ where: { id: toUpdate.id } });
      expect(after).toEqual(before);
      expect(await auditRows(toUpdate.id)).toHaveLength(1);
    });

    it("delete", async () => {
      await expect(deleteInstance({ id: toDelete.id, actor, requestId: "p4" })).rejects.toThrow();
      expect(await getInstance(toDelete.id)).not.toBeNull();
      expect(await auditRows(toDelete.id)).toHaveLength(1);
    });
  });
});

describe("listAuditEvents", () => {
  const tag = rand();
  const actorA = { id: null, email: `Alice.${tag}@Example.COM` };
  const actorB = { id: null, email: `bob.${tag}@example.com` };
  const ids: Record<string, bigint> = {};

  beforeAll(async () => {
    const events = [
      { key: "a1", actor: actorA, action: "instance.create", targetType: "instance" as const, targetId: `id-${tag}-1`, targetName: `Harbor-EU-${tag}` },
      { key: "b1", actor: actorB, action: "user.role", targetType: "user" as const, targetId: `id-${tag}-2`, targetName: `carol.${tag}@example.com` },
      { key: "a2", actor: actorA, action: "instance.update", targetType: "instance" as const, targetId: `id-${tag}-1`, targetName: `Harbor-EU-${tag}` },
      { key: "b2", actor: actorB, action: "instance.delete", targetType: "instance" as const, targetId: `id-${tag}-3`, targetName: `harbor-us-${tag}` },
      { key: "a3", actor: actorA, action: "session.sign_in", targetType: "session" as const, targetId: `id-${tag}-4`, targetName: actorA.email },
    ];
    for (const e of events) {
      await db.$transaction((tx) => recordAudit(tx, { ...e, requestId: e.key }));
      ids[e.key] = (await db.auditEvent.findFirstOrThrow({ where: { requestId: e.key, targetId: e.targetId, action: e.action }, orderBy: { id: "desc" } })).id;
    }
  });

  const keys = (events: { id: string }[]) => events.map((e) => Object.entries(ids).find(([, v]) => v.toString() === e.id)?.[0] ?? "other");
  const list = (raw: Record<string, unknown>) => listAuditEvents(ZAuditListParams.parse(raw));

  it("returns newest first", async () => {
    const all = await list({});
    const idsDesc = all.events.map((e) => BigInt(e.id));
    for (let i = 1; i < idsDesc.length; i++) expect(idsDesc[i] < idsDesc[i - 1]).toBe(true);
    for (let i = 1; i < all.events.length; i++) expect(all.events[i].at <= all.events[i - 1].at).toBe(true);
    expect(all.events.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
  });

  it("filters by actor, as a case-insensitive substring", async () => {
    expect(keys((await list({ actor: `alice.${tag}` })).events)).toEqual(["a3", "a2", "a1"]);
    expect(keys((await list({ actor: `ALICE.${tag.toUpperCase()}@example.com` })).events)).toEqual(["a3", "a2", "a1"]);
    expect(keys((await list({ actor: `.${tag}@` })).events)).toEqual(["a3", "b2", "a2", "b1", "a1"]);
  });

  it("filters by action and by target type", async () => {
    expect(keys((await list({ actor: tag, action: "instance.update" })).events)).toEqual(["a2"]);
    expect(keys((await list({ actor: tag, targetType: "instance" })).events)).toEqual(["b2", "a2", "a1"]);
    expect(keys((await list({ actor: tag, targetType: "user" })).events)).toEqual(["b1"]);
    const byAction = await list({ action: "session.sign_in" });
    expect(byAction.events.every((e) => e.action === "session.sign_in")).toBe(true);
    expect(keys(byAction.events)).toContain("a3");
  });

  it("filters by target name (case-insensitive substring) or exact target id", async () => {
    expect(keys((await list({ target: `harbor-eu-${tag}` })).events)).toEqual(["a2", "a1"]);
    expect(keys((await list({ target: `HARBOR-` + "US-" + tag })).events)).toEqual(["b2"]);
    expect(keys((await list({ target: `id-${tag}-2` })).events)).toEqual(["b1"]);
    expect(keys((await list({ target: `-${tag}-` })).events)).toEqual([]); // ids match exactly, not by substring
    expect(keys((await list({ actor: `bob.${tag}`, target: "harbor" })).events)).toEqual(["b2"]);
  });

  it("pages with a keyset `before` cursor without overlap or gaps", async () => {
    const pager = { id: null, email: `pager.${rand()}@example.com` };
    const total = AUDIT_PAGE_SIZE + 12;
    await db.$transaction(async (tx) => {
      for (let i = 0; i < total; i++) await recordAudit(tx, { actor: pager, action: "test.page", targetType: "session", targetName: `page-${i}` });
    });
    const first = await list({ actor: pager.email });
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextBefore).toBe(Number(first.events[AUDIT_PAGE_SIZE - 1].id));
    expect(first.events[0].targetName).toBe(`page-${total - 1}`);

    const second = await list({ actor: pager.email, before: String(first.nextBefore) });
    expect(second.events).toHaveLength(total - AUDIT_PAGE_SIZE);
    expect(second.nextBefore).toBeNull();
    expect(second.events.at(-1)?.targetName).toBe("page-0");

    const seen = [...first.events, ...second.events].map((e) => e.id);
    expect(new Set(seen).size).toBe(total);
    const names = [...first.events, ...second.events].map((e) => e.targetName);
    expect(names).toEqual(Array.from({ length: total }, (_, i) => `page-${total - 1 - i}`));

    // a new event after the first page does not shift the second page
    await db.$transaction((tx) => recordAudit(tx, { actor: pager, action: "test.page", targetType: "session", targetName: "late" }));
    const again = await list({ actor: pager.email, before: String(first.nextBefore) });
    expect(again.events.map((e) => e.id)).toEqual(second.events.map((e) => e.id));
  });

  it("returns nextBefore null when everything fits on one page", async () => {
    const r = await list({ actor: `alice.${tag}` });
    expect(r.nextBefore).toBeNull();
  });
});
