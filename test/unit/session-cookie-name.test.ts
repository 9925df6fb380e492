/** The session cookie's names, one home for the proxy and lib/auth: whole or chunked, over http or https. */
import { describe, expect, it } from "vitest";
import { hasSessionCookie, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/session-cookie-name";

const jar =
  (...names: string[]) =>
  (name: string) =>
    names.includes(name);

describe("hasSessionCookie", () => {
  it("finds next-auth's cookie under its http and https names, whole or in chunks", () => {
    expect(SECURE_SESSION_COOKIE).toBe(`__Secure-${SESSION_COOKIE}`);
    expect(hasSessionCookie(jar("next-auth.session-token"))).toBe(true);
    expect(hasSessionCookie(jar("__Secure-next-auth.session-token"))).toBe(true);
    expect(hasSessionCookie(jar("next-auth.session-token.0", "next-auth.session-token.1"))).toBe(true);
    expect(hasSessionCookie(jar("__Secure-next-auth.session-token.0"))).toBe(true);
  });

  it("does not take another cookie, or a later chunk alone, for a session", () => {
    expect(hasSessionCookie(jar())).toBe(false);
    expect(hasSessionCookie(jar("next-auth.csrf-token", "next-auth.callback-url"))).toBe(false);
    expect(hasSessionCookie(jar("next-auth.session-token.1"))).toBe(false);
  });
});
