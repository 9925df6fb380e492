import { afterEach, describe, expect, it, vi } from "vitest";
import { allowedDevOrigins, isDevOriginAllowed, parseDevOrigins } from "@/lib/bootstrap/dev-origins.mjs";

const machine = {
  hostname: "Build-Box",
  interfaces: {
    lo: [
      { address: "127.0.0.1", family: "IPv4", scopeid: undefined },
      { address: "::1", family: "IPv6", scopeid: 0 },
    ],
    eth0: [
      { address: "10.0.0.5", family: "IPv4", scopeid: undefined },
      { address: "2001:db8::5", family: "IPv6", scopeid: 0 },
      { address: "fe80::1", family: "IPv6", scopeid: 2 },
    ],
  },
} as unknown as Parameters<typeof allowedDevOrigins>[1];

describe("allowedDevOrigins: the hosts `npm run dev` serves its scripts to", () => {
  it("are loopback, the machine's name and the addresses of its interfaces (not link-local IPv6, which needs a zone)", () => {
    expect(allowedDevOrigins(undefined, machine)).toEqual(["127.0.0.1", "[::1]", "build-box", "10.0.0.5", "[2001:db8::5]"]);
  });

  it("add CONSOLE_ALLOWED_DEV_ORIGINS, read as host names whatever scheme, port or path is written along", () => {
    const list = allowedDevOrigins(" console.lan, http://Dev.Example.com:3000/login ,*.preview.example.com,[2001:db8::9]:3000,", machine);
    expect(list.slice(5)).toEqual(["console.lan", "dev.example.com", "*.preview.example.com", "[2001:db8::9]"]);
  });

  it("refuse, naming the variable, what Next.js would never match: a bare wildcard or an empty label", () => {
    for (const bad of ["*", "**", "http://*:3000", "example..com", ".example.com"]) {
      expect(() => parseDevOrigins(bad)).toThrow(/^CONSOLE_ALLOWED_DEV_ORIGINS: ".*" is not a host name Next.js can match/);
    }
  });
});

describe("isDevOriginAllowed: Next's matching", () => {
  const list = ["10.0.0.5", "[::1]", "*.example.com", "**.corp.example"];
  it("localhost and its subdomains always, then exact names and wildcards for subdomains", () => {
    for (const host of ["localhost", "app.localhost", "10.0.0.5", "[::1]", "a.example.com", "a.b.corp.example", "x.corp.example"])
      expect(isDevOriginAllowed(host, list)).toBe(true);
    for (const host of ["10.0.0.6", "example.com", "a.b.example.com", "corp.example", "127.0.0.1"]) expect(isDevOriginAllowed(host, list)).toBe(false);
    expect(isDevOriginAllowed("anything", ["*"])).toBe(false);
  });
});

describe("next.config.mjs", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("hands Next the list, CONSOLE_ALLOWED_DEV_ORIGINS included", async () => {
    vi.stubEnv("CONSOLE_ALLOWED_DEV_ORIGINS", "console.lan");
    vi.resetModules();
    const { default: config } = await import("../../../next.config.mjs");
    expect(config.allowedDevOrigins).toEqual(expect.arrayContaining(["127.0.0.1", "[::1]", "console.lan"]));
  });
});
