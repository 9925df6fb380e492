import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AUDIT_PAGE_SIZE, listAuditEvents, recordAudit } from "@/lib/fleet/audit";
import { ZAuditListParams } from "@/lib/schemas/audit";
import { rand } from "../support/audit-fixtures";

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
