import { AuthClient } from "../support/auth-client";
import { callRoute, inRequest } from "../support/next-route";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import { requireUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createUser } from "@/lib/fleet/users";
import { hashPassword } from "@/lib/security/password";

// Through the real next-auth route handler (CSRF token, callback, sign-out), on a real PostgreSQL.
// setup.ts: LOGIN_MAX_FAILURES=3, LOGIN_LOCK_SECONDS=60; the address limit runs at its defaults.
const suffix = () => crypto.randomBytes(5).toString("hex");
const address = () => `198.51.100.${crypto.randomInt(1, 255)}`;
const PASSWORD = "correct-horse-battery";

async function newUser(label: string) {
  const { user } = await createUser({
    input: { email: `${label}-${suffix()}@example.com`, name: "", role: "viewer" },
    actor: { id: null, email: "tester@example.com" },
    requestId: "t",
  });
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD), mustChangePassword: false } });
  return user;
}

/** A fresh address for each test: the per-address counter must start at zero. */
async function freshAddress(): Promise<string> {
  for (;;) {
    const a = `203.0.113.${crypto.randomInt(1, 255)}`;
    if (!(await db.loginAddressThrottle.findUnique({ where: { address: a } }))) return a;
  }
}

async function fleetStatus(sessionCookie: string): Promise<number> {
  const res = await callRoute(getFleet as never, {
    page: "/api/fleet/route",
    url: "http://localhost:3000/api/fleet",
    params: {},
    init: { headers: { cookie: `next-auth.session-token=${sessionCookie}` } },
  });
  return res.status;
}

/** Where a console page sends this cookie: null when it renders, else the redirect target. */
async function pageRedirect(sessionCookie: string): Promise<string | null> {
  return inRequest(
    { page: "/(console)/page", url: "http://localhost:3000/", init: { headers: { cookie: `next-auth.session-token=${sessionCookie}` } } },
    async () => {
      try {
        await requireUser();
        return null;
      } catch (e) {
        const digest = (e as { digest?: string }).digest ?? "";
        if (!digest.startsWith("NEXT_REDIRECT")) throw e;
        return digest.split(";")[2];
      }
    },
  );
}

describe("POST /api/auth/callback/credentials: the email lock", () => {
  it("holds: after LOGIN_MAX_FAILURES wrong passwords the right one is refused, and the row shows the failures and the lock", async () => {
    const user = await newUser("lock");
    const client = new AuthClient(await freshAddress());
    expect(await client.signIn(user.email, "wrong-1")).toEqual({ error: "CredentialsSignin" });
    expect(await client.signIn(user.email, "wrong-2")).toEqual({ error: "CredentialsSignin" });
    // The 3rd failure locks for 60 s; the attempts after it are refused before any password check.
    expect((await client.signIn(user.email, "wrong-3")).error).toBe("locked:60");
    for (let i = 4; i <= 6; i++) expect((await client.signIn(user.email, `wrong-${i}`)).error).toMatch(/^locked:(59|60)$/);

    expect((await client.signIn(user.email, PASSWORD)).error).toMatch(/^locked:(59|60)$/);
    expect(client.session).toBeUndefined();

    const row = await db.loginThrottle.findUniqueOrThrow({ where: { email: user.email } });
    expect(row.failures).toBe(3);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).toBeNull();
  });

  it("locks an email without an account the same way, with the same answers", async () => {
    const ghost = `ghost-${suffix()}@example.com`;
    const client = new AuthClient(await freshAddress());
    const answers = [];
    for (let i = 1; i <= 4; i++) answers.push((await client.signIn(ghost, `wrong-${i}`)).error);
    expect(answers.slice(0, 2)).toEqual(["CredentialsSignin", "CredentialsSignin"]);
    expect(answers[2]).toBe("locked:60");
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { email: ghost } });
    expect(row.failures).toBe(3);
    expect(row.lockedUntil).not.toBeNull();
  });

  it("a right password before the limit signs in and clears the email's failures", async () => {
    const user = await newUser("clears");
    const client = new AuthClient(await freshAddress());
    expect((await client.signIn(user.email, "wrong-1")).error).toBe("CredentialsSignin");
    expect(await client.signIn(user.email, PASSWORD)).toEqual({ error: null });
    expect(client.session).toBeTruthy();
    expect(await db.loginThrottle.findUnique({ where: { email: user.email } })).toBeNull();
  });
});

describe("POST /api/auth/callback/credentials: the address lock", () => {
  it("locks an address that walks through many emails, whichever email it tries next; other addresses still sign in", async () => {
    const max = env().LOGIN_ADDRESS_MAX_FAILURES;
    const user = await newUser("walked");
    const from = await freshAddress();
    const walker = new AuthClient(from);
    const answers: (string | null)[] = [];
    // One wrong password per email: no email lock is ever reached.
    for (let i = 0; i < max; i++) answers.push((await walker.signIn(`walk-${i}-${suffix()}@example.com`, "guess")).error);
    expect(answers.slice(0, max - 1).every((a) => a === "CredentialsSignin")).toBe(true);
    expect(answers[max - 1]).toBe(`address-locked:${env().LOGIN_ADDRESS_LOCK_SECONDS}`);

    // The right password of a real account is refused from that address, with words that name no email.
    expect((await walker.signIn(user.email, PASSWORD)).error).toMatch(/^address-locked:\d+$/);
    expect((await walker.signIn(`nobody-${suffix()}@example.com`, "guess")).error).toMatch(/^address-locked:\d+$/);
    expect(walker.session).toBeUndefined();
    const row = await db.loginAddressThrottle.findUniqueOrThrow({ where: { address: from } });
    expect(row.failures).toBe(max);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + (env().LOGIN_ADDRESS_LOCK_SECONDS - 10) * 1000);

    const elsewhere = new AuthClient(await freshAddress());
    expect(await elsewhere.signIn(user.email, PASSWORD)).toEqual({ error: null });
  });

  it("a sign-in forgives the address nothing: one valid account cannot reset the count for walking through other emails", async () => {
    const mine = await newUser("own-account");
    const from = await freshAddress();
    const client = new AuthClient(from);
    for (let i = 0; i < 4; i++) await client.signIn(`victim-${i}-${suffix()}@example.com`, "guess");
    await client.signIn(mine.email, "typo-1");
    await client.signIn(mine.email, "typo-2");
    expect((await db.loginAddressThrottle.findUniqueOrThrow({ where: { address: from } })).failures).toBe(6);
    expect(await client.signIn(mine.email, PASSWORD)).toEqual({ error: null });
    expect((await db.loginAddressThrottle.findUniqueOrThrow({ where: { address: from } })).failures).toBe(6);
  });
});

describe("POST /api/auth/signout", () => {
  it("ends the session server-side: the cookie captured before sign-out is refused by the API and by pages", async () => {
    const user = await newUser("signout");
    const client = new AuthClient(address());
    expect(await client.signIn(user.email, PASSWORD)).toEqual({ error: null });
    const captured = client.session!;
    expect(captured).toBeTruthy();
    expect(await fleetStatus(captured)).toBe(200);
    expect(await pageRedirect(captured)).toBeNull();

    await client.signOut();
    expect(client.session).toBeUndefined();

    expect(await fleetStatus(captured)).toBe(401);
    expect(await pageRedirect(captured)).toBe("/login?reason=signed_out");
    const audit = await db.auditEvent.findMany({ where: { targetType: "session", targetId: user.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["session.sign_in", "session.sign_out"]);
    expect(audit[1]).toMatchObject({ actorId: user.id, actorEmail: user.email, targetName: user.email });

    // Signing in again works, with a new session.
    expect(await client.signIn(user.email, PASSWORD)).toEqual({ error: null });
    expect(await fleetStatus(client.session!)).toBe(200);
  });

  it("ends the user's other sessions too, and a cookie already ended cannot sign anyone out again", async () => {
    const user = await newUser("everywhere");
    const laptop = new AuthClient(address());
    const phone = new AuthClient(address());
    await laptop.signIn(user.email, PASSWORD);
    await phone.signIn(user.email, PASSWORD);
    const phoneCookie = phone.session!;
    await laptop.signOut();
    expect(await fleetStatus(phoneCookie)).toBe(401);
    const version = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;

    // The phone's stale cookie signs out: nothing more to end, no version bump, no audit row.
    await phone.signOut();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(version);
    expect(await db.auditEvent.count({ where: { targetType: "session", targetId: user.id, action: "session.sign_out" } })).toBe(1);
  });
});
