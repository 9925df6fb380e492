/**
 * A browser's side of next-auth v4, spoken to the console's real auth route handler (no server): a cookie jar,
 * a CSRF token from /api/auth/csrf, then POSTs to /api/auth/callback/credentials and /api/auth/signout.
 */
// First: it sets up what Next needs before any Next module loads.
import { callRoute } from "./next-route";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";

const ORIGIN = "http://localhost:3000";
export const SESSION_COOKIE = "next-auth.session-token";

export class AuthClient {
  readonly cookies = new Map<string, string>();

  /** `address` arrives as Next.js hands it to the route: in X-Forwarded-For. */
  constructor(private readonly address = "198.51.100.1") {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const i = pair.indexOf("=");
      const [name, value] = [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async call(method: "GET" | "POST", segments: string[], body?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), "x-forwarded-for": this.address, host: "localhost:3000" };
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await callRoute(method === "GET" ? GET : POST, {
      page: "/api/auth/[...nextauth]/route",
      url: `${ORIGIN}/api/auth/${segments.join("/")}`,
      params: { nextauth: segments },
      init: { method, headers, body: body ? new URLSearchParams(body).toString() : undefined },
    });
    this.keep(res);
    return res;
  }

  async csrfToken(): Promise<string> {
    const res = await this.call("GET", ["csrf"]);
    return ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** What next-auth's signIn("credentials", { redirect: false }) sees: the error code, or null when signed in. */
  async signIn(email: string, password: string): Promise<{ error: string | null }> {
    const csrfToken = await this.csrfToken();
    const res = await this.call("POST", ["callback", "credentials"], { csrfToken, email, password, callbackUrl: `${ORIGIN}/`, json: "true" });
    const { url } = (await res.json()) as { url: string };
    return { error: new URL(url).searchParams.get("error") };
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    const res = await this.call("POST", ["signout"], { csrfToken, callbackUrl: `${ORIGIN}/login`, json: "true" });
    if (!res.ok) throw new Error(`sign-out answered ${res.status}`);
  }

  get session(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }
}
