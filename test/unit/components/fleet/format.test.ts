import { describe, expect, it } from "vitest";
import { fillGaps, formatBytes, formatLatency, formatRelative, formatUptime, formatUtc } from "@/components/fleet/format";
import { fleetSearch } from "@/lib/queries/fleet";

describe("fleet display helpers", () => {
  it("formats bytes in binary units", () => {
    expect(formatBytes(null)).toBe("—");
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(250 * 1024 ** 3)).toBe("250 GiB");
    expect(formatBytes(3.2 * 1024 ** 4)).toBe("3.2 TiB");
  });

  it("formats latency and times", () => {
    expect(formatLatency(null)).toBe("—");
    expect(formatLatency(87)).toBe("87 ms");
    expect(formatLatency(2345)).toBe("2.3 s");
    const now = Date.parse("2026-01-31T14:05:00Z");
    expect(formatRelative("2026-01-31T14:04:55Z", now)).toBe("just now");
    expect(formatRelative("2026-01-31T14:04:18Z", now)).toBe("42 s ago");
    expect(formatRelative("2026-01-31T14:00:00Z", now)).toBe("5 min ago");
    expect(formatRelative("2026-01-31T11:00:00Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-01-29T14:05:00Z", now)).toBe("2 d ago");
    expect(formatUtc("2026-01-31T14:05:09.123Z")).toBe("2026-01-31 14:05 UTC");
  });
});

describe("fleetSearch", () => {
  it("leaves defaults out and orders keys, so equal views share one cache key", () => {
    expect(fleetSearch({ sort: "status", dir: "asc", page: 1 })).toBe("");
    // worst first is the default order; by name is a choice the URL keeps
    expect(fleetSearch({ sort: "name" })).toBe("sort=name");
    expect(fleetSearch({ behind: "1", unmaintained: "1", stale: "1" })).toBe("stale=1&behind=1&unmaintained=1");
    expect(fleetSearch({ page: 2, health: "down", label: "run=x", sort: "version", dir: "desc" })).toBe(
      "label=run%3Dx&health=down&sort=version&dir=desc&page=2",
    );
    expect(fleetSearch({ q: "", stale: "1" })).toBe("stale=1");
  });
});

describe("formatUptime", () => {
  it("rounds down so one failed poll never reads as 100 %", () => {
    expect(formatUptime(1439, 1440)).toBe("99.9 %");
    expect(formatUptime(9999, 10000)).toBe("99.9 %");
    expect(formatUptime(60, 60)).toBe("100 %");
    expect(formatUptime(0, 60)).toBe("0.0 %");
    expect(formatUptime(0, 0)).toBe("—");
  });
});

describe("fillGaps", () => {
  const p = (t: string) => ({ t, polls: 1 });
  it("puts an empty bucket where the history has none, between the first point and the last", () => {
    const out = fillGaps([p("2026-11-26T01:00:00.000Z"), p("2026-11-26T04:00:00.000Z")], "hour");
    expect(out.map((b) => [b.t.slice(11, 13), b.polls])).toEqual([
      ["01", 1],
      ["02", 0],
      ["03", 0],
      ["04", 1],
    ]);
    expect(fillGaps([p("2026-11-01T00:00:00.000Z"), p("2026-11-03T00:00:00.000Z")], "day").map((b) => b.polls)).toEqual([1, 0, 1]);
    expect(fillGaps([], "hour")).toEqual([]);
  });
});
