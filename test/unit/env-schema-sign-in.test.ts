import { describe, expect, it } from "vitest";
import { ZServerEnv } from "@/lib/env-schema";

const base = { DATABASE_URL: "postgresql://hfc:pw@127.0.0.1:5432/hfc", CONSOLE_ENCRYPTION_KEY: "a".repeat(64), NEXTAUTH_SECRET: "n".repeat(32) };

describe("sign-in throttle settings", () => {
  it("default to 30 failures per address, a 15-minute window, a 5-minute first lock, and no trusted proxy", () => {
    const env = ZServerEnv.parse(base);
    expect([env.LOGIN_ADDRESS_MAX_FAILURES, env.LOGIN_ADDRESS_WINDOW_SECONDS, env.LOGIN_ADDRESS_LOCK_SECONDS, env.TRUST_PROXY]).toEqual([30, 900, 300, 0]);
    expect(ZServerEnv.parse({ ...base, TRUST_PROXY: " " }).TRUST_PROXY).toBe(0);
  });

  it("take whole numbers in range, and name the variable otherwise", () => {
    expect(ZServerEnv.parse({ ...base, TRUST_PROXY: "2", LOGIN_ADDRESS_MAX_FAILURES: "100" })).toMatchObject({
      TRUST_PROXY: 2,
      LOGIN_ADDRESS_MAX_FAILURES: 100,
    });
    for (const [key, value] of [
      ["TRUST_PROXY", "-1"],
      ["TRUST_PROXY", "true"],
      ["LOGIN_ADDRESS_MAX_FAILURES", "0"],
      ["LOGIN_ADDRESS_WINDOW_SECONDS", "10"],
      ["LOGIN_ADDRESS_LOCK_SECONDS", "1.5"],
    ]) {
      const r = ZServerEnv.safeParse({ ...base, [key]: value });
      expect(r.success, `${key}=${value}`).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join("."))).toEqual([key]);
    }
  });
});
