import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createInstance, deleteInstance, getInstance, updateInstance } from "@/lib/fleet/instances";
import { ZInstanceUpdateInput } from "@/lib/schemas/instance";
import { actor, attemptAndRollback, auditRows, input, rand, withClient } from "../support/audit-fixtures";

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
