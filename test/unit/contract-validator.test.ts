import { describe, expect, it } from "vitest";
import { findOperation, loadSpec, validateRequest, validateResponse, type Exchange } from "../contract/spec-validator";

const ex = (over: Partial<Exchange>): Exchange => ({
  method: "GET",
  path: "/api/v2.0/projects",
  query: {},
  requestHeaders: {},
  requestBody: undefined,
  status: 200,
  responseHeaders: {},
  responseBody: [],
  ...over,
});

describe("contract validator (the tool the contract tests rely on)", () => {
  it("finds operations across the swagger + legacy files of a 2.x tag, preferring literal segments", async () => {
    const s = await loadSpec("2.0.0");
    expect(findOperation(s, "GET", "/api/v2.0/projects/12/webhook/policies")?.template).toBe("/projects/{project_id}/webhook/policies");
    const v215 = await loadSpec("2.15.2");
    expect(findOperation(v215, "GET", "/api/v2.0/users/current")?.template).toBe("/users/current");
    expect(findOperation(v215, "GET", "/api/v2.0/no/such/thing")).toBeNull();
  }, 30_000);

  it("flags parameters the spec lacks, cookies, out-of-range values and bad bodies", async () => {
    const s = await loadSpec("2.15.2");
    expect(validateRequest(s, ex({ query: { page_size: "50", name: "lib" } }))).toEqual([]);
    expect(validateRequest(s, ex({ query: { page_size: "500" } })).join()).toMatch(/page_size/);
    expect(validateRequest(s, ex({ query: { bogus: "1" } })).join()).toMatch(/"bogus" is not in the spec/);
    expect(validateRequest(s, ex({ requestHeaders: { Cookie: "sid=1" } })).join()).toMatch(/Cookie/);
    const post = ex({ method: "POST", path: "/api/v2.0/projects/library/webhook/policies", requestBody: { name: "x", targets: "not-an-array" } });
    expect(validateRequest(s, post).join()).toMatch(/body does not match/);
    const v18 = await loadSpec("1.10.19");
    expect(validateRequest(v18, ex({ path: "/api/projects/1/webhook/policies", requestHeaders: { "X-Is-Resource-Name": "true" } })).join()).toMatch(
      /X-Is-Resource-Name/,
    );
  }, 30_000);

  it("validates response bodies, and error shapes for statuses the spec omits", async () => {
    const s = await loadSpec("2.15.2");
    expect(validateResponse(s, ex({ responseBody: [{ project_id: 1, name: "library", metadata: { public: "true" } }] }))).toEqual([]);
    expect(validateResponse(s, ex({ responseBody: [{ project_id: "one" }] })).join()).toMatch(/project_id/);
    expect(
      validateResponse(
        s,
        ex({ method: "POST", path: "/api/v2.0/projects/p/webhook/policies", status: 409, responseBody: { errors: [{ code: "CONFLICT", message: "x" }] } }),
      ),
    ).toEqual([]);
    expect(
      validateResponse(s, ex({ method: "POST", path: "/api/v2.0/projects/p/webhook/policies", status: 409, responseBody: { errors: "nope" } })).join(),
    ).toMatch(/does not match/);
  }, 30_000);
});
