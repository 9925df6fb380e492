import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, oidcEnabled } from "./env";
import { log } from "./log";
import { recordSignIn, recordSignOut } from "./fleet/users";
import { isDatabaseUnavailable } from "./fleet/outage";
import { oidcProfile, ssoSignIn, type OidcClaims, type OidcUser } from "./auth-oidc";
import { authorizeLocal } from "./auth-credentials";
import { requestClientAddress, userOf } from "./auth";
import { isLoginErrorCode, LOGIN_DATABASE_UNREACHABLE, LOGIN_FAILED } from "./schemas/login-error";
import { clientAddress } from "./security/client-address";
import { checkHost, configuredAuthOrigin, WRONG_HOST_ERROR } from "./security/host-check";

/** next-auth's configuration: the email-and-password provider, OpenID Connect when configured, and the JWT session. */

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
        return ssoSignIn({
          user: user as unknown as OidcUser & { dbId?: string; sv?: number },
          defaultRole: e.OIDC_DEFAULT_ROLE,
          address: requestClientAddress,
        });
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
