/**
 * NEXTAUTH_URL and AUTH_TRUST_HOST for the Next.js process, and the start-log line that says where sign-in works.
 *
 * next-auth v4 takes its origin from NEXTAUTH_URL when set, else from the request (X-Forwarded-Host or Host, and
 * X-Forwarded-Proto) when AUTH_TRUST_HOST is set. `dev` leaves NEXTAUTH_URL unset and trusts the request, so the
 * console works at whatever address the browser used (127.0.0.1, the machine's name or IP). `start` keeps one fixed
 * address, http://localhost:$PORT unless NEXTAUTH_URL says otherwise, because a production console must not build
 * its redirects from a header a client sends; an operator who wants that anyway sets AUTH_TRUST_HOST.
 */
export interface AuthUrlEnv {
  /** undefined: removed from the child's environment. */
  NEXTAUTH_URL: string | undefined;
  AUTH_TRUST_HOST: string | undefined;
}

export function authUrlEnv(opts: { command: "dev" | "start"; production: boolean; port: string; env: { NEXTAUTH_URL?: string; AUTH_TRUST_HOST?: string } }): {
  env: AuthUrlEnv;
  note: string;
} {
  const url = opts.env.NEXTAUTH_URL?.trim() || undefined;
  const trust = opts.env.AUTH_TRUST_HOST?.trim() || undefined;
  if (url) return { env: { NEXTAUTH_URL: url, AUTH_TRUST_HOST: trust }, note: `sign-in works at ${url} (NEXTAUTH_URL)` };
  if (opts.command === "dev" || trust) {
    return {
      env: { NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: trust ?? "true" },
      note: "sign-in works at whatever address the browser uses (NEXTAUTH_URL unset: taken from each request)",
    };
  }
  const fallback = `http://localhost:${opts.port}`;
  return {
    env: { NEXTAUTH_URL: fallback, AUTH_TRUST_HOST: undefined },
    note: `${opts.production ? "WARNING: " : ""}sign-in works only at ${fallback}: set NEXTAUTH_URL to the address people open the console at`,
  };
}
