/** Issue #14 finding 5: the outbound allow-list setting — audited, admins only, versioned — and the policy it feeds. */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { forgetCachedPolicy, getOutboundPolicy, getSetting, updateSetting } from "@/lib/fleet/settings";
import { createUser } from "@/lib/fleet/users";
import { session } from "../support/mock-auth";

// Server actions read the session through lib/auth; here the test decides who is signed in.
vi.mock("@/lib/auth", () => import("../support/mock-auth"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const KEY = "outboundAllowList";
let admin: { id: string; email: string };

const auditCount = () => db.auditEvent.count({ where: { targetType: "setting", targetId: KEY } });
const stored = () => db.consoleSetting.findUnique({ where: { key: KEY } });
const version = async () => (await stored())?.updatedAt.toISOString() ?? null;

beforeAll(async () => {
  await db.consoleSetting.deleteMany({ where: { key: KEY } });
  forgetCachedPolicy();
  const { user } = await createUser({
    input: { email: `settings-admin-${crypto.randomBytes(3).toString("hex")}@example.com`, name: "", role: "admin" },
    actor: { id: null, email: "system" },
    requestId: "seed",
  });
  admin = { id: user.id, email: user.email };
});
afterAll(async () => {
  await db.consoleSetting.deleteMany({ where: { key: KEY } });
  forgetCachedPolicy();
});

describe("updateSetting", () => {
  it("never saved: the default (nothing allowed beyond the policy)", async () => {
    expect(await getSetting(KEY)).toEqual({ key: KEY, value: [], updatedAt: null, updatedByEmail: null });
  });

  it("saves the list and its audit event together (before, after, actor, request id)", async () => {
    const first = await updateSetting({ key: KEY, value: ["10.9.0.0/16", "169.254.169.254"], expectedUpdatedAt: null, actor: admin, requestId: "req-set-1" });
    expect(first.value).toEqual(["10.9.0.0/16", "169.254.169.254"]);
    const second = await updateSetting({
      key: KEY,
      value: ["127.0.0.0/8", "127.0.0.0/8"],
      expectedUpdatedAt: first.updatedAt,
      actor: admin,
      requestId: "req-set-2",
    });
    expect(second.value).toEqual(["127.0.0.0/8"]);
    expect(await getSetting(KEY)).toMatchObject({ value: ["127.0.0.0/8"], updatedAt: second.updatedAt, updatedByEmail: admin.email });
    expect((await stored())?.updatedById).toBe(admin.id);
    const events = await db.auditEvent.findMany({ where: { targetType: "setting", targetId: KEY }, orderBy: { id: "asc" } });
    expect(
      events.map((e) => ({ action: e.action, actorId: e.actorId, actorEmail: e.actorEmail, before: e.before, after: e.after, requestId: e.requestId })),
    ).toEqual([
      { action: "setting.update", actorId: admin.id, actorEmail: admin.email, before: null, after: ["10.9.0.0/16", "169.254.169.254"], requestId: "req-set-1" },
      {
        action: "setting.update",
        actorId: admin.id,
        actorEmail: admin.email,
        before: ["10.9.0.0/16", "169.254.169.254"],
        after: ["127.0.0.0/8"],
        requestId: "req-set-2",
      },
    ]);
  });

  it("refuses an invalid list and a stale version; nothing is written", async () => {
    const [before, audits] = [await stored(), await auditCount()];
    await expect(
      updateSetting({ key: KEY, value: ["0x7f000001"], expectedUpdatedAt: before!.updatedAt.toISOString(), actor: admin, requestId: "r" }),
    ).rejects.toMatchObject({ code: "validation" });
    await expect(updateSetting({ key: KEY, value: ["10.0.0.0/8"], expectedUpdatedAt: null, actor: admin, requestId: "r" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      updateSetting({ key: KEY, value: ["10.0.0.0/8"], expectedUpdatedAt: new Date(0).toISOString(), actor: admin, requestId: "r" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await stored()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("of two concurrent saves from the same version, one wins and the other is a conflict", async () => {
    const v = await version();
    const results = await Promise.allSettled([
      updateSetting({ key: KEY, value: ["127.0.0.0/8", "::1"], expectedUpdatedAt: v, actor: admin, requestId: "race-a" }),
      updateSetting({ key: KEY, value: ["127.0.0.0/8", "fe80::/10"], expectedUpdatedAt: v, actor: admin, requestId: "race-b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
  });

  it("a stored value that no longer parses counts as the default (fail closed)", async () => {
    const before = await stored();
    await db.consoleSetting.update({ where: { key: KEY }, data: { value: ["localhost", 7] } });
    expect((await getSetting(KEY)).value).toEqual([]);
    await db.consoleSetting.update({ where: { key: KEY }, data: { value: before!.value as string[] } });
  });
});

describe("updateOutboundAllowListAction", () => {
  it("viewers and operators are refused and nothing is written", async () => {
    const { updateOutboundAllowListAction } = await import("@/lib/actions/settings");
    const [before, audits] = [await stored(), await auditCount()];
    for (const role of ["viewer", "operator"] as const) {
      session.user = { id: crypto.randomUUID(), email: `${role}@example.com`, role, mustChangePassword: false };
      const r = await updateOutboundAllowListAction({ allow: [{ value: "0.0.0.0/0" }], expectedUpdatedAt: await version() });
      expect(r).toMatchObject({ serverError: expect.stringContaining("needs the admin role"), code: "forbidden" });
    }
    session.user = null;
    expect(await updateOutboundAllowListAction({ allow: [], expectedUpdatedAt: await version() })).toMatchObject({ code: "unauthorized" });
    expect(await stored()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("an admin saves; invalid rows come back at their field, and nothing is written", async () => {
    const { updateOutboundAllowListAction } = await import("@/lib/actions/settings");
    session.user = { ...admin, role: "admin", mustChangePassword: false };
    const audits = await auditCount();
    const bad = await updateOutboundAllowListAction({
      allow: [{ value: "127.0.0.0/8" }, { value: "2130706433" }, { value: "" }],
      expectedUpdatedAt: await version(),
    });
    expect(bad).toMatchObject({
      validationErrors: { "allow.1.value": [expect.stringMatching(/IP address .* CIDR range/)], "allow.2.value": [expect.any(String)] },
    });
    expect(await auditCount()).toBe(audits);
    const ok = await updateOutboundAllowListAction({ allow: [{ value: "127.0.0.0/8" }, { value: "192.0.2.7" }], expectedUpdatedAt: await version() });
    expect(ok).toMatchObject({ data: { value: ["127.0.0.0/8", "192.0.2.7"], updatedByEmail: admin.email } });
    expect(await auditCount()).toBe(audits + 1);
    const stale = await updateOutboundAllowListAction({ allow: [], expectedUpdatedAt: null });
    expect(stale).toMatchObject({ code: "conflict" });
  });
});

describe("getOutboundPolicy", () => {
  it("is CONSOLE_OUTBOUND_ALLOW plus the setting, cached, and fresh at once after a change here", async () => {
    forgetCachedPolicy();
    const v = await version();
    await updateSetting({ key: KEY, value: ["192.0.2.0/24"], expectedUpdatedAt: v, actor: admin, requestId: "p1" });
    // the test environment allows loopback (TEST_ENV), the setting adds its own entries
    expect(await getOutboundPolicy()).toEqual({ allow: ["127.0.0.0/8", "192.0.2.0/24"] });
    // a change behind the console's back (another replica) shows within the TTL, not at once …
    await db.consoleSetting.update({ where: { key: KEY }, data: { value: ["198.51.100.0/24"] } });
    expect((await getOutboundPolicy()).allow).toContain("192.0.2.0/24");
    // … while a change through updateSetting applies to the next round at once
    await updateSetting({ key: KEY, value: ["203.0.113.9"], expectedUpdatedAt: await version(), actor: admin, requestId: "p2" });
    expect(await getOutboundPolicy()).toEqual({ allow: ["127.0.0.0/8", "203.0.113.9"] });
  });
});
