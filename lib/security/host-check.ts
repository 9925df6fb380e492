/**
 * Whether the browser opened the console at the address next-auth is configured for. next-auth v4 builds every
 * redirect, cookie prefix (`__Secure-` on https) and the SSO callback from one origin: NEXTAUTH_URL when set,
 * else the request's host when AUTH_TRUST_HOST is set, else http://localhost:3000. Opened anywhere else, sign-in
 * half works at best, so the login page says where it works. Pure and client-safe: the login form checks again
 * with the browser's own `location.origin`, which no proxy can rewrite.
 */

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

/** The error code the sign-in endpoint answers a sign-in from another origin with. */
export const WRONG_HOST_ERROR = "WrongHost";

/** next-auth's origin when neither NEXTAUTH_URL nor AUTH_TRUST_HOST is set. */
const NEXT_AUTH_DEFAULT_ORIGIN = "http://localhost:3000";

/**
 * `scheme://host[:port]` in lower case, the default port dropped, IPv6 bracketed and compressed; null when the value
 * is not an http(s) address. Without a scheme a value is https, as next-auth reads NEXTAUTH_URL.
 */
export function normalizeOrigin(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/** The origin next-auth signs in at, or null when it takes each request's own host. */
export function configuredAuthOrigin(env: { NEXTAUTH_URL?: string; AUTH_TRUST_HOST?: boolean }): string | null {
  if (env.NEXTAUTH_URL) return normalizeOrigin(env.NEXTAUTH_URL);
  return env.AUTH_TRUST_HOST ? null : NEXT_AUTH_DEFAULT_ORIGIN;
}

/** Where a request says the browser is: `schemeKnown` is false when nothing trusted says http or https. */
export interface OpenedAt {
  origin: string;
  schemeKnown: boolean;
}

const first = (headers: HeaderBag, name: string): string | undefined => {
  const raw = headers instanceof Headers ? headers.get(name) : headers[name];
  const v = (Array.isArray(raw) ? raw[0] : raw)?.split(",")[0]?.trim();
  return v || undefined;
};

/**
 * The origin the browser asked for, from the Host header; from X-Forwarded-Host and X-Forwarded-Proto only behind
 * trusted proxies (TRUST_PROXY > 0): Next.js fills those in itself when the client sent none and keeps them when it
 * did, so without a proxy they say whatever the client wrote. The console speaks plain HTTP, so without a trusted
 * X-Forwarded-Proto the scheme is unknown (a TLS proxy may be in front): it is shown as http and not compared.
 */
export function requestOrigin(headers: HeaderBag, trustedProxies: number): OpenedAt | null {
  const proxied = trustedProxies > 0;
  const host = (proxied && first(headers, "x-forwarded-host")) || first(headers, "host");
  if (!host || /[\s/?#@\\]/.test(host)) return null;
  const proto = proxied ? first(headers, "x-forwarded-proto")?.toLowerCase() : undefined;
  const known = proto === "http" || proto === "https";
  const origin = normalizeOrigin(`${known ? proto : "http"}://${host}`);
  return origin ? { origin, schemeKnown: known } : null;
}

export type HostCheck = { ok: true } | { ok: false; opened: string; configured: string; loginUrl: string };

const parts = (origin: string) => {
  const u = new URL(origin);
  return { scheme: u.protocol, hostname: u.hostname, port: u.port || (u.protocol === "https:" ? "443" : "80"), explicitPort: u.port };
};

/**
 * Compares where the browser is with where next-auth is configured. With the scheme unknown only the host name is
 * compared, and the port when the request named one (a browser leaves a default port out, and behind a TLS proxy
 * the console cannot tell 80 from 443).
 */
export function checkHost(opened: OpenedAt | string, configured: string): HostCheck {
  const at = typeof opened === "string" ? { origin: normalizeOrigin(opened), schemeKnown: true } : opened;
  const target = normalizeOrigin(configured);
  if (!at.origin || !target) return { ok: true };
  const [a, b] = [parts(at.origin), parts(target)];
  const same = at.schemeKnown ? at.origin === target : a.hostname === b.hostname && (a.explicitPort === "" || a.port === b.port);
  return same ? { ok: true } : { ok: false, opened: at.origin, configured: target, loginUrl: `${target}/login` };
}

/** The words for a mismatch, in one sentence pair (the login page renders the address as a link). */
export function hostMismatchMessage(m: { opened: string; configured: string; loginUrl: string }): string {
  return `You opened the console at ${m.opened}, but it is configured for ${m.configured} (NEXTAUTH_URL). Sign-in only works at the configured address: open ${m.loginUrl}`;
}
