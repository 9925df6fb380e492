import { beforeEach, describe, expect, it, vi } from "vitest";

const query = vi.fn(async () => ({ rows: [{ folded: true }] }));
vi.mock("@/lib/db", () => ({ sql: () => ({ query }) }));

const { foldSoon, READER_FOLD_MS } = await import("@/lib/fleet/tally");

describe("foldSoon: the pages fold the tally's deltas", () => {
  beforeEach(() => {
    query.mockClear();
    (globalThis as { fleetTallyFoldAt?: number }).fleetTallyFoldAt = undefined;
  });

  it("at most once per READER_FOLD_MS per process, whatever the number of page views", () => {
    const t = 1_000_000;
    foldSoon(t);
    foldSoon(t + 1);
    foldSoon(t + READER_FOLD_MS - 1);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query).toHaveBeenCalledWith("select fleet_tally_compact() as folded");
    foldSoon(t + READER_FOLD_MS);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it("a fold that fails costs the page nothing: the deltas wait for the next one", async () => {
    query.mockRejectedValueOnce(new Error("connection refused"));
    expect(() => foldSoon(5_000_000)).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(query).toHaveBeenCalledTimes(1);
  });
});
