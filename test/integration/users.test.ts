import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changeOwnPassword, createUser, getSessionUser, setUserDisabled, setUserRole } from "@/lib/fleet/users";
import { upsertOidcUser } from "@/lib/fleet/users-oidc";
import type { TRole } from "@/lib/schemas/user";
import { verifyPassword } from "@/lib/security/password";

const suffix = () => crypto.randomBytes(4).toString("hex");
const email = (label: string) => `${label}-${suffix()}@example.com`;
const system = { id: null, email: "tester@example.com" };

async function newUser(role: TRole = "viewer", label = "user") {
  const { user, initialPassword } = await createUser({
    input: { email: email(label), name: `Name ${label}`, role },
    actor: system,
    requestId: `req-${suffix()}`,
  });
  return { user, initialPassword };
}

async function rowOf(id: string) {
  return db.user.findUniqueOrThrow({ where: { id } });
}

/** Runs fn while `keep` are the only active admins, then re-enables the admins it disabled. */
async function withOnlyActiveAdmins<T>(keep: string[], fn: () => Promise<T>): Promise<T> {
  const others = await db.user.findMany({ where: { role: "admin", disabled: false, id: { notIn: keep } }, select: { id: true } });
  await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: true } });
  try {
    expect(await db.user.count({ where: { role: "admin", disabled: false } })).toBe(keep.length);
    return await fn();
  } finally {
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: false } });
  }
}

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

describe("setUserDisabled", () => {
  it("disables a user, bumps sessionVersion and records user.disable; enabling records user.enable", async () => {
    const admin = (await newUser("admin", "admin")).user;
    const { user } = await newUser("operator");
    const v0 = (await rowOf(user.id)).sessionVersion;
    const disabled = await setUserDisabled({ id: user.id, disabled: true, actor: { id: admin.id, email: admin.email }, requestId: "dis" });
    expect(disabled.disabled).toBe(true);
    const row = await rowOf(user.id);
    expect(row.disabled).toBe(true);
    expect(row.sessionVersion).toBe(v0 + 1);
    const audit = await db.auditEvent.findMany({ where: { targetId: user.id, action: "user.disable" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorEmail: admin.email, before: { disabled: false }, after: { disabled: true } });

    await setUserDisabled({ id: user.id, disabled: false, actor: { id: admin.id, email: admin.email }, requestId: "en" });
    expect((await rowOf(user.id)).disabled).toBe(false);
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: "user.enable" } })).toBe(1);
  });

  it("does not let a user disable their own account", async () => {
    const me = (await newUser("admin", "self-dis")).user;
    await newUser("admin", "other");
    const err = await setUserDisabled({ id: me.id, disabled: true, actor: { id: me.id, email: me.email }, requestId: "self" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("forbidden");
    expect((await rowOf(me.id)).disabled).toBe(false);
  });
});

describe("changeOwnPassword", () => {
  it("refuses a wrong current password at the current field and changes nothing", async () => {
    const { user, initialPassword } = await newUser();
    const before = await rowOf(user.id);
    const err = await changeOwnPassword({
      userId: user.id,
      current: "not-the-password",
      next: "a-brand-new-password",
      requestId: "pw",
      address: "192.0.2.10",
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("validation");
    expect(err.fieldErrors.current).toHaveLength(1);
    const after = await rowOf(user.id);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(after.mustChangePassword).toBe(true);
    expect(await verifyPassword(after.passwordHash!, initialPassword)).toBe(true);
  });

  it("counts wrong current passwords against the address too, so the form cannot walk past the sign-in limit", async () => {
    const { user } = await newUser();
    const address = `192.0.2.${Math.floor(Math.random() * 200) + 20}`;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        changeOwnPassword({ userId: user.id, current: "wrong-guess", next: "a-brand-new-password", requestId: "pw-many", address }).catch((e) => e),
      ),
    );
    const row = await db.loginAddressThrottle.findUnique({ where: { address } });
    const email = await db.loginThrottle.findUnique({ where: { email: user.email } });
    // Serialised like sign-ins: once the email is locked the rest are refused unchecked, and every checked guess counted for the address.
    expect(email?.lockedUntil).not.toBeNull();
    expect(row?.failures).toBe(email?.failures);
  });

  it("with the right current password stores the new one, clears mustChangePassword and bumps sessionVersion", async () => {
    const { user, initialPassword } = await newUser();
    const before = await rowOf(user.id);
    const next = `new-password-${suffix()}`;
    await changeOwnPassword({ userId: user.id, current: initialPassword, next, requestId: "pw-ok", address: "192.0.2.11" });
    const after = await rowOf(user.id);
    expect(await verifyPassword(after.passwordHash!, next)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, initialPassword)).toBe(false);
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const audit = await db.auditEvent.findMany({ where: { targetId: user.id, action: "user.password" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify([audit[0].before, audit[0].after])).not.toContain(next);
  });

  it("refuses a single-sign-on account (no local password)", async () => {
    const u = await upsertOidcUser({ subject: `sub-${suffix()}`, email: email("sso-pw"), emailVerified: true, name: "SSO", defaultRole: "viewer" });
    const err = await changeOwnPassword({ userId: u.id, current: "anything", next: "a-brand-new-password", requestId: "pw", address: "192.0.2.10" }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("forbidden");
    expect((await rowOf(u.id)).passwordHash).toBeNull();
  });
});

describe("upsertOidcUser", () => {
  it("creates an oidc user with the default role, then finds it by subject", async () => {
    const subject = `sub-${suffix()}`;
    const mail = email("SSO-New").replace("sso-new", "SSO-New");
    const first = await upsertOidcUser({ subject, email: mail, emailVerified: true, name: "New Person", defaultRole: "operator" });
    const row = await rowOf(first.id);
    expect(row).toMatchObject({ email: mail.toLowerCase(), role: "operator", provider: "oidc", oidcSubject: subject, passwordHash: null, name: "New Person" });
    expect(await db.auditEvent.count({ where: { targetId: first.id, action: "user.create" } })).toBe(1);

    // second sign-in: found by subject, even if the provider now reports another email, and no new user
    const count = await db.user.count();
    const second = await upsertOidcUser({ subject, email: email("changed"), emailVerified: true, name: "Renamed", defaultRole: "admin" });
    expect(second.id).toBe(first.id);
    expect(await db.user.count()).toBe(count);
    expect((await rowOf(first.id)).role).toBe("operator");
  });

  it("links a password-less single sign-on account by verified email (case-insensitive)", async () => {
    const target = email("linkme");
    const user = await db.user.create({ data: { email: target, role: "operator", provider: "oidc" } });
    const subject = `sub-${suffix()}`;
    const linked = await upsertOidcUser({ subject, email: target.toUpperCase(), emailVerified: true, name: "X", defaultRole: "viewer" });
    expect(linked.id).toBe(user.id);
    const row = await rowOf(user.id);
    expect(row.oidcSubject).toBe(subject);
    expect(row.role).toBe("operator");
    expect(await db.user.count({ where: { email: target } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "user.link_sso", targetId: user.id } })).toBe(1);
  });

  it("never links a local account that has a password, even with a verified email", async () => {
    const { user } = await newUser("admin", "local-admin");
    const subject = `sub-${suffix()}`;
    const err = await upsertOidcUser({ subject, email: user.email, emailVerified: true, name: "Impostor", defaultRole: "viewer" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("forbidden");
    expect((await rowOf(user.id)).oidcSubject).toBeNull();
  });

  it("refuses to link an unverified email to an existing account", async () => {
    const { user } = await newUser("admin", "victim");
    const subject = `sub-${suffix()}`;
    const err = await upsertOidcUser({ subject, email: user.email, emailVerified: false, name: "Attacker", defaultRole: "viewer" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("forbidden");
    expect((await rowOf(user.id)).oidcSubject).toBeNull();
    expect(await db.user.count({ where: { oidcSubject: subject } })).toBe(0);
  });

  it("creates a new user from an unverified email when no account has it", async () => {
    const subject = `sub-${suffix()}`;
    const u = await upsertOidcUser({ subject, email: email("unverified-new"), emailVerified: false, name: "U", defaultRole: "viewer" });
    expect((await rowOf(u.id)).oidcSubject).toBe(subject);
  });
});
