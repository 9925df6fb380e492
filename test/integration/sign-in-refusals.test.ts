/**
 * Sign-in refusals say why, to the right person (#20 item 4): every refused or disabled sign-in, local or single
 * sign-on, is logged with its exact reason and audited (actor email, reason, client address) without telling viewers of
 * the audit trail whether an email has an account; single sign-on's three link refusals each get their own code; and a
 * session cookie sealed with another NEXTAUTH_SECRET is logged once, not on every request.
 */
import { AuthClient } from "../support/auth-client";
import { callRoute } from "../support/next-route";
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import { ssoSignIn } from "@/lib/auth-oidc";
import { db } from "@/lib/db";
import { createUser } from "@/lib/fleet/users";
import { SSO_REFUSAL_MESSAGES } from "@/lib/schemas/login-error";
import { hashPassword } from "@/lib/security/password";

const suffix = () => crypto.randomBytes(5).toString("hex");
const PASSWORD = "correct-horse-battery";
const actor = { id: null, email: "tester@example.com" };
let logged: string[] = [];

beforeEach(() => {
  logged = [];
  for (const stream of ["log", "error"] as const)
    vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
});
afterEach(() => vi.restoreAllMocks());

async function newUser(label: string, opts: { password?: boolean; disabled?: boolean; oidcSubject?: string } = {}) {
  const { user } = await createUser({ input: { email: `${label}-${suffix()}@example.com`, name: "", role: "viewer" }, actor, requestId: "t" });
  await db.user.update({
    where: { id: user.id },
    data: {
      passwordHash: opts.password === false ? null : await hashPassword(PASSWORD),
      mustChangePassword: false,
      disabled: opts.disabled ?? false,
      oidcSubject: opts.oidcSubject ?? null,
    },
  });
  return user;
}

const address = () => `203.0.113.${crypto.randomInt(1, 255)}`;
const refusals = (email: string) => db.auditEvent.findMany({ where: { action: "session.sign_in_refused", actorEmail: email }, orderBy: { at: "asc" } });
const refusalLog = (email: string) =>
  logged.filter((l) => l.includes('"msg":"sign-in refused"') && l.includes(email)).map((l) => JSON.parse(l) as Record<string, unknown>);

describe("local sign-in refusals are logged with the exact reason and audited without revealing an account", () => {
  it("unknown email, wrong password, a disabled account and a lock: each a log line and an audit row with the client's address", async () => {
    const ghost = `ghost-${suffix()}@example.com`;
    const user = await newUser("wrongpw");
    const disabled = await newUser("disabled", { disabled: true });
    const from = address();
    const client = new AuthClient(from);
    expect((await client.signIn(ghost, "x-password-1")).error).toBe("CredentialsSignin");
    expect((await client.signIn(user.email, "not-the-password")).error).toBe("CredentialsSignin");
    expect((await client.signIn(disabled.email, PASSWORD)).error).toBe("CredentialsSignin");

    expect(refusalLog(ghost)[0]).toMatchObject({ reason: "unknown_email", address: from, provider: "credentials" });
    expect(refusalLog(user.email)[0]).toMatchObject({ reason: "wrong_password", address: from });
    expect(refusalLog(disabled.email)[0]).toMatchObject({ reason: "disabled", address: from });

    // The audit trail, which viewers read, says invalid_credentials for both an unknown email and a wrong password.
    const [g] = await refusals(ghost);
    const [w] = await refusals(user.email);
    const [d] = await refusals(disabled.email);
    expect(g).toMatchObject({
      targetType: "session",
      targetName: ghost,
      targetId: null,
      after: { reason: "invalid_credentials", address: from, provider: "credentials" },
    });
    expect(w).toMatchObject({ targetId: null, after: { reason: "invalid_credentials", address: from } });
    expect(d).toMatchObject({ targetId: disabled.id, after: { reason: "disabled", address: from } });
    expect(JSON.stringify([g, w, d].map((r) => r.after))).not.toContain("not-the-password");

    // LOGIN_MAX_FAILURES=3 in tests: the third failure locks the email; the attempt after it is refused as locked.
    await client.signIn(user.email, "wrong-2");
    expect((await client.signIn(user.email, "wrong-3")).error).toMatch(/^locked:/);
    expect((await client.signIn(user.email, PASSWORD)).error).toMatch(/^locked:/);
    expect((await refusals(user.email)).map((r) => (r.after as { reason: string }).reason)).toEqual([
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "locked",
    ]);
  });
});

describe("attempts against a lock", () => {
  it("are one audit row per lock, however many arrive; the log notes the 1st, 10th and 100th after it", { timeout: 120_000 }, async () => {
    const user = await newUser("flood");
    const client = new AuthClient(address());
    for (let i = 0; i < 3; i++) await client.signIn(user.email, `wrong-${i}`); // LOGIN_MAX_FAILURES=3: locked now
    for (let i = 0; i < 25; i++) expect((await client.signIn(user.email, "wrong")).error).toMatch(/^locked:/);
    const reasons = (await refusals(user.email)).map((r) => (r.after as { reason: string }).reason);
    expect(reasons).toEqual(["invalid_credentials", "invalid_credentials", "invalid_credentials", "locked"]);
    const noted = logged
      .filter((l) => l.includes('"msg":"sign-in refused while locked"') && l.includes(user.email))
      .map((l) => JSON.parse(l).refusedDuringThisLock);
    expect(noted).toEqual([1, 10]);
    const [row] = await db.$queryRaw<{ n: number }[]>`select "refusedWhileLocked" as n from "LoginThrottle" where email = ${user.email}`;
    expect(row.n).toBe(24);
  });

  it("from a locked address walking through emails are one audit row for the address's lock", { timeout: 120_000 }, async () => {
    // an address of its own: others in this file share 203.0.113.0/24, and their failures count towards its lock
    const client = new AuthClient(`2001:db8::${crypto.randomBytes(2).toString("hex")}`);
    const emails = Array.from({ length: 40 }, (_, i) => `walk-${i}-${suffix()}@example.com`);
    const errors: string[] = [];
    for (const email of emails) errors.push((await client.signIn(email, "guess")).error ?? "");
    const locked = errors.filter((e) => e.startsWith("address-locked:")).length;
    expect(locked).toBeGreaterThan(0);
    const rows = await db.auditEvent.findMany({ where: { action: "session.sign_in_refused", actorEmail: { in: emails } } });
    const addressLocked = rows.filter((r) => (r.after as { reason: string }).reason === "address_locked");
    expect(addressLocked).toHaveLength(1);
    // LOGIN_ADDRESS_MAX_FAILURES=30: thirty failures audited (the 30th locks the address, and is answered as locked),
    // then the lock once; the other ten attempts are not in the trail
    expect(locked).toBe(11);
    expect(rows.filter((r) => (r.after as { reason: string }).reason === "invalid_credentials")).toHaveLength(30);
    expect(rows).toHaveLength(31);
  });
});

describe("single sign-on refusals", () => {
  const sso = (email: string | null, opts: { sub?: string; verified?: boolean } = {}) =>
    ssoSignIn({
      user: { id: opts.sub ?? `sub-${suffix()}`, email, emailVerified: opts.verified ?? true, name: "SSO" },
      defaultRole: "viewer",
      address: async () => "192.0.2.7",
    });

  it("a password account, an unverified email and another identity each get their own code and message, and an audit row", async () => {
    const local = await newUser("sso-local");
    const other = await newUser("sso-other", { password: false, oidcSubject: `someone-else-${suffix()}` });
    expect(await sso(local.email)).toBe("/login?error=OidcLocalAccount");
    expect(await sso(local.email, { verified: false })).toBe("/login?error=OidcEmailUnverified");
    expect(await sso(other.email)).toBe("/login?error=OidcOtherIdentity");

    expect((await refusals(local.email)).map((r) => r.after)).toEqual([
      { reason: "sso_local_account", address: "192.0.2.7", provider: "oidc" },
      { reason: "sso_email_unverified", address: "192.0.2.7", provider: "oidc" },
    ]);
    expect((await refusals(other.email))[0].after).toEqual({ reason: "sso_other_identity", address: "192.0.2.7", provider: "oidc" });
    expect(refusalLog(other.email)[0]).toMatchObject({ reason: "sso_other_identity", address: "192.0.2.7", provider: "oidc" });
    // Nothing was linked.
    expect((await db.user.findUniqueOrThrow({ where: { id: local.id } })).oidcSubject).toBeNull();

    const messages = Object.values(SSO_REFUSAL_MESSAGES);
    expect(new Set(messages).size).toBe(3);
    // The unverified one does not say whether any account holds the email.
    expect(SSO_REFUSAL_MESSAGES.OidcEmailUnverified).not.toMatch(/account (exists|holds)|password|another identity/i);
  });

  it("a disabled single sign-on account is refused, logged and audited", async () => {
    const subject = `disabled-sub-${suffix()}`;
    const user = await newUser("sso-disabled", { password: false, oidcSubject: subject, disabled: true });
    expect(await sso(user.email, { sub: subject })).toBe("/login?error=AccountDisabled");
    expect((await refusals(user.email))[0]).toMatchObject({ targetId: user.id, after: { reason: "disabled", provider: "oidc" } });
  });
});

describe("a session cookie sealed with another NEXTAUTH_SECRET", () => {
  it("is refused, and the reason is logged once however many requests bring it", async () => {
    const user = await newUser("othersecret");
    const cookie = await encode({ token: { uid: user.id, sv: 1 }, secret: "another-replicas-secret-0123456789abcdef" });
    for (let i = 0; i < 3; i++) {
      const res = await callRoute(getFleet as never, {
        page: "/api/fleet/route",
        url: "http://localhost:3000/api/fleet",
        params: {},
        init: { headers: { cookie: `next-auth.session-token=${cookie}` } },
      });
      expect(res.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 50)); // the explanation runs beside the request
    const lines = logged.filter((l) => l.includes("sealed with another NEXTAUTH_SECRET"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(cookie);
  });
});
