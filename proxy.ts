import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env";
import { buildCsp, newNonce } from "./lib/security/csp";
import { actionBodyRefusal, queryRefusal } from "./lib/security/request-body";
import { hasSessionCookie } from "./lib/session-cookie-name";

const PUBLIC = ["/login", "/api/auth", "/api/health"];

const PASSED = "x-console-proxy-mark";
/** Random per process, on request headers only (never in a response), so a client cannot forge it. */
const PROCESS_MARK = crypto.randomUUID();

/** A client's own X-Request-Id, kept only for correlation: printable ASCII, at most 100 characters. */
export function clientRequestIdOf(value: string | null): string | null {
  const v = value?.replace(/[^\x21-\x7e]/g, "").slice(0, 100);
  return v || null;
}

/**
 * Optimistic only: gives every request an id of the console's own (a client's X-Request-Id is never taken as it:
 * it is passed on as x-client-request-id), and sends visitors without a session cookie to the login page. The
 * Content-Security-Policy with a per-request nonce goes on the request (Next nonces its own scripts from it) and
 * on the response. The real checks (valid session, role) run in every layout, server action and route handler.
 */
export async function proxy(req: NextRequest) {
  const requestId = crypto.randomUUID();
  let refusal: { status: number; message: string } | null = queryRefusal(req.nextUrl.search);
  if (!refusal && req.method === "POST") {
    // Server actions' bodies are read here (Next buffers them for the proxy anyway) and scanned once, linearly.
    const text = req.headers.has("next-action")
      ? await req
          .clone()
          .text()
          .catch(() => null)
      : null;
    refusal = actionBodyRefusal(req.headers.get("content-length"), text, req.headers.get("content-type") ?? "");
  }
  if (refusal)
    return new NextResponse(refusal.message, { status: refusal.status, headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId } });
  const path = req.nextUrl.pathname;
  const headers = new Headers(req.headers);
  // Next may run the proxy a second time on a request it already passed (a server action's call, in production):
  // a mark only this process knows says so, and the ids of the first pass stay.
  const ours = req.headers.get(PASSED) === PROCESS_MARK;
  headers.set(PASSED, PROCESS_MARK);
  if (!ours) {
    headers.set("x-request-id", requestId);
    const clientId = clientRequestIdOf(req.headers.get("x-request-id"));
    if (clientId) headers.set("x-client-request-id", clientId);
    else headers.delete("x-client-request-id");
  }
  const issuer = env().OIDC_ISSUER;
  // eslint-disable-next-line no-restricted-properties -- NODE_ENV is Next's build mode, not configuration
  const csp = buildCsp({ nonce: newNonce(), dev: process.env.NODE_ENV !== "production", formActionOrigins: issuer ? [new URL(issuer).origin] : [] });
  headers.set("content-security-policy", csp);
  const hasSession = hasSessionCookie((name) => req.cookies.has(name));
  if (!hasSession && !PUBLIC.some((p) => path === p || path.startsWith(`${p}/`))) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = path === "/" ? "" : `?callbackUrl=${encodeURIComponent(path + req.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("x-request-id", headers.get("x-request-id")!);
  res.headers.set("content-security-policy", csp);
  return res;
}

export const config = {
  // Every request but static files: the request id of a route handler (sign-in included) is ours too.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
