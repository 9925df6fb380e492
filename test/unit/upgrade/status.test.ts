/** hopsToLatest, minorsBehind, supportStatus (LATEST = 2.15.2; maintained = 2.13–2.15). */
import { describe, expect, it } from "vitest";
import { hopsToLatest, minorsBehind, supportStatus } from "@/lib/upgrade";

describe("hopsToLatest", () => {
  it.each([
    ["2.15.2", 0],
    ["2.15.0", 1], // patch-only update counts as one hop
    ["2.14.4", 1],
    ["2.12.0", 1],
    ["2.11.2", 2],
    ["2.10.0", 2],
    ["2.8.0", 3],
    ["2.3.0", 6],
    ["1.10.19", 6],
    ["1.9.0", 7],
    ["1.5.0", 9],
  ])("%s → %i", (v, n) => {
    expect(hopsToLatest(v)).toBe(n);
  });

  it.each(["garbage", null, "2.11.9", "2.16.0", "1.4.1"])("%j → null", (v) => {
    expect(hopsToLatest(v)).toBeNull();
  });
});

describe("minorsBehind (release order across 1.x → 2.x)", () => {
  it.each([
    ["2.15.0", 0],
    ["2.13.5", 2],
    ["2.0.0", 15],
    ["1.10.19", 16], // 2.0 … 2.15
    ["1.9.4", 17],
    ["1.5.0", 21],
  ])("%s → %i", (v, n) => {
    expect(minorsBehind(v)).toBe(n);
  });

  it.each(["x", "2.16.0", "1.4.1"])("%j → null", (v) => {
    expect(minorsBehind(v)).toBeNull();
  });
});

describe("supportStatus", () => {
  it.each([
    ["2.15.2", "latest", /newest Harbor release/],
    ["2.16.0", "latest", /newer than the catalog's newest release 2\.15\.2/],
    ["2.15.0", "maintained", /latest line 2\.15, behind its latest patch 2\.15\.2/],
    ["2.14.1", "maintained", /2\.14 is maintained.*1 minor behind; 1 hop to 2\.15\.2/],
    ["2.13.0", "maintained", /2\.13 is maintained.*2 minors behind/],
    ["2.12.4", "outdated", /2\.12 is no longer maintained \(maintained: 2\.13–2\.15\), 3 minors behind; 1 hop/],
    ["2.11.9", "outdated", /not a known release/],
    ["1.10.19", "outdated", /16 minors behind; 6 hops/],
    ["1.9.0", "outdated", /1\.9 is no longer maintained/],
    ["1.8.6", "unsupported", /older than 1\.9\.0, the oldest version the console's client supports/],
    ["1.5.0", "unsupported", /older than 1\.9\.0/],
    ["3.0.0", "unsupported", /major the console's client does not support/],
    ["banana", "unsupported", /not a Harbor version/],
  ])("%s → %s", (v, status, explanation) => {
    const s = supportStatus(v);
    expect(s.status).toBe(status);
    expect(s.explanation).toMatch(explanation);
    expect(s.explanation).not.toMatch(/\n/);
  });
});
