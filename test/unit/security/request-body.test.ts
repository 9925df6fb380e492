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
    expect(actionBodyRefusal(String(MAX_ACTION_BODY_BYTES + 1), null)).toMatchObject({
      status: 413,
      message: expect.stringMatching(/larger than the console accepts/),
    });
    expect(actionBodyRefusal("20", JSON.stringify([{ a: [[[[]]]] }]))).toBeNull();
    expect(actionBodyRefusal(null, "[".repeat(65))).toMatchObject({ status: 400, message: expect.stringMatching(/nests deeper/) });
  });
});

describe("bodies the JSON scan alone would miss", () => {
  it("counts every bracket of a multipart body, so a lone quote in one field cannot hide another's nesting", () => {
    const body = `--b\r\nContent-Disposition: form-data; name="1"\r\n\r\n"\r\n--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n${"[".repeat(100)}\r\n--b--`;
    expect(actionBodyRefusal(String(body.length), body, "text/plain;charset=UTF-8")).toBeNull();
    expect(actionBodyRefusal(String(body.length), body, "multipart/form-data; boundary=b")).toMatchObject({ status: 400 });
  });

  it("refuses a chunked body (no Content-Length) past the limit by what was read", () => {
    expect(actionBodyRefusal(null, "x".repeat(MAX_ACTION_BODY_BYTES + 1))).toMatchObject({ status: 413 });
  });

  it("refuses a NUL character in a query string", async () => {
    const { queryRefusal } = await import("@/lib/security/request-body");
    expect(queryRefusal("?q=%00")).toMatchObject({ status: 400 });
    expect(queryRefusal("?q=a%200")).toBeNull();
  });
});
