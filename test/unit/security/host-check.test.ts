import { describe, expect, it } from "vitest";
import { checkHost, configuredAuthOrigin, hostMismatchMessage, normalizeOrigin, requestOrigin } from "@/lib/security/host-check";

describe("normalizeOrigin", () => {
  it("keeps scheme, host and port, in lower case, without a default port or a path", () => {
    expect(normalizeOrigin("HTTPS://Console.Example.COM:443/login?x=1")).toBe("https://console.example.com");
    expect(normalizeOrigin("http://10.0.0.5:80")).toBe("http://10.0.0.5");
    expect(normalizeOrigin("http://10.0.0.5:3000/")).toBe("http://10.0.0.5:3000");
    expect(normalizeOrigin("https://console.example.com:80")).toBe("https://console.example.com:80");
  });

  it("brackets and compresses IPv6", () => {
    expect(normalizeOrigin("http://[0:0:0:0:0:0:0:1]:3000")).toBe("http://[::1]:3000");
    expect(normalizeOrigin("http://[2001:DB8:0::1]")).toBe("http://[2001:db8::1]");
  });

  it("reads a value without a scheme as https, as next-auth does, and refuses what is not an http(s) address", () => {
    expect(normalizeOrigin("console.example.com")).toBe("https://console.example.com");
    expect(normalizeOrigin("ftp://console.example.com")).toBeNull();
    expect(normalizeOrigin("http://")).toBeNull();
    expect(normalizeOrigin("  ")).toBeNull();
  });
});

describe("configuredAuthOrigin: the origin next-auth v4 signs in at", () => {
  it("is NEXTAUTH_URL when set, whatever AUTH_TRUST_HOST says", () => {
    expect(configuredAuthOrigin({ NEXTAUTH_URL: "https://console.example.com/", AUTH_TRUST_HOST: true })).toBe("https://console.example.com");
  });
  it("is each request's own with AUTH_TRUST_HOST, and next-auth's http://localhost:3000 with neither", () => {
    expect(configuredAuthOrigin({ AUTH_TRUST_HOST: true })).toBeNull();
    expect(configuredAuthOrigin({})).toBe("http://localhost:3000");
  });
});

describe("requestOrigin", () => {
  it("without a trusted proxy, takes the Host header and ignores X-Forwarded-Host/Proto, which a client may write", () => {
    const headers = { host: "10.0.0.5:3000", "x-forwarded-host": "console.example.com", "x-forwarded-proto": "https" };
    expect(requestOrigin(headers, 0)).toEqual({ origin: "http://10.0.0.5:3000", schemeKnown: false });
    expect(requestOrigin(new Headers(headers), 0)).toEqual({ origin: "http://10.0.0.5:3000", schemeKnown: false });
  });

  it("behind a trusted proxy, takes X-Forwarded-Host and X-Forwarded-Proto (their first entry), falling back to Host", () => {
    expect(requestOrigin({ host: "127.0.0.1:3000", "x-forwarded-host": "Console.Example.com", "x-forwarded-proto": "https" }, 1)).toEqual({
      origin: "https://console.example.com",
      schemeKnown: true,
    });
    expect(requestOrigin({ host: "127.0.0.1:3000", "x-forwarded-host": "a.example.com, b.internal", "x-forwarded-proto": "https, http" }, 2)?.origin).toBe(
      "https://a.example.com",
    );
    expect(requestOrigin({ host: "console.example.com" }, 1)).toEqual({ origin: "http://console.example.com", schemeKnown: false });
    expect(requestOrigin({ host: "console.example.com", "x-forwarded-proto": "gopher" }, 1)?.schemeKnown).toBe(false);
  });

  it("brackets IPv6 hosts and refuses what is no host", () => {
    expect(requestOrigin({ host: "[0:0::1]:3000" }, 0)?.origin).toBe("http://[::1]:3000");
    for (const host of ["", "evil.com/path", "user@evil.com", "a b", "host:port"]) expect(requestOrigin({ host }, 0)).toBeNull();
    expect(requestOrigin({}, 0)).toBeNull();
  });
});

describe("checkHost", () => {
  const configured = "https://console.example.com";

  it("accepts the configured origin however it is spelt", () => {
    expect(checkHost("https://CONSOLE.example.com:443", configured)).toEqual({ ok: true });
    expect(checkHost("http://[::1]:3000", "http://[0:0:0:0:0:0:0:1]:3000/")).toEqual({ ok: true });
    expect(checkHost("http://localhost", "http://localhost:80")).toEqual({ ok: true });
  });

  it("refuses another host, port or scheme, naming both and the configured login page", () => {
    expect(checkHost("http://10.0.0.5:3000", configured)).toEqual({
      ok: false,
      opened: "http://10.0.0.5:3000",
      configured: "https://console.example.com",
      loginUrl: "https://console.example.com/login",
    });
    expect(checkHost("https://console.example.com:8443", configured).ok).toBe(false);
    expect(checkHost("http://console.example.com", configured).ok).toBe(false);
    expect(checkHost("http://localhost:3107", "http://127.0.0.1:3107").ok).toBe(false);
    expect(checkHost("http://[::1]:3107", "http://127.0.0.1:3107").ok).toBe(false);
  });

  it("with the scheme unknown (no trusted proxy), compares the host name, and the port only when the request named one", () => {
    // A TLS proxy that passes Host on: the console sees plain HTTP for https://console.example.com.
    expect(checkHost(requestOrigin({ host: "console.example.com" }, 0)!, configured)).toEqual({ ok: true });
    expect(checkHost(requestOrigin({ host: "console.example.com:443" }, 0)!, configured)).toEqual({ ok: true });
    expect(checkHost(requestOrigin({ host: "console.example.com:3000" }, 0)!, configured).ok).toBe(false);
    expect(checkHost(requestOrigin({ host: "10.0.0.5:3000" }, 0)!, configured)).toMatchObject({ ok: false, opened: "http://10.0.0.5:3000" });
    expect(checkHost(requestOrigin({ host: "127.0.0.1:3107" }, 0)!, "http://127.0.0.1:3107")).toEqual({ ok: true });
    expect(checkHost(requestOrigin({ host: "localhost:3107" }, 0)!, "http://127.0.0.1:3107").ok).toBe(false);
  });

  it("with a trusted X-Forwarded-Proto, compares the scheme too", () => {
    expect(checkHost(requestOrigin({ host: "x", "x-forwarded-host": "console.example.com", "x-forwarded-proto": "https" }, 1)!, configured)).toEqual({
      ok: true,
    });
    expect(checkHost(requestOrigin({ host: "x", "x-forwarded-host": "console.example.com", "x-forwarded-proto": "http" }, 1)!, configured).ok).toBe(false);
  });

  it("says nothing when either side cannot be read", () => {
    expect(checkHost("not a url", configured)).toEqual({ ok: true });
    expect(checkHost("http://10.0.0.5", "ftp://x")).toEqual({ ok: true });
  });
});

describe("hostMismatchMessage", () => {
  it("names where the console was opened, where it is configured, and where to sign in", () => {
    const m = checkHost("http://10.0.0.5:3000", "https://console.example.com");
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(hostMismatchMessage(m)).toBe(
      "You opened the console at http://10.0.0.5:3000, but it is configured for https://console.example.com (NEXTAUTH_URL). Sign-in only works at the configured address: open https://console.example.com/login",
    );
  });
});
