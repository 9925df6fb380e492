import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getToken } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import crypto from "node:crypto";
import { cache } from "react";
import { env, oidcEnabled } from "./env";
import { AppError } from "./errors";
import { log } from "./log";
import type { Actor } from "./fleet/audit";
import { addressSecondsLocked, claimLockedRefusalAudit, recordAddressFailure, recordLoginFailure, recordLoginSuccess, secondsLocked, withLoginAttempt } from "./fleet/login-throttle";
import { findLoginUser, getSessionUser, recordSignIn, recordSignOut, type UserDto } from "./fleet/users";
import { noteRefusedWhileLocked, recordSignInRefusal } from "./fleet/sign-in-refusals";
import { explainUndecodableSession, sessionCookieValue } from "./session-cookie-check";
import { oidcProfile, ssoSignIn, type OidcClaims, type OidcUser } from "./auth-oidc";
import { isLoginErrorCode, LOGIN_ADDRESS_LOCKED_PREFIX, LOGIN_DATABASE_UNREACHABLE, LOGIN_FAILED, LOGIN_LOCKED_PREFIX} from "./schemas/login-error";
import { isDatabaseUnavailable } from "./fleet/outage";
import { hasRole, ZLoginInput, type TRole } from "./schemas/user";
import { clientAddress } from "./security/client-address";
import { checkHost, configuredAuthOrigin, WRONG_HOST_ERROR } from "./security/host-check";
import { dummyHash, verifyPassword } from "./security/password";

type LocalUser = { id: string; email: string; name: string; sv: number };
type Attempt = { user: LocalUser | null } | { refused: string };

const refusal = (emailLock: number, addressLock: number): { refused: string } | null => {
  // The longer lock is the one that matters to whoever is signing in; neither says whether the email exists.
  if (addressLock > 0 && addressLock >= emailLock) return { refused: `${LOGIN_ADDRESS_LOCKED_PREFIX}${addressLock}` };
  if (emailLock > 0) return { refused: `${LOGIN_LOCKED_PREFIX}${emailLock}` };
  return null;
};

async function authorizeLocal(raw: unknown, address: string): Promise<LocalUser | null> {
  const parsed = ZLoginInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = await withLoginAttempt(
    email,
    async (tx): Promise<Attempt> => {
      const now = new Date();
      const locked = refusal(await secondsLocked(email, now, tx), await addressSecondsLocked(address, now, tx));
      if (locked) {
        const byAddress = locked.refused.startsWith(LOGIN_ADDRESS_LOCKED_PREFIX);
        const claim = await claimLockedRefusalAudit(byAddress ? "address" : "email", byAddress ? address : email, tx);
        if (claim.audit) await recordSignInRefusal({ email, reason: byAddress ? "address_locked" : "locked", address, provider: "credentials" }, tx);
        else noteRefusedWhileLocked({ email, address, byAddress, count: claim.refusedWhileLocked });
        return locked;
      }
      const user = await findLoginUser(email, tx);
      // Verify against a dummy hash when there is no usable account, so the answer takes as long either way.
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
      if (!user || !user.passwordHash || user.disabled || !ok) {
        const [emailLock, addressLock] = [await recordLoginFailure(email, now, tx), await recordAddressFailure(address, now, tx)];
        const reason = !user ? "unknown_email" : !user.passwordHash ? "password_not_set" : !ok ? "wrong_password" : "disabled";
        await recordSignInRefusal({ email, reason, address, provider: "credentials", userId: user?.id, detail: { lockSeconds: emailLock, addressLockSeconds: addressLock } }, tx);
        return refusal(emailLock, addressLock) ?? { user: null };
      }
      await recordLoginSuccess({ email, address }, tx);
      return { user: { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion } };
    },
    { address },
  );
  // Thrown only now that the transaction has committed: throwing inside it rolled back the failure and the lock.
  if ("refused" in attempt) throw new Error(attempt.refused);
  return attempt.user;
}

/**
 * A browser's sign-in from an origin other than the configured one is refused before any password check (and is no
 * failure counted): next-auth's cookies, redirects and SSO callback all belong to the configured origin, so a session
 * begun elsewhere half works. The Origin header is the browser's own, which proxies pass on unchanged; a client that
 * sends none (not a browser) is not checked.
 */
function signInFromElsewhere(headers: Record<string, unknown> | undefined, configured: string | null): boolean {
  const origin = headers?.origin;
  if (!configured || typeof origin !== "string" || origin === "null") return false;
  const check = checkHost(origin, configured);
  if (!check.ok) log.warn("sign-in refused: opened at another address than NEXTAUTH_URL", { opened: check.opened, configured: check.configured });
  return !check.ok;
}

let cached: NextAuthOptions | null = null;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => {
        if (signInFromElsewhere(req?.headers, configuredAuthOrigin(e))) throw new Error(WRONG_HOST_ERROR);
        return authorizeLocal(credentials, clientAddress(req?.headers ?? {}, e.TRUST_PROXY)).catch((err: unknown) => {
          // next-auth puts a thrown message into the sign-in URL: only our own codes may go there, never a database
          // error's text (it names the server and port).
          if (err instanceof Error && isLoginErrorCode(err.message)) throw err;
          if (isDatabaseUnavailable(err)) throw new Error(LOGIN_DATABASE_UNREACHABLE);
          log.error("sign-in failed", { error: err });
          throw new Error(LOGIN_FAILED);
        });
      },
    }),
  ];
  if (oidcEnabled()) {
    providers.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (claims: OidcClaims, tokens: { access_token?: string }) => oidcProfile(e.OIDC_ISSUER!, claims, tokens.access_token),
    });
  }
  cached = {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: e.SESSION_MAX_AGE_HOURS * 3600, updateAge: 15 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        return ssoSignIn({ user: user as unknown as OidcUser & { dbId?: string; sv?: number }, defaultRole: e.OIDC_DEFAULT_ROLE, address: requestClientAddress });
      },
      async jwt({ token, user, account }) {
        if (user) {
          const u = user as { id: string; dbId?: string; sv?: number; email?: string | null };
          token.uid = u.dbId ?? u.id;
          token.sv = u.sv ?? 1;
          await recordSignIn({ userId: token.uid as string, email: u.email ?? "", provider: account?.provider ?? "credentials" });
        }
        return token;
      },
      async session({ session, token }) {
        // /api/auth/session answers an ended session (signed out, disabled, role or password changed) with nothing,
        // like every page and action does.
        const live = typeof token.uid === "string" && (await userOf({ uid: token.uid, sv: typeof token.sv === "number" ? token.sv : undefined }));
        if (!live) return { expires: session.expires } as typeof session;
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
    events: {
      // Ends every session of the user, this cookie and any copy of it included (see recordSignOut).
      async signOut({ token }) {
        if (typeof token?.uid === "string" && typeof token.sv === "number") await recordSignOut({ userId: token.uid, sessionVersion: token.sv });
      },
    },
    logger: {
      error: (code, metadata) => log.error(`auth: ${code}`, { metadata }),
      warn: (code) => log.warn(`auth: ${code}`),
      debug: () => {},
    },
  };
  return cached;
}

export type SessionUser = UserDto;

type SessionClaims = { uid: string; sv?: number };

const SESSION_COOKIE = "next-auth.session-token";

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
  const secureCookie = jar.has(`__Secure-${SESSION_COOKIE}`) || jar.has(`__Secure-${SESSION_COOKIE}.0`);
  const req = { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} };
  const token = await getToken({ req: req as unknown as Parameters<typeof getToken>[0]["req"], secureCookie, secret: env().NEXTAUTH_SECRET });
  if (!token) {
    const raw = sessionCookieValue(req.cookies, `${secureCookie ? "__Secure-" : ""}${SESSION_COOKIE}`);
    if (raw) void explainUndecodableSession(raw, env().NEXTAUTH_SECRET).catch(() => {});
  }
  return typeof token?.uid === "string" ? { uid: token.uid, sv: typeof token.sv === "number" ? token.sv : undefined } : null;
}

/** The user the claims name, as the database says now: a disabled account, or a password/role change since sign-in, ends the session. */
async function userOf(claims: SessionClaims): Promise<SessionUser | null> {
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
