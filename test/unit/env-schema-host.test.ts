import { describe, expect, it } from "vitest";
import { ZServerEnv } from "@/lib/env-schema";

const base = { DATABASE_URL: "postgresql://hfc:pw@127.0.0.1:5432/hfc", CONSOLE_ENCRYPTION_KEY: "a".repeat(64), NEXTAUTH_SECRET: "n".repeat(32) };

describe("AUTH_TRUST_HOST", () => {
  it("is off unless set, on with true or 1", () => {
    expect(ZServerEnv.parse(base).AUTH_TRUST_HOST).toBe(false);
    expect(ZServerEnv.parse({ ...base, AUTH_TRUST_HOST: " " }).AUTH_TRUST_HOST).toBe(false);
    expect(ZServerEnv.parse({ ...base, AUTH_TRUST_HOST: "true" }).AUTH_TRUST_HOST).toBe(true);
    expect(ZServerEnv.parse({ ...base, AUTH_TRUST_HOST: "1" }).AUTH_TRUST_HOST).toBe(true);
  });

  it("refuses false: next-auth would take it as true", () => {
    const r = ZServerEnv.safeParse({ ...base, AUTH_TRUST_HOST: "false" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["AUTH_TRUST_HOST"], message: expect.stringContaining("AUTH_TRUST_HOST must be true or unset") });
  });
});

describe("CONSOLE_ALLOWED_DEV_ORIGINS", () => {
  it("is read as text (next.config.mjs parses it)", () => {
    expect(ZServerEnv.parse({ ...base, CONSOLE_ALLOWED_DEV_ORIGINS: " console.lan " }).CONSOLE_ALLOWED_DEV_ORIGINS).toBe("console.lan");
  });
});
