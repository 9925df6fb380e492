import { describe, expect, it } from "vitest";
import * as z from "zod";
import { ZInstanceListParams } from "@/lib/schemas/instance";
import { parseSearchParams } from "@/lib/schemas/search-params";

describe("parseSearchParams", () => {
  it("keeps good values and parses them through the schema", () => {
    const { params, notices } = parseSearchParams(ZInstanceListParams, { q: " harbor ", environment: "staging", label: "region=eu", page: "2" });
    expect(params).toEqual({ q: "harbor", environment: "staging", label: "region=eu", page: 2 });
    expect(notices).toEqual([]);
  });

  it("applies defaults when nothing is given, and ignores empty values", () => {
    expect(parseSearchParams(ZInstanceListParams, {})).toEqual({ params: { page: 1 }, notices: [] });
    expect(parseSearchParams(ZInstanceListParams, { environment: "", page: "" })).toEqual({ params: { page: 1 }, notices: [] });
  });

  it("drops a bad value with a notice naming the key, and keeps the good ones", () => {
    const { params, notices } = parseSearchParams(ZInstanceListParams, { environment: "qa", page: "3" });
    expect(params).toEqual({ page: 3 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toBe('Ignored the filter environment="qa": not a valid value.');
  });

  it("reports every bad key and falls back to defaults", () => {
    const { params, notices } = parseSearchParams(ZInstanceListParams, { environment: "qa", page: "-1", label: "a=b=c", q: "ok" });
    expect(params).toEqual({ q: "ok", page: 1 });
    expect(notices).toHaveLength(3);
    expect(notices.join("\n")).toMatch(/filter environment=/);
    expect(notices.join("\n")).toMatch(/filter page=/);
    expect(notices.join("\n")).toMatch(/filter label=/);
  });

  it("takes the first value of an array", () => {
    expect(parseSearchParams(ZInstanceListParams, { page: ["4", "5"], environment: ["production", "qa"] }).params).toEqual({
      page: 4,
      environment: "production",
    });
    const bad = parseSearchParams(ZInstanceListParams, { environment: ["qa", "production"] });
    expect(bad.params.environment).toBeUndefined();
    expect(bad.notices).toEqual(['Ignored the filter environment="qa": not a valid value.']);
  });

  it("ignores keys that the schema does not know", () => {
    expect(parseSearchParams(ZInstanceListParams, { sort: "name", page: "2" })).toEqual({ params: { page: 2 }, notices: [] });
  });

  it("truncates the echoed value to 60 characters in the notice", () => {
    const long = "x".repeat(200);
    const { notices } = parseSearchParams(z.object({ id: z.uuid().optional() }), { id: long });
    expect(notices[0]).toBe(`Ignored the filter id="${"x".repeat(60)}": not a valid value.`);
  });

  it("never throws on a hostile value; a q over the limit is silently dropped by its catch", () => {
    const { params, notices } = parseSearchParams(ZInstanceListParams, { q: "y".repeat(500) });
    expect(params.q).toBeUndefined();
    expect(notices).toEqual([]);
  });
});
