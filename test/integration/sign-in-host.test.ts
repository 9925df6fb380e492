import { callRoute } from "../support/next-route";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db";
import { createUser } from "@/lib/fleet/users";
import { hashPassword } from "@/lib/security/password";

// Through the real next-auth route handler. NEXTAUTH_URL is unset here and AUTH_TRUST_HOST too, so next-auth signs in
// at its default, http://localhost:3000: that is the configured origin.
const PASSWORD = "correct-horse-battery";

async function newUser() {
  const { user } = await createUser({
    input: { email: `host-${crypto.randomBytes(5).toString("hex")}@example.com`, name: "", role: "viewer" },
    actor: { id: null, email: "tester@example.com" },
    requestId: "t",
  });
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD), mustChangePassword: false } });
  return user;
}

/** A browser's sign-in: CSRF token and cookie, then the credentials POST, with the Origin header the browser sends. */
async function signInFrom(origin: string | null, email: string): Promise<{ error: string | null; session: boolean }> {
  const base = { host: "localhost:3000", "x-forwarded-for": `198.51.100.${crypto.randomInt(1, 255)}` };
  const csrf = await callRoute(GET as never, {
    page: "/api/auth/[...nextauth]/route",
    url: "http://localhost:3000/api/auth/csrf",
    params: { nextauth: ["csrf"] },
    init: { headers: base },
  });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await callRoute(POST as never, {
    page: "/api/auth/[...nextauth]/route",
    url: "http://localhost:3000/api/auth/callback/credentials",
    params: { nextauth: ["callback", "credentials"] },
    init: {
      method: "POST",
      headers: { ...base, cookie, "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) },
      body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: "/", json: "true" }).toString(),
    },
  });
  const { url } = (await res.json()) as { url: string };
  return { error: new URL(url).searchParams.get("error"), session: res.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token=")) };
}

describe("POST /api/auth/callback/credentials from another origin", () => {
  it("is refused with WrongHost before the password is checked, and counts as no failure", async () => {
    const user = await newUser();
    for (const origin of ["http://10.0.0.5:3000", "http://127.0.0.1:3000", "https://localhost:3000"]) {
      expect(await signInFrom(origin, user.email)).toEqual({ error: "WrongHost", session: false });
    }
    expect(await db.loginThrottle.findUnique({ where: { email: user.email } })).toBeNull();
  });

  it("signs in from the configured origin, however spelt, and from a client that sends no Origin (not a browser)", async () => {
    const user = await newUser();
    expect(await signInFrom("http://LOCALHOST:3000", user.email)).toEqual({ error: null, session: true });
    expect(await signInFrom(null, user.email)).toEqual({ error: null, session: true });
  });
});
