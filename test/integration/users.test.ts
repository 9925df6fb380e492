import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser, getSessionUser, setUserDisabled, setUserRole } from "@/lib/fleet/users";
import { verifyPassword } from "@/lib/security/password";
import { newUser, rowOf, system, withOnlyActiveAdmins } from "../support/user-fixtures";

describe("createUser", () => {
  it("returns a one-time password that verifies against the stored argon2id hash and requires a change", async () => {
    const { user, initialPassword } = await newUser("operator");
    expect(initialPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(user.mustChangePassword).toBe(true);
    expect(user.role).toBe("operator");
    expect(user.provider).toBe("local");
    expect(JSON.stringify(user)).not.toContain(initialPassword);
    const row = await rowOf(user.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(initialPassword);
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(row.passwordHash!, initialPassword)).toBe(true);
    expect(await verifyPassword(row.passwordHash!, initialPassword + "x")).toBe(false);
    const audit = await db.auditEvent.findMany({ where: { targetId: user.id, action: "user.create" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).not.toContain(initialPassword);
  });

  it("gives each user a different password", async () => {
    const a = await newUser();
    const b = await newUser();
    expect(a.initialPassword).not.toBe(b.initialPassword);
  });

  it("refuses a duplicate email as a conflict on the email field and writes no audit row", async () => {
    const { user } = await newUser();
    const auditBefore = await db.auditEvent.count({ where: { targetName: user.email } });
    const err = await createUser({ input: { email: user.email, name: "again", role: "admin" }, actor: system, requestId: "dup" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.fieldErrors.email[0]).toMatch(/already exists/);
    expect(await db.user.count({ where: { email: user.email } })).toBe(1);
    expect((await rowOf(user.id)).role).toBe("viewer");
    expect(await db.auditEvent.count({ where: { targetName: user.email } })).toBe(auditBefore);
  });
});

describe("getSessionUser", () => {
  it("answers what the database says now, with dates as ISO strings, and nobody for an id that is not a UUID", async () => {
    const { user } = await newUser("operator");
    const s = await getSessionUser(user.id);
    const row = await rowOf(user.id);
    expect(s).toEqual({ ...user, lastLoginAt: null, sessionVersion: row.sessionVersion });
    expect(typeof s?.createdAt).toBe("string");
    await db.user.update({ where: { id: user.id }, data: { disabled: true, lastLoginAt: new Date("2026-01-02T03:04:05Z") } });
    expect(await getSessionUser(user.id)).toMatchObject({ disabled: true, lastLoginAt: "2026-01-02T03:04:05.000Z", role: "operator" });
    expect(await getSessionUser("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getSessionUser("not-a-uuid' or '1'='1")).toBeNull();
  });
});

describe("setUserRole", () => {
  it("changes the role, bumps sessionVersion and records before/after roles", async () => {
    const admin = (await newUser("admin", "admin")).user;
    const { user } = await newUser("viewer");
    const v0 = (await rowOf(user.id)).sessionVersion;
    const updated = await setUserRole({ id: user.id, role: "operator", actor: { id: admin.id, email: admin.email }, requestId: "role-1" });
    expect(updated.role).toBe("operator");
    const row = await rowOf(user.id);
    expect(row.role).toBe("operator");
    expect(row.sessionVersion).toBe(v0 + 1);
    expect((await getSessionUser(user.id))?.sessionVersion).toBe(v0 + 1);
    const audit = await db.auditEvent.findMany({ where: { targetId: user.id, action: "user.role" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      targetType: "user",
      targetName: user.email,
      requestId: "role-1",
      before: { role: "viewer" },
      after: { role: "operator" },
    });
  });

  it("refuses an unknown user as not_found", async () => {
    const err = await setUserRole({ id: crypto.randomUUID(), role: "admin", actor: system, requestId: "x" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("not_found");
  });

  it("does not let an admin remove their own admin role, even with other admins around", async () => {
    const me = (await newUser("admin", "self")).user;
    await newUser("admin", "other-admin");
    const v0 = (await rowOf(me.id)).sessionVersion;
    const auditBefore = await db.auditEvent.count({ where: { targetId: me.id } });
    for (const role of ["operator", "viewer"] as const) {
      const err = await setUserRole({ id: me.id, role, actor: { id: me.id, email: me.email }, requestId: "self" }).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe("forbidden");
    }
    const row = await rowOf(me.id);
    expect(row.role).toBe("admin");
    expect(row.sessionVersion).toBe(v0);
    expect(await db.auditEvent.count({ where: { targetId: me.id } })).toBe(auditBefore);
  });

  it("refuses to demote or disable the last active admin, and allows it once another admin is active", async () => {
    const last = (await newUser("admin", "last-admin")).user;
    const spare = (await newUser("admin", "spare-admin")).user;
    await withOnlyActiveAdmins([last.id], async () => {
      // spare was just disabled by the helper: a disabled admin does not count
      expect((await rowOf(spare.id)).disabled).toBe(true);
      const auditBefore = await db.auditEvent.count({ where: { targetId: last.id } });
      const demote = await setUserRole({ id: last.id, role: "viewer", actor: system, requestId: "last" }).catch((e) => e);
      expect(demote).toBeInstanceOf(AppError);
      expect(demote.code).toBe("conflict");
      expect(demote.message).toMatch(/last active admin/);
      const disable = await setUserDisabled({ id: last.id, disabled: true, actor: system, requestId: "last" }).catch((e) => e);
      expect(disable).toBeInstanceOf(AppError);
      expect(disable.code).toBe("conflict");
      const row = await rowOf(last.id);
      expect(row.role).toBe("admin");
      expect(row.disabled).toBe(false);
      expect(await db.auditEvent.count({ where: { targetId: last.id } })).toBe(auditBefore);
      // re-promoting an admin to admin is not a demotion
      await expect(setUserRole({ id: last.id, role: "admin", actor: system, requestId: "same" })).resolves.toMatchObject({ role: "admin" });
    });
    // with spare active again, the same demotion goes through
    await withOnlyActiveAdmins([last.id, spare.id], async () => {
      const demoted = await setUserRole({ id: last.id, role: "operator", actor: { id: spare.id, email: spare.email }, requestId: "ok" });
      expect(demoted.role).toBe("operator");
    });
  });
  it("keeps at least one active admin when the last two admins are demoted/disabled at the same time", async () => {
    // The last-admin guard is a count-then-write: two concurrent transactions must not both pass it.
    for (let round = 0; round < 5; round++) {
      const a = (await newUser("admin", "race-a")).user;
      const b = (await newUser("admin", "race-b")).user;
      await withOnlyActiveAdmins([a.id, b.id], async () => {
        const results = await Promise.allSettled([
          setUserRole({ id: a.id, role: "viewer", actor: { id: b.id, email: b.email }, requestId: `race-${round}-a` }),
          setUserDisabled({ id: b.id, disabled: true, actor: { id: a.id, email: a.email }, requestId: `race-${round}-b` }),
        ]);
        const activeAdmins = await db.user.count({ where: { role: "admin", disabled: false } });
        expect(activeAdmins, `round ${round}: ${results.map((r) => r.status).join(", ")}`).toBeGreaterThanOrEqual(1);
        expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
      });
    }
  });
});
