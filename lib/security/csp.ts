/**
 * The Content-Security-Policy of every page, with a fresh nonce per request (set by proxy.ts; Next reads the
 * nonce from the request's policy and puts it on its own scripts). Scripts run only from the console's origin
 * with that nonce; nothing may frame the console; forms post only to the console (and the single-sign-on
 * provider's origin, where the sign-in form goes).
 *
 * Styles allow inline attributes: Radix (tooltips, menus) and recharts position their elements with style
 * attributes, which a nonce cannot cover. Style injection cannot run script, so this is the usual trade-off.
 */
export function buildCsp(opts: { nonce: string; dev: boolean; formActionOrigins?: string[] }): string {
  const formAction = ["'self'", ...(opts.formActionOrigins ?? [])].join(" ");
  return [
    "default-src 'self'",
    // 'unsafe-eval' only in development: React's dev build reconstructs server stacks with eval.
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "worker-src 'self' blob:",
  ].join("; ");
}

/** 128 random bits, base64: unguessable and fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
