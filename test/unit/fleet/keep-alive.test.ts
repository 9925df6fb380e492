import { describe, expect, it } from "vitest";
import { keepAliveFor } from "@/lib/fleet/collector/poll";

describe("keepAliveFor (idle connections kept between polls)", () => {
  it("keeps a connection across one interval plus slack, under nginx's 75 s", () => {
    expect(keepAliveFor(60)).toBe(70_000);
    expect(keepAliveFor(30)).toBe(40_000);
    expect(keepAliveFor(60)! < 75_000).toBe(true);
  });
  it("does not keep connections the server would close first (long intervals) or without an interval", () => {
    expect(keepAliveFor(61)).toBeUndefined();
    expect(keepAliveFor(300)).toBeUndefined();
    expect(keepAliveFor(undefined)).toBeUndefined();
  });
});
