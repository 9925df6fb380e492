import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parsePreviousKeys, ZServerEnv } from "@/lib/env-schema";

const CURRENT = crypto.randomBytes(32);
const OLD_1 = crypto.randomBytes(32);
const OLD_2 = crypto.randomBytes(32);
const base = {
  DATABASE_URL: "postgresql://hfc:pw@127.0.0.1:5432/hfc",
  CONSOLE_ENCRYPTION_KEY: CURRENT.toString("base64"),
  NEXTAUTH_SECRET: "n".repeat(32),
};

function issues(input: Record<string, unknown>) {
  const r = ZServerEnv.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("CONSOLE_ENCRYPTION_KEY_PREVIOUS", () => {
  it("is optional: unset or blank means no previous key", () => {
    expect(ZServerEnv.parse(base).CONSOLE_ENCRYPTION_KEY_PREVIOUS).toBeUndefined();
    expect(ZServerEnv.parse({ ...base, CONSOLE_ENCRYPTION_KEY_PREVIOUS: "  " }).CONSOLE_ENCRYPTION_KEY_PREVIOUS).toBeUndefined();
    expect(parsePreviousKeys(undefined)).toEqual({ keys: [], errors: [] });
    expect(parsePreviousKeys(" , ")).toEqual({ keys: [], errors: [] });
  });

  it("takes a comma-separated list in CONSOLE_ENCRYPTION_KEY's formats, in order, spaces and a trailing comma ignored", () => {
    const raw = ` ${OLD_1.toString("hex")} ,${OLD_2.toString("base64url")},`;
    expect(issues({ ...base, CONSOLE_ENCRYPTION_KEY_PREVIOUS: raw })).toEqual([]);
    const { keys, errors } = parsePreviousKeys(raw, base.CONSOLE_ENCRYPTION_KEY);
    expect(errors).toEqual([]);
    expect(keys.map((k) => k.toString("hex"))).toEqual([OLD_1.toString("hex"), OLD_2.toString("hex")]);
  });

  it("names the variable and the position of each bad entry, without quoting it", () => {
    const m = issues({ ...base, CONSOLE_ENCRYPTION_KEY_PREVIOUS: `${OLD_1.toString("base64")},not-a-key-at-all,${OLD_2.toString("hex").slice(2)}` });
    expect(m).toEqual([
      {
        path: "CONSOLE_ENCRYPTION_KEY_PREVIOUS",
        message: expect.stringMatching(/^CONSOLE_ENCRYPTION_KEY_PREVIOUS entry 2 of 3 is not a key: each must be 32 random bytes/),
      },
      { path: "CONSOLE_ENCRYPTION_KEY_PREVIOUS", message: expect.stringMatching(/^CONSOLE_ENCRYPTION_KEY_PREVIOUS entry 3 of 3 is not a key/) },
    ]);
    expect(JSON.stringify(m)).not.toContain("not-a-key-at-all");
  });

  it("refuses a previous key equal to the current one, whatever its spelling", () => {
    for (const same of [CURRENT.toString("base64"), CURRENT.toString("hex"), CURRENT.toString("base64url")]) {
      expect(issues({ ...base, CONSOLE_ENCRYPTION_KEY_PREVIOUS: `${OLD_1.toString("hex")},${same}` })).toEqual([
        {
          path: "CONSOLE_ENCRYPTION_KEY_PREVIOUS",
          message: "CONSOLE_ENCRYPTION_KEY_PREVIOUS entry 2 of 2 is the current CONSOLE_ENCRYPTION_KEY: a previous key must differ from it",
        },
      ]);
    }
  });

  it("reports a bad entry even when other variables are wrong too", () => {
    const m = issues({ ...base, DATABASE_URL: undefined, CONSOLE_ENCRYPTION_KEY_PREVIOUS: "x" });
    expect(m.map((i) => i.path).sort()).toEqual(["CONSOLE_ENCRYPTION_KEY_PREVIOUS", "DATABASE_URL"]);
  });
});
