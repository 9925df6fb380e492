import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonSafely } from "@/lib/config/safe-json";

describe("parseJsonSafely", () => {
  it("reads JSON as JSON.parse does, a byte-order mark included", () => {
    const value = { instances: [{ name: "a", labels: "x=1", n: -12.5e3, ok: true, none: null, s: 'q"u\\o[t{e' }] };
    expect(parseJsonSafely(JSON.stringify(value))).toEqual({ ok: true, value });
    expect(parseJsonSafely(`\uFEFF${JSON.stringify(value)}`)).toEqual({ ok: true, value });
  });

  it("refuses deep nesting before JSON.parse builds it", () => {
    const t0 = performance.now();
    expect(parseJsonSafely(`{"a": ${"[".repeat(5_000_000)}`, { maxBytes: 8 * 1024 * 1024 })).toEqual({
      ok: false,
      message: "nested deeper than 64 levels",
      line: 1,
      col: 70,
    });
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(parseJsonSafely(`${"[".repeat(64)}${"]".repeat(64)}`).ok).toBe(true);
    // Brackets inside strings are text, escaped quotes do not end a string.
    expect(parseJsonSafely(JSON.stringify({ k: "[".repeat(1_000), e: '\\"[[[' })).ok).toBe(true);
  });

  it("refuses long keys, but not long values", () => {
    expect(parseJsonSafely(`{"${"k".repeat(300)}": 1}`)).toMatchObject({ ok: false, message: "a key of 300 characters (at most 256)", line: 1, col: 2 });
    expect(parseJsonSafely(JSON.stringify({ k: "v".repeat(10_000) })).ok).toBe(true);
  });

  it("refuses numbers JSON.parse would change", () => {
    expect(parseJsonSafely('{"port": 1e400}')).toMatchObject({
      ok: false,
      message: "the number 1e400 cannot be held exactly (it is infinite or beyond ±2^53)",
    });
    expect(parseJsonSafely("[99999999999999999999999]").ok).toBe(false);
    expect(parseJsonSafely("[9007199254740991, -9007199254740991, 1.5e300, 0.1]").ok).toBe(true);
  });

  it("refuses what is not text, what is too big, and what is not JSON, with a reason", () => {
    expect(parseJsonSafely('{"a": "x"}\u0000')).toMatchObject({ ok: false, line: 1, col: 11 });
    expect(parseJsonSafely("x".repeat(2 * 1024 * 1024))).toEqual({ ok: false, message: "it is 2048 KiB; at most 1024 KiB is accepted" });
    expect(parseJsonSafely('{"a": }')).toMatchObject({ ok: false, message: expect.stringMatching(/^not valid JSON: /) });
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => typeof parseJsonSafely(text).ok === "boolean"),
      { numRuns: 2_000 },
    );
    // Any JSON reads as JSON.parse reads it, unless it holds an integer past 2^53.
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value) ?? "null";
        const r = parseJsonSafely(text, { maxDepth: 1_000, maxKeyLength: 1_000 });
        if (!r.ok) return /cannot be held exactly/.test(r.message);
        expect(r.value).toEqual(JSON.parse(text));
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
