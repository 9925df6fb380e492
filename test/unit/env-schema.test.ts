import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatEnvError, parseEncryptionKey, ZServerEnv } from "@/lib/env-schema";

const RAW = crypto.randomBytes(32);
const base = {
  DATABASE_URL: "postgresql://hfc:pw@127.0.0.1:5432/hfc",
  CONSOLE_ENCRYPTION_KEY: RAW.toString("base64"),
  NEXTAUTH_SECRET: "n".repeat(32),
};

function messages(input: Record<string, unknown>) {
  const r = ZServerEnv.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("parseEncryptionKey", () => {
  it("accepts 64 hex characters (either case) and decodes to the 32 bytes", () => {
    expect(parseEncryptionKey(RAW.toString("hex"))?.equals(RAW)).toBe(true);
    expect(parseEncryptionKey(RAW.toString("hex").toUpperCase())?.equals(RAW)).toBe(true);
  });

  it("accepts 44-character base64 with padding", () => {
    const b64 = RAW.toString("base64");
    expect(b64).toHaveLength(44);
    expect(parseEncryptionKey(b64)?.equals(RAW)).toBe(true);
  });

  it("accepts base64url (43 chars, no padding) and decodes it the same", () => {
    const b64url = RAW.toString("base64url");
    expect(b64url).toHaveLength(43);
    expect(parseEncryptionKey(b64url)?.equals(RAW)).toBe(true);
  });

  it("decodes keys containing the url-safe characters - and _ correctly", () => {
    const key = Buffer.alloc(32, 0xfb); // base64 is full of + and /
    const url = key.toString("base64url");
    expect(url).toMatch(/[-_]/);
    expect(parseEncryptionKey(url)?.equals(key)).toBe(true);
  });

  it("trims surrounding whitespace (e.g. a trailing newline from a file)", () => {
    expect(parseEncryptionKey(`  ${RAW.toString("base64")}\n`)?.equals(RAW)).toBe(true);
  });

  it("rejects wrong lengths and non-key strings", () => {
    for (const bad of [
      "",
      "secret",
      RAW.toString("hex").slice(0, 62),
      RAW.toString("hex") + "ab",
      crypto.randomBytes(16).toString("base64"),
      crypto.randomBytes(33).toString("base64"),
      crypto.randomBytes(31).toString("base64"),
      "g".repeat(64),
      RAW.toString("base64").slice(0, 40) + "!!!=",
    ]) {
      expect(parseEncryptionKey(bad), bad).toBeNull();
    }
  });
});

describe("ZServerEnv", () => {
  it("accepts a minimal environment and applies defaults", () => {
    const env = ZServerEnv.parse(base);
    expect(env).toMatchObject({
      NODE_ENV: "development",
      SESSION_MAX_AGE_HOURS: 8,
      LOGIN_MAX_FAILURES: 5,
      LOGIN_LOCK_SECONDS: 60,
      OIDC_NAME: "Single sign-on",
      OIDC_DEFAULT_ROLE: "viewer",
      LOG_LEVEL: "info",
    });
    expect(env.OIDC_ISSUER).toBeUndefined();
    expect(env.NEXTAUTH_URL).toBeUndefined();
  });

  it("coerces numeric settings from strings and enforces their bounds", () => {
    expect(ZServerEnv.parse({ ...base, SESSION_MAX_AGE_HOURS: "12", LOGIN_MAX_FAILURES: "3" })).toMatchObject({
      SESSION_MAX_AGE_HOURS: 12,
      LOGIN_MAX_FAILURES: 3,
    });
    expect(messages({ ...base, SESSION_MAX_AGE_HOURS: "0" })[0]?.path).toBe("SESSION_MAX_AGE_HOURS");
    expect(messages({ ...base, SESSION_MAX_AGE_HOURS: String(24 * 30 + 1) })[0]?.path).toBe("SESSION_MAX_AGE_HOURS");
    expect(messages({ ...base, LOGIN_LOCK_SECONDS: "abc" })[0]?.path).toBe("LOGIN_LOCK_SECONDS");
  });

  it("names CONSOLE_ENCRYPTION_KEY when it is missing", () => {
    const { CONSOLE_ENCRYPTION_KEY, ...rest } = base;
    void CONSOLE_ENCRYPTION_KEY;
    expect(messages(rest)).toEqual([{ path: "CONSOLE_ENCRYPTION_KEY", message: "CONSOLE_ENCRYPTION_KEY is required" }]);
  });

  it("names CONSOLE_ENCRYPTION_KEY when it is malformed, with a hint to generate one", () => {
    const m = messages({ ...base, CONSOLE_ENCRYPTION_KEY: "too-short" });
    expect(m).toHaveLength(1);
    expect(m[0].path).toBe("CONSOLE_ENCRYPTION_KEY");
    expect(m[0].message).toMatch(/^CONSOLE_ENCRYPTION_KEY must be 32 random bytes/);
    expect(m[0].message).toContain("openssl rand -base64 32");
  });

  it("requires a postgres DATABASE_URL and a NEXTAUTH_SECRET of 32+ characters", () => {
    const { DATABASE_URL, ...noDb } = base;
    void DATABASE_URL;
    expect(messages(noDb)).toEqual([{ path: "DATABASE_URL", message: "DATABASE_URL is required" }]);
    expect(messages({ ...base, DATABASE_URL: "mysql://x" })[0].message).toBe("DATABASE_URL must be a postgresql:// connection string");
    expect(ZServerEnv.safeParse({ ...base, DATABASE_URL: "postgres://x" }).success).toBe(true);
    expect(messages({ ...base, NEXTAUTH_SECRET: "n".repeat(31) })[0].message).toBe("NEXTAUTH_SECRET must be at least 32 characters");
  });

  it("requires the OIDC variables all together", () => {
    const partials = [
      { OIDC_ISSUER: "https://idp.example.com" },
      { OIDC_CLIENT_ID: "console" },
      { OIDC_CLIENT_SECRET: "s" },
      { OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "console" },
      { OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "s" },
    ];
    for (const p of partials) {
      const m = messages({ ...base, ...p });
      expect(m, JSON.stringify(p)).toEqual([{ path: "OIDC_ISSUER", message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together" }]);
    }
  });

  it("accepts all three OIDC variables, trimmed, and treats blank ones as unset", () => {
    const env = ZServerEnv.parse({ ...base, OIDC_ISSUER: " https://idp.example.com ", OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Okta" });
    expect(env).toMatchObject({ OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "console", OIDC_NAME: "Okta" });
    const blank = ZServerEnv.parse({ ...base, OIDC_ISSUER: "", OIDC_CLIENT_ID: "  ", OIDC_CLIENT_SECRET: "", OIDC_NAME: " " });
    expect(blank.OIDC_ISSUER).toBeUndefined();
    expect(blank.OIDC_CLIENT_ID).toBeUndefined();
    expect(blank.OIDC_NAME).toBe("Single sign-on");
  });

  it("rejects an OIDC_ISSUER that is not a URL", () => {
    const m = messages({ ...base, OIDC_ISSUER: "idp", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    expect(m.some((i) => i.path === "OIDC_ISSUER" && i.message === "OIDC_ISSUER must be a URL")).toBe(true);
  });

  it("rejects unknown enum values", () => {
    expect(messages({ ...base, LOG_LEVEL: "verbose" })[0].path).toBe("LOG_LEVEL");
    expect(messages({ ...base, OIDC_DEFAULT_ROLE: "root" })[0].path).toBe("OIDC_DEFAULT_ROLE");
    expect(messages({ ...base, NODE_ENV: "prod" })[0].path).toBe("NODE_ENV");
  });

  it("formatEnvError lists one line per issue with the variable name", () => {
    const r = ZServerEnv.safeParse({ CONSOLE_ENCRYPTION_KEY: "bad", NEXTAUTH_SECRET: "n".repeat(32) });
    expect(r.success).toBe(false);
    const text = formatEnvError(r.error!);
    const lines = text.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("  - DATABASE_URL: DATABASE_URL is required");
    expect(lines[1]).toMatch(/^ {2}- CONSOLE_ENCRYPTION_KEY: CONSOLE_ENCRYPTION_KEY must be/);
  });
});
