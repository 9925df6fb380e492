import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import crypto from "node:crypto";
import { cache } from "react";
import { env } from "./env";
import { AppError } from "./errors";
import type { Actor } from "./fleet/audit";
import { getSessionUser, type UserDto } from "./fleet/users";
import { explainUndecodableSession, sessionCookieValue } from "./session-cookie-check";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./session-cookie-name";
import { hasRole, type TRole } from "./schemas/user";
import { clientAddress } from "./security/client-address";

/**
 * Who is signed in, for pages (requireUser), server actions (requireRole) and route handlers (getApiUser, readAsUser):
 * the session cookie's claims checked against the database on every call. next-auth's configuration lives in
 * auth-options.ts, the password sign-in in auth-credentials.ts, single sign-on in auth-oidc.ts.
 */

export type SessionUser = UserDto;

type SessionClaims = { uid: string; sv?: number };

/**
 * The session cookie's claims, decrypted and verified (expiry included), with no database read; null without a valid
 * session. The token is read directly rather than through getServerSession, which on every call also ran the whole
 * session endpoint (callbacks, and a fresh encryption of the token that a server component cannot even send back):
 * the same answer, at about half the cost, on every page view and live poll. Only the cookie counts, never an
 * Authorization header.
 */
async function sessionClaims(): Promise<SessionClaims | null> {
  await connection(); // per-request: never prerendered at build time
  const jar = await cookies();
  const secureCookie = jar.has(SECURE_SESSION_COOKIE) || jar.has(`${SECURE_SESSION_COOKIE}.0`);
  const req = { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} };
  const token = await getToken({ req: req as unknown as Parameters<typeof getToken>[0]["req"], secureCookie, secret: env().NEXTAUTH_SECRET });
  if (!token) {
    const raw = sessionCookieValue(req.cookies, secureCookie ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
    if (raw) void explainUndecodableSession(raw, env().NEXTAUTH_SECRET).catch(() => {});
  }
  return typeof token?.uid === "string" ? { uid: token.uid, sv: typeof token.sv === "number" ? token.sv : undefined } : null;
}

/** The user the claims name, as the database says now: a disabled account, or a password/role change since sign-in, ends the session. */
export async function userOf(claims: SessionClaims): Promise<SessionUser | null> {
  const user = await getSessionUser(claims.uid);
  if (!user || user.disabled || user.sessionVersion !== claims.sv) return null;
  return user;
}

/** The signed-in user as the database says now; null when there is none. */
export async function getUser(): Promise<SessionUser | null> {
  const claims = await sessionClaims();
  return claims ? userOf(claims) : null;
}

/**
 * For route handlers that only read and are polled (the fleet's live data): `read` starts once the session cookie
 * has been verified, alongside the read of its user, and its result is handed back only with a valid user. A cookie
 * the console did not issue costs no database work; one of a user disabled since costs the read, never its answer.
 */
export async function readAsUser<T>(read: () => Promise<T>): Promise<{ user: SessionUser; data: T } | null> {
  const claims = await sessionClaims();
  if (!claims) return null;
  const data = read();
  data.catch(() => {}); // awaited only with a valid user
  const user = await userOf(claims);
  // Like requireRole: a user who must still choose a password reads nothing until they have.
  return user && !user.mustChangePassword ? { user, data: await data } : null;
}

/** For route handlers that read: the signed-in user, or null — also while they must still choose their password. */
export async function getApiUser(): Promise<SessionUser | null> {
  const user = await getUser();
  return user && !user.mustChangePassword ? user : null;
}

/**
 * getUser once per server render: the console layout and the page both ask, and each ask is a session decryption
 * and a database read. Pages only — actions and route handlers read afresh (requireRole, getUser).
 */
const getUserForRender = cache(getUser);

/** For pages: the signed-in user, or a redirect to the login (or, with a one-time password, to choosing one). */
export async function requireUser(opts: { allowOneTimePassword?: boolean } = {}): Promise<SessionUser> {
  const user = await getUserForRender();
  if (!user) redirect("/login?reason=signed_out");
  if (user.mustChangePassword && !opts.allowOneTimePassword) redirect("/account/password?first=1");
  return user;
}

/** For server actions and route handlers: throws AppError instead of redirecting. */
export async function requireRole(role: TRole): Promise<SessionUser> {
  const user = await getUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (user.mustChangePassword) throw new AppError("forbidden", "Choose your own password first (Account → Change password).");
  if (!hasRole(user, role)) throw new AppError("forbidden", `This needs the ${role} role; you are ${user.role === "admin" ? "an" : "a"} ${user.role}.`);
  return user;
}

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, email: user.email };
}

/** The client's address as the sign-in throttle counts it (see lib/security/client-address.ts). */
export async function requestClientAddress(): Promise<string> {
  return clientAddress(await headers(), env().TRUST_PROXY);
}

export async function requestId(): Promise<string> {
  return (await headers()).get("x-request-id") ?? crypto.randomUUID();
}
