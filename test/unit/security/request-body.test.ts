import { describe, expect, it } from "vitest";
import { actionBodyRefusal, MAX_ACTION_BODY_BYTES, nestsDeeperThan } from "@/lib/security/request-body";

describe("request body limits checked before Next decodes a server action", () => {
  it("measures nesting outside strings, linearly", () => {
    expect(nestsDeeperThan("[[[1]]]", 3)).toBe(false);
    expect(nestsDeeperThan("[[[[1]]]]", 3)).toBe(true);
    expect(nestsDeeperThan('["[[[[[[", {"a": "{{{{{{\\"[[[["}]', 2)).toBe(false);
    const deep = "[".repeat(300_000) + "]".repeat(300_000);
    const t0 = performance.now();
    expect(nestsDeeperThan(deep, 64)).toBe(true);
    expect(nestsDeeperThan(`[${JSON.stringify("x".repeat(500_000))}]`, 64)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it("refuses a body over the limit by its length (413) and a deep one (400), with a sentence", () => {
    expect(actionBodyRefusal(String(MAX_ACTION_BODY_BYTES + 1), null)).toMatchObject({ status: 413, message: expect.stringMatching(/larger than the console accepts/) });
    expect(actionBodyRefusal("20", JSON.stringify([{ a: [[[[]]]] }]))).toBeNull();
    expect(actionBodyRefusal(null, "[".repeat(65))).toMatchObject({ status: 400, message: expect.stringMatching(/nests deeper/) });
  });
});
