/** A database outage is logged once, counted, and closed with one "recovered after N s" line (#16 item 3). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { currentOutage, databaseAnswered, PROBE_INTERVAL_MS, reportCollectorError } from "@/lib/fleet/collector/outage-log";
import { isDatabaseUnavailable } from "@/lib/fleet/outage";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const adminShutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

describe("isDatabaseUnavailable", () => {
  it("knows a lost server from a failed statement", () => {
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(adminShutdown)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("wrapped"), { cause: { kind: "DatabaseNotReachable" } }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], ""))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('value "1" is out of range for type integer'), { code: "22003" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("the collector's outage log", () => {
  const lines: string[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    lines.length = 0;
    vi.spyOn(console, "error").mockImplementation((l: unknown) => void lines.push(String(l)));
    vi.spyOn(console, "log").mockImplementation((l: unknown) => void lines.push(String(l)));
  });
  afterEach(() => {
    databaseAnswered();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it("logs the first error, counts the rest, and one line when the probe gets through", async () => {
    let up = false;
    const probe = vi.fn(() => (up ? Promise.resolve() : Promise.reject(refused)));
    for (let i = 0; i < 50; i++) reportCollectorError("pg-boss error", i % 2 ? refused : adminShutdown, probe);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/database is unreachable/);
    expect(currentOutage()?.errors).toBe(50);
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS * 3);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(lines).toHaveLength(1);
    up = true;
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/recovered after \d+ s/);
    expect(JSON.parse(lines[1]).errorsWhileDown).toBe(50);
    expect(currentOutage()).toBeNull();
  });

  it("logs any other error as it comes", () => {
    reportCollectorError("pg-boss error", Object.assign(new Error("deadlock detected"), { code: "40P01" }), () => Promise.resolve());
    reportCollectorError("pg-boss error", Object.assign(new Error("deadlock detected"), { code: "40P01" }), () => Promise.resolve());
    expect(lines).toHaveLength(2);
    expect(currentOutage()).toBeNull();
  });
});
