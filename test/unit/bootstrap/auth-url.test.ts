import { describe, expect, it } from "vitest";
import { authUrlEnv } from "@/lib/bootstrap/auth-url";

describe("authUrlEnv: where the launcher lets next-auth sign in", () => {
  it("dev without NEXTAUTH_URL: unset, and the request's host trusted, so any address the browser uses works", () => {
    for (const NEXTAUTH_URL of [undefined, "", "  "]) {
      const r = authUrlEnv({ command: "dev", production: false, port: "3000", env: { NEXTAUTH_URL } });
      expect(r.env).toEqual({ NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: "true" });
      expect(r.note).toBe("sign-in works at whatever address the browser uses (NEXTAUTH_URL unset: taken from each request)");
    }
  });

  it("dev with NEXTAUTH_URL: that address, as the operator said", () => {
    const r = authUrlEnv({ command: "dev", production: false, port: "3000", env: { NEXTAUTH_URL: " https://console.example.com " } });
    expect(r.env).toEqual({ NEXTAUTH_URL: "https://console.example.com", AUTH_TRUST_HOST: undefined });
    expect(r.note).toBe("sign-in works at https://console.example.com (NEXTAUTH_URL)");
  });

  it("start without NEXTAUTH_URL: one fixed address, http://localhost:$PORT, never a header a client sends; a warning in production", () => {
    expect(authUrlEnv({ command: "start", production: false, port: "3107", env: {} })).toEqual({
      env: { NEXTAUTH_URL: "http://localhost:3107", AUTH_TRUST_HOST: undefined },
      note: "sign-in works only at http://localhost:3107: set NEXTAUTH_URL to the address people open the console at",
    });
    expect(authUrlEnv({ command: "start", production: true, port: "3000", env: { NEXTAUTH_URL: "" } }).note).toMatch(
      /^WARNING: sign-in works only at http:\/\/localhost:3000:/,
    );
  });

  it("start with NEXTAUTH_URL keeps it; with AUTH_TRUST_HOST alone, the operator chose the request's host", () => {
    expect(authUrlEnv({ command: "start", production: true, port: "3000", env: { NEXTAUTH_URL: "https://console.example.com" } }).env.NEXTAUTH_URL).toBe(
      "https://console.example.com",
    );
    expect(authUrlEnv({ command: "start", production: true, port: "3000", env: { AUTH_TRUST_HOST: "true" } }).env).toEqual({
      NEXTAUTH_URL: undefined,
      AUTH_TRUST_HOST: "true",
    });
  });
});
