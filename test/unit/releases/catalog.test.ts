/** Release catalog against docs/harbor/upgrade.md §1 (table copied by hand, checked here for consistency). */
import { describe, expect, it } from "vitest";
import {
  ALL_RELEASES,
  isKnownRelease,
  isMaintained,
  LATEST,
  LATEST_LINE,
  latestPatchOf,
  lineIndex,
  lineInfo,
  MAINTAINED_LINES,
  OLDEST_SUPPORTED,
  patchesOf,
  RELEASE_LINES,
  releaseLine,
  toVersion,
} from "@/lib/releases";

const v = (major: number, minor: number, patch: number) => ({ major, minor, patch });

describe("catalog (docs/harbor/upgrade.md §1)", () => {
  it("lists every line 1.5 … 1.10, 2.0 … 2.15 in release order", () => {
    expect(RELEASE_LINES.map((l) => l.line)).toEqual(["1.5", "1.6", "1.7", "1.8", "1.9", "1.10", ...Array.from({ length: 16 }, (_, i) => `2.${i}`)]);
  });

  it("# finals = latest patch + 1 (contiguous patches), dates ordered", () => {
    for (const l of RELEASE_LINES) {
      expect(l.finals, l.line).toBe(l.latest.patch + 1);
      expect(patchesOf(l.line)).toHaveLength(l.finals);
      expect(l.latestDate >= l.firstDate, l.line).toBe(true);
      expect(l.first).toEqual({ major: l.major, minor: l.minor, patch: 0 });
    }
    const firsts = RELEASE_LINES.map((l) => l.firstDate);
    expect([...firsts].sort()).toEqual(firsts);
    expect(ALL_RELEASES).toHaveLength(RELEASE_LINES.reduce((n, l) => n + l.finals, 0));
  });

  it.each([
    ["1.5", "1.5.4", "2018-05-02", "2018-10-17"],
    ["1.10", "1.10.19", "2019-12-12", "2024-09-10"],
    ["2.1", "2.1.6", "2020-09-18", "2021-07-05"],
    ["2.11", "2.11.2", "2024-06-04", "2024-11-19"],
    ["2.13", "2.13.5", "2025-04-09", "2026-03-08"],
    ["2.15", "2.15.2", "2026-03-19", "2026-07-01"],
  ])("line %s: latest %s, first %s, latest dated %s", (line, latest, firstDate, latestDate) => {
    const l = lineInfo(line)!;
    expect(toVersion(latest)).toEqual(l.latest);
    expect(latestPatchOf(line)).toEqual(l.latest);
    expect([l.firstDate, l.latestDate]).toEqual([firstDate, latestDate]);
  });

  it("LATEST is 2.15.2, the one newest release the client and the planner share", () => {
    expect(LATEST).toEqual(v(2, 15, 2));
    expect(LATEST_LINE.line).toBe("2.15");
  });

  it.each([
    ["v2.11.2-35f09d55", true],
    ["2.11.2", true],
    ["1.10.19", true],
    ["1.5.0", true],
    ["2.11.3", false], // 2.11 ends at 2.11.2
    ["1.10.20", false],
    ["2.16.0", false],
    ["3.0.0", false],
    ["1.4.1", false], // older lines are not catalogued
    ["banana", false],
    ["", false],
  ])("isKnownRelease(%j) = %s", (raw, known) => {
    expect(isKnownRelease(raw)).toBe(known);
  });

  it("isKnownRelease rejects null, undefined and malformed objects", () => {
    expect(isKnownRelease(null)).toBe(false);
    expect(isKnownRelease(undefined)).toBe(false);
    expect(isKnownRelease({ major: 2, minor: 11, patch: Number.NaN })).toBe(false);
    expect(isKnownRelease({ major: 2, minor: 11, patch: -1 })).toBe(false);
    expect(isKnownRelease(v(2, 11, 2))).toBe(true);
  });

  it("releaseLine / lineIndex / latestPatchOf", () => {
    expect(releaseLine(v(2, 11, 2))).toBe("2.11");
    expect(releaseLine("v1.10.19")).toBe("1.10");
    expect(releaseLine("2.16.0")).toBe("2.16"); // formatting does not need the catalog
    expect(releaseLine("garbage")).toBeNull();
    expect(lineIndex("1.10.0")).toBeLessThan(lineIndex("2.0.0")); // 1.10 precedes 2.0, not 1.1
    expect(lineIndex("2.16.0")).toBe(-1);
    expect(latestPatchOf("1.10")).toEqual(v(1, 10, 19));
    expect(latestPatchOf(v(2, 9, 0))).toEqual(v(2, 9, 5));
    expect(latestPatchOf("2.16")).toBeNull();
    expect(latestPatchOf("nope")).toBeNull();
    expect(patchesOf("2.11")).toEqual([v(2, 11, 0), v(2, 11, 1), v(2, 11, 2)]);
    expect(patchesOf("9.9")).toEqual([]);
  });

  it("maintained = newest three lines (goharbor/harbor RELEASES.md; docs/harbor/upgrade.md is silent)", () => {
    expect(MAINTAINED_LINES).toEqual(["2.13", "2.14", "2.15"]);
    expect(isMaintained("2.13.0")).toBe(true);
    expect(isMaintained("2.15.2")).toBe(true);
    expect(isMaintained("2.12.4")).toBe(false);
    expect(isMaintained("1.10.19")).toBe(false);
    expect(isMaintained("x")).toBe(false);
  });

  it("the catalog covers everything the client supports (1.9.0 …)", () => {
    expect(isKnownRelease(OLDEST_SUPPORTED)).toBe(true);
  });
});
