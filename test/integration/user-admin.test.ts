import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordLoginFailure, secondsLocked } from "@/lib/fleet/login-throttle";
import { deleteUser, listUserLocks, resetUserPassword, unlockUser } from "@/lib/fleet/user-admin";
import { createUser, getSessionUser } from "@/lib/fleet/users";
import { upsertOidcUser } from "@/lib/fleet/users-oidc";
import type { TRole } from "@/lib/schemas/user";
import { verifyPassword } from "@/lib/security/password";

// setup.ts: LOGIN_MAX_FAILURES=3, LOGIN_LOCK_SECONDS=60
const suffix = () => crypto.randomBytes(4).toString("hex");
const SYSTEM = { id: null, email: "system" };

async function newUser(role: TRole = "viewer", label = "user") {
  const { user, initialPassword } = await createUser({
    input: { email: `${label}-${suffix()}@example.com`, name: label, role },
    actor: SYSTEM,
    requestId: `req-${suffix()}`,
  });
  return { ...user, initialPassword, actor: { id: user.id, email: user.email } };
}

const rowOf = (id: string) => db.user.findUniqueOrThrow({ where: { id } });
const auditOf = (targetName: string, action: string) => db.auditEvent.findMany({ where: { targetName, action }, orderBy: { id: "asc" } });

async function lock(email: string): Promise<void> {
  for (let i = 0; i < 3; i++) await recordLoginFailure(email, new Date());
  expect(await secondsLocked(email)).toBeGreaterThan(0);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** Runs fn while `keep` are the only active admins, then re-enables the admins it disabled. */
async function withOnlyActiveAdmins<T>(keep: string[], fn: () => Promise<T>): Promise<T> {
  const others = await db.user.findMany({ where: { role: "admin", disabled: false, id: { notIn: keep } }, select: { id: true } });
  await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: true } });
  try {
    return await fn();
  } finally {
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: false } });
  }
}

describe("resetUserPassword", () => {
  it("sets a new one-time password, ends every session, lifts the email's lock and audits it without the password", async () => {
    const admin = await newUser("admin", "resetter");
    const user = await newUser("operator", "forgetful");
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
    const v0 = (await rowOf(user.id)).sessionVersion;
    await lock(user.email);

    const out = await resetUserPassword({ target: { id: user.id }, actor: admin.actor, requestId: "reset-1" });
    expect(out).toEqual({ email: user.email, password: expect.stringMatching(/^[A-Za-z0-9]{20}$/), disabled: false, unlocked: true });
    const row = await rowOf(user.id);
    expect(await verifyPassword(row.passwordHash!, out.password)).toBe(true);
    expect(await verifyPassword(row.passwordHash!, user.initialPassword)).toBe(false);
    expect(row.mustChangePassword).toBe(true);
    expect(row.sessionVersion).toBe(v0 + 1);
    expect(await secondsLocked(user.email)).toBe(0);
    expect(await db.loginThrottle.count({ where: { email: user.email } })).toBe(0);

    const [audit, ...more] = await auditOf(user.email, "user.password_reset");
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actorId: admin.id, actorEmail: admin.email, targetType: "user", targetId: user.id, requestId: "reset-1" });
    expect(audit.after).toMatchObject({ mustChangePassword: true, sessionsEnded: true, loginFailuresCleared: 3, lockLifted: true });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(out.password);
  });

  it("works by email for the system actor (the CLI), and tells a disabled account", async () => {
    const user = await newUser("admin", "break-glass");
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    const out = await resetUserPassword({ target: { email: user.email }, actor: SYSTEM });
    expect(out).toMatchObject({ email: user.email, disabled: true, unlocked: false });
    const [audit] = await auditOf(user.email, "user.password_reset");
    expect(audit).toMatchObject({ actorId: null, actorEmail: "system", targetId: user.id, requestId: null });
    expect(audit.after).not.toHaveProperty("lockLifted");
  });

  it("refuses single sign-on accounts, the admin's own account and unknown users, writing nothing", async () => {
    const admin = await newUser("admin", "self-reset");
    const sso = await upsertOidcUser({
      subject: `sub-${suffix()}`,
      email: `sso-${suffix()}@example.com`,
      emailVerified: true,
      name: "SSO",
      defaultRole: "viewer",
    });
    const ssoRow = await rowOf(sso.id);
    const e1 = await refusal(resetUserPassword({ target: { id: sso.id }, actor: admin.actor }));
    expect(e1.code).toBe("conflict");
    expect(e1.message).toBe(`${ssoRow.email} signs in through single sign-on and has no password to reset: their identity provider manages it.`);
    expect(await rowOf(sso.id)).toEqual(ssoRow);

    const before = await rowOf(admin.id);
    const e2 = await refusal(resetUserPassword({ target: { id: admin.id }, actor: admin.actor }));
    expect(e2.code).toBe("forbidden");
    expect(await rowOf(admin.id)).toEqual(before);

    expect((await refusal(resetUserPassword({ target: { id: crypto.randomUUID() }, actor: admin.actor }))).code).toBe("not_found");
    expect((await refusal(resetUserPassword({ target: { email: "nobody@example.com" }, actor: SYSTEM }))).message).toBe(
      "No user has the email nobody@example.com.",
    );
    expect(await db.auditEvent.count({ where: { action: "user.password_reset", targetName: { in: [ssoRow.email, admin.email] } } })).toBe(0);
  });
});

describe("unlockUser", () => {
  it("lifts a lock and forgets the failures, audited with what it cleared; a second unlock writes nothing", async () => {
    const admin = await newUser("admin", "unlocker");
    const user = await newUser("viewer", "locked-out");
    await lock(user.email);
    expect((await listUserLocks())[user.email]).toBeGreaterThan(0);

    const out = await unlockUser({ target: { id: user.id }, actor: admin.actor, requestId: "unlock-1" });
    expect(out).toEqual({ email: user.email, userId: user.id, cleared: { failures: 3, lockedSeconds: expect.any(Number) } });
    expect(out.cleared!.lockedSeconds).toBeGreaterThan(0);
    expect(await secondsLocked(user.email)).toBe(0);
    expect(await listUserLocks()).not.toHaveProperty(user.email);
    const [audit] = await auditOf(user.email, "user.unlock");
    expect(audit).toMatchObject({
      actorId: admin.id,
      targetType: "user",
      targetId: user.id,
      requestId: "unlock-1",
      before: { failures: 3 },
      after: { failures: 0, lockedSeconds: 0 },
    });

    expect(await unlockUser({ target: { id: user.id }, actor: admin.actor })).toEqual({ email: user.email, userId: user.id, cleared: null });
    expect(await auditOf(user.email, "user.unlock")).toHaveLength(1);
  });

  it("by email, unlocks an email that has no account too (the throttle counts guesses at any email); an unknown id is not found", async () => {
    const email = `ghost-${suffix()}@example.com`;
    await lock(email);
    expect(await listUserLocks()).not.toHaveProperty(email); // the Users page lists accounts only
    const out = await unlockUser({ target: { email }, actor: SYSTEM });
    expect(out).toMatchObject({ email, userId: null, cleared: { failures: 3 } });
    expect(await auditOf(email, "user.unlock")).toMatchObject([{ actorEmail: "system", actorId: null, targetId: null }]);
    expect((await refusal(unlockUser({ target: { id: crypto.randomUUID() }, actor: SYSTEM }))).code).toBe("not_found");
  });
});

describe("deleteUser", () => {
  it("deletes the account named by id and email, ends its sessions and keeps an audit row of what it was", async () => {
    const admin = await newUser("admin", "deleter");
    const user = await newUser("operator", "leaver");
    expect(await getSessionUser(user.id)).not.toBeNull();
    const wrong = await refusal(deleteUser({ id: user.id, email: admin.email, actor: admin.actor, requestId: "del-0" }));
    expect(wrong.code).toBe("conflict");
    expect(await rowOf(user.id)).toBeTruthy();

    expect(await deleteUser({ id: user.id, email: user.email, actor: admin.actor, requestId: "del-1" })).toEqual({ email: user.email });
    expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
    expect(await getSessionUser(user.id)).toBeNull();
    const [audit] = await auditOf(user.email, "user.delete");
    expect(audit).toMatchObject({
      actorId: admin.id,
      targetType: "user",
      targetId: user.id,
      requestId: "del-1",
      before: { email: user.email, role: "operator", provider: "local", disabled: false },
    });
    expect((await refusal(deleteUser({ id: user.id, email: user.email, actor: admin.actor, requestId: "del-2" }))).code).toBe("not_found");
  });

  it("never deletes the admin's own account, nor the last active admin", async () => {
    const me = await newUser("admin", "self-delete");
    const last = await newUser("admin", "last");
    const e1 = await refusal(deleteUser({ id: me.id, email: me.email, actor: me.actor, requestId: "self" }));
    expect(e1).toMatchObject({ code: "forbidden", message: "You cannot delete your own account; ask another admin." });
    await withOnlyActiveAdmins([last.id], async () => {
      // `me` is disabled meanwhile: the only active admin left is `last`, whom the system actor cannot delete either
      const e2 = await refusal(deleteUser({ id: last.id, email: last.email, actor: SYSTEM, requestId: "last" }));
      expect(e2).toMatchObject({ code: "conflict", message: "This is the last active admin; make someone else admin first." });
      // a disabled admin is not an active one: deleting it leaves the active admins as they are
      await deleteUser({ id: me.id, email: me.email, actor: SYSTEM, requestId: "disabled-admin" });
    });
    expect(await rowOf(last.id)).toMatchObject({ role: "admin", disabled: false });
    expect(await auditOf(last.email, "user.delete")).toEqual([]);
  });

  it("keeps an active admin when the last two delete each other at the same time", async () => {
    for (let round = 0; round < 4; round++) {
      const a = await newUser("admin", "race-a");
      const b = await newUser("admin", "race-b");
      await withOnlyActiveAdmins([a.id, b.id], async () => {
        const results = await Promise.allSettled([
          deleteUser({ id: a.id, email: a.email, actor: b.actor, requestId: `race-${round}-a` }),
          deleteUser({ id: b.id, email: b.email, actor: a.actor, requestId: `race-${round}-b` }),
        ]);
        expect(
          results.filter((r) => r.status === "rejected"),
          `round ${round}`,
        ).toHaveLength(1);
        expect(await db.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
      });
    }
  });
});
