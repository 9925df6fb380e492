/**
 * next-auth's session cookie: its name over http, and with the `__Secure-` prefix it takes over https. A long session is
 * split into chunks `<name>.0`, `<name>.1`… Read by the proxy (is anyone signed in?) and lib/auth (who?).
 */
export const SESSION_COOKIE = "next-auth.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** Whether a cookie jar holds a session cookie under either name, whole or chunked. */
export function hasSessionCookie(has: (name: string) => boolean): boolean {
  return [SESSION_COOKIE, SECURE_SESSION_COOKIE].some((c) => has(c) || has(`${c}.0`));
}
