import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatEnvError, ZServerEnv } from "@/lib/env-schema";
import { allowListOf } from "@/lib/harbor/outbound";
import { ZOutboundAllowList, ZOutboundSettingsInput } from "@/lib/schemas/settings";

const base = {
  DATABASE_URL: "postgresql://hfc:pw@127.0.0.1:5432/hfc",
  CONSOLE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: "n".repeat(32),
};

const GOOD = [
  "127.0.0.0/8",
  "127.0.0.1",
  "::1",
  "::1/128",
  "fd00:ec2::254",
  "169.254.169.254/32",
  "10.0.0.1/8",
  "::ffff:127.0.0.1",
  "::ffff:7f00:0/104",
  "0.0.0.0/0",
  "::/0",
];
const BAD = ["localhost", "0x7f000001", "2130706433", "0177.0.0.1", "127.1", "127.0.0.0/33", "::1/129", "fe80::1%eth0", "10.0.0.0/8/8", "http://127.0.0.1", ""];

describe("outbound allow-list entries", () => {
  it("accepts plain addresses and CIDR ranges, and the transport reads every one it accepts", () => {
    expect(ZOutboundAllowList.parse(GOOD)).toEqual(GOOD);
    expect(() => allowListOf(GOOD)).not.toThrow();
  });

  it.each(BAD)("refuses %j (encoded forms, names, bad prefixes)", (entry) => {
    expect(ZOutboundAllowList.safeParse([entry]).success).toBe(false);
  });

  it("drops duplicates, trims, and caps the list", () => {
    expect(ZOutboundAllowList.parse([" 127.0.0.0/8", "127.0.0.0/8 "])).toEqual(["127.0.0.0/8"]);
    expect(ZOutboundAllowList.safeParse(Array.from({ length: 65 }, (_, i) => `10.0.0.${i}`)).success).toBe(false);
  });

  it("the form puts each error at its row", () => {
    const r = ZOutboundSettingsInput.safeParse({ allow: [{ value: "127.0.0.0/8" }, { value: "0x7f000001" }], expectedUpdatedAt: null });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["allow.1.value"]);
  });
});

describe("CONSOLE_WEBHOOK_TEST_ALLOW", () => {
  it("is empty by default, read like CONSOLE_OUTBOUND_ALLOW, and independent of it", () => {
    expect(ZServerEnv.parse({ ...base, CONSOLE_OUTBOUND_ALLOW: "127.0.0.0/8" }).CONSOLE_WEBHOOK_TEST_ALLOW).toEqual([]);
    expect(ZServerEnv.parse({ ...base, CONSOLE_WEBHOOK_TEST_ALLOW: "10.0.0.0/8, 192.168.1.5" }).CONSOLE_WEBHOOK_TEST_ALLOW).toEqual([
      "10.0.0.0/8",
      "192.168.1.5",
    ]);
    expect(ZServerEnv.safeParse({ ...base, CONSOLE_WEBHOOK_TEST_ALLOW: "intranet" }).success).toBe(false);
  });
});

describe("CONSOLE_OUTBOUND_ALLOW", () => {
  it("is empty when unset or blank", () => {
    expect(ZServerEnv.parse(base).CONSOLE_OUTBOUND_ALLOW).toEqual([]);
    expect(ZServerEnv.parse({ ...base, CONSOLE_OUTBOUND_ALLOW: "  " }).CONSOLE_OUTBOUND_ALLOW).toEqual([]);
  });

  it("reads a comma or space separated list", () => {
    expect(ZServerEnv.parse({ ...base, CONSOLE_OUTBOUND_ALLOW: "127.0.0.0/8, ::1  169.254.169.254" }).CONSOLE_OUTBOUND_ALLOW).toEqual([
      "127.0.0.0/8",
      "::1",
      "169.254.169.254",
    ]);
  });

  it("stops the start with a message naming the variable and the bad entry", () => {
    const r = ZServerEnv.safeParse({ ...base, CONSOLE_OUTBOUND_ALLOW: "127.0.0.0/8,localhost" });
    expect(r.success).toBe(false);
    expect(formatEnvError(r.error!)).toMatch(/CONSOLE_OUTBOUND_ALLOW\.1: "localhost" is not an IP address or CIDR range/);
  });
});
