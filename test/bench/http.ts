/**
 * A tiny browser stand-in for the fleet benchmark: a cookie jar, next-auth v4 credentials sign-in, and
 * timed GETs (time to the last byte of the body). Talks to 127.0.0.1 only.
 */

export class Session {
  private readonly cookies = new Map<string, string>();
  /** bytes of the last body read by timedGet */
  lastBytes = 0;

  constructor(readonly origin: string) {
    const host = new URL(origin).hostname;
    if (host !== "127.0.0.1") throw new Error(`the benchmark only talks to 127.0.0.1, not ${host}`);
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/;\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader);
    const res = await fetch(this.origin + path, { ...init, headers, redirect: "manual" });
    this.keep(res);
    return res;
  }

  /** Sign in like the login form does (next-auth v4 credentials provider). */
  async signIn(email: string, password: string): Promise<void> {
    const csrfRes = await this.request("/api/auth/csrf");
    if (!csrfRes.ok) throw new Error(`GET /api/auth/csrf answered ${csrfRes.status}`);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${this.origin}/` });
    const res = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
      body,
    });
    const text = await res.text();
    if (!this.has("next-auth.session-token") && !this.has("__Secure-next-auth.session-token")) {
      throw new Error(`sign-in failed: ${res.status} ${res.headers.get("location") ?? ""} ${text.slice(0, 300)}`);
    }
  }

  /** GET `path`, read the whole body; returns the elapsed milliseconds. Throws unless the status is `expect`. */
  async timedGet(path: string, check?: (status: number, body: string, res: Response) => string | null): Promise<number> {
    const t0 = performance.now();
    const res = await this.request(path);
    const body = await res.text();
    const ms = performance.now() - t0;
    this.lastBytes = Buffer.byteLength(body);
    const problem = check ? check(res.status, body, res) : res.status === 200 ? null : `status ${res.status}`;
    if (problem) throw new Error(`GET ${path}: ${problem} (location: ${res.headers.get("location") ?? "-"}) ${body.slice(0, 200)}`);
    return ms;
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // nearest rank
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const median = (values: number[]) => {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
