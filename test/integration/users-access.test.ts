import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changeOwnPassword, setUserDisabled } from "@/lib/fleet/users";
import { upsertOidcUser } from "@/lib/fleet/users-oidc";
import { verifyPassword } from "@/lib/security/password";
import { email, newUser, rowOf, suffix } from "../support/user-fixtures";

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

  /** A sign-in with an existing admin's email: refused as forbidden, the account left unlinked; answers its subject. */
  async function expectLinkRefused(label: string, emailVerified: boolean, name: string): Promise<string> {
    const { user } = await newUser("admin", label);
    const subject = `sub-${suffix()}`;
    const err = await upsertOidcUser({ subject, email: user.email, emailVerified, name, defaultRole: "viewer" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("forbidden");
    expect((await rowOf(user.id)).oidcSubject).toBeNull();
    return subject;
  }

  it("never links a local account that has a password, even with a verified email", async () => {
    await expectLinkRefused("local-admin", true, "Impostor");
  });

  it("refuses to link an unverified email to an existing account", async () => {
    const subject = await expectLinkRefused("victim", false, "Attacker");
    expect(await db.user.count({ where: { oidcSubject: subject } })).toBe(0);
  });

  it("creates a new user from an unverified email when no account has it", async () => {
    const subject = `sub-${suffix()}`;
    const u = await upsertOidcUser({ subject, email: email("unverified-new"), emailVerified: false, name: "U", defaultRole: "viewer" });
    expect((await rowOf(u.id)).oidcSubject).toBe(subject);
  });
});
