import "server-only";
import { recordSignInRefusal, type SignInRefusalReason } from "./fleet/sign-in-refusals";
import { SsoLinkRefused, upsertOidcUser } from "./fleet/users-oidc";
import { SSO_REFUSAL_CODES } from "./schemas/login-error";
import type { TRole } from "./schemas/user";

/** Single sign-on (OpenID Connect) for lib/auth-options.ts: the identity a provider vouches for, and what the console makes of it. */
export interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}
export interface OidcUser {
  id: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

let userinfoEndpoint: Promise<string | null> | null = null;
const OIDC_FETCH_TIMEOUT_MS = 5_000;

/**
 * Identity from the ID token; when the provider keeps email out of the ID token (as the OIDC spec allows
 * once an access token is issued), from its userinfo endpoint. The subject must match in both.
 */
export async function oidcProfile(issuer: string, idClaims: OidcClaims, accessToken?: string): Promise<OidcUser> {
  let claims = idClaims;
  if (!claims.email && accessToken) {
    // Discovery with a deadline; a failure is not kept (the next sign-in asks again), and the token only goes to a
    // userinfo endpoint on the issuer's own origin.
    userinfoEndpoint ??= fetch(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(OIDC_FETCH_TIMEOUT_MS) })
      .then((r) => r.json())
      .then((d: { userinfo_endpoint?: string }) => {
        const url = d.userinfo_endpoint ?? null;
        return url && new URL(url).origin === new URL(issuer).origin ? url : null;
      })
      .catch(() => null)
      .then((url) => {
        if (!url) userinfoEndpoint = null;
        return url;
      });
    const url = await userinfoEndpoint;
    if (url) {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(OIDC_FETCH_TIMEOUT_MS) }).catch(
        () => null,
      );
      const info = (res?.ok ? await res.json().catch(() => ({})) : {}) as OidcClaims;
      if (info.sub === idClaims.sub)
        claims = { ...info, ...idClaims, email: info.email, email_verified: info.email_verified, name: idClaims.name ?? info.name };
    }
  }
  // Only an explicit `email_verified: true` counts: some providers let users type any email and omit the claim.
  return { id: claims.sub, email: claims.email ?? null, emailVerified: claims.email_verified === true, name: claims.name ?? claims.preferred_username ?? null };
}

/**
 * Single sign-on's side of signIn: link or create the account, or refuse with a code the login page explains
 * (SSO_REFUSAL_CODES, lib/schemas/login-error.ts). Every refusal is logged and audited with the client's address.
 */
export async function ssoSignIn(o: {
  user: OidcUser & { dbId?: string; sv?: number };
  defaultRole: TRole;
  address: () => Promise<string>;
}): Promise<true | string> {
  const p = o.user;
  const refuse = async (reason: SignInRefusalReason, code: string, userId?: string) => {
    await recordSignInRefusal({ email: p.email ?? "(no email)", reason, address: await o.address().catch(() => "unknown"), provider: "oidc", userId });
    return `/login?error=${code}`;
  };
  if (!p.id || !p.email) return refuse("sso_no_email", "OidcNoEmail");
  try {
    const u = await upsertOidcUser({ subject: p.id, email: p.email, emailVerified: p.emailVerified, name: p.name ?? "", defaultRole: o.defaultRole });
    if (u.disabled) return refuse("disabled", "AccountDisabled", u.id);
    p.dbId = u.id;
    p.sv = u.sessionVersion;
    return true;
  } catch (err) {
    if (err instanceof SsoLinkRefused) return refuse(`sso_${err.reason}`, SSO_REFUSAL_CODES[err.reason], err.userId);
    throw err;
  }
}
