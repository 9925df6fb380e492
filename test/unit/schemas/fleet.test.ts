/** The fleet's URL params: the filter keys derive from the schema, so a new filter is one change. */
import { describe, expect, it } from "vitest";
import { FLEET_FILTER_KEYS, ZFleetParams } from "@/lib/schemas/fleet";

describe("FLEET_FILTER_KEYS", () => {
  it("is every param of ZFleetParams but sort, direction and page", () => {
    expect([...FLEET_FILTER_KEYS].sort()).toEqual(
      Object.keys(ZFleetParams.shape)
        .filter((k) => !["sort", "dir", "page"].includes(k))
        .sort(),
    );
    expect(FLEET_FILTER_KEYS).toEqual(
      expect.arrayContaining(["q", "environment", "label", "health", "credential", "version", "error", "stale", "behind", "unmaintained"]),
    );
    expect(FLEET_FILTER_KEYS).not.toContain("page");
  });
});
