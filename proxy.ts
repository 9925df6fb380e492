import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PUBLIC = ["/login"];

/**
 * Optimistic only: tags every request with an id, and sends visitors without a session cookie to the login
 * page. The real checks (valid session, role) run in every layout, server action and route handler.
 */
export function proxy(req: NextRequest) {
  const requestId = req.headers.get("x-request-id")?.slice(0, 100) || crypto.randomUUID();
  const path = req.nextUrl.pathname;
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  const hasSession = SESSION_COOKIES.some((c) => req.cookies.has(c) || req.cookies.has(`${c}.0`));
  if (!hasSession && !PUBLIC.some((p) => path === p || path.startsWith(`${p}/`))) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = path === "/" ? "" : `?callbackUrl=${encodeURIComponent(path + req.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("x-request-id", requestId);
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/auth|api/health).*)"],
};
