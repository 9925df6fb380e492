/**
 * Every rule of docs/harbor/upgrade.md §2 on its own, with the examples the notes give: each hop blocked for exactly the rule
 * the notes name, and each example chain of §2.3 allowed hop by hop.
 */
import { describe, expect, it } from "vitest";
import { hopBlockers, isHopAllowed, type HopRule } from "@/lib/upgrade";
import { postgresAcceptedBy, postgresOf, toVersion } from "@/lib/releases";

const V = (s: string) => toVersion(s)!;
const rules = (s: string, t: string, internalDatabase = true): HopRule[] => hopBlockers(V(s), V(t), { internalDatabase }).map((b) => b.rule);

describe("§2.1 documented minimum (a)", () => {
  it.each([
    ["2.2.4", "2.5.0", "2.5 needs ≥2.3"],
    ["2.3.5", "2.6.0", "2.6 needs ≥2.4"],
    ["2.10.3", "2.13.0", "2.13 needs ≥2.11 (n-2)"],
    ["2.10.3", "2.14.0", "2.14 needs ≥2.11 (n-3)"],
    ["2.11.2", "2.15.0", "2.15 needs ≥2.12 (n-3)"],
    ["1.7.8", "1.10.0", "1.10 needs ≥1.8"],
    ["1.6.3", "1.9.0", "1.9 needs ≥1.7"],
  ])("%s → %s is refused: %s", (s, t) => {
    expect(rules(s, t, false)).toContain("documented-minimum");
  });

  it.each([
    ["2.3.0", "2.5.0"],
    ["2.11.0", "2.13.0"],
    ["2.11.0", "2.14.0"],
    ["2.12.0", "2.15.2"],
    ["1.10.0", "2.4.3"],
    ["1.8.0", "1.10.0"],
  ])("%s → %s is documented", (s, t) => {
    expect(rules(s, t, false)).not.toContain("documented-minimum");
  });

  it("any patch of the source minor is a valid start, and a patch bump is always documented", () => {
    for (const s of ["2.13.0", "2.13.3", "2.13.5"]) expect(rules(s, "2.15.2", false)).toEqual([]);
    expect(rules("2.15.0", "2.15.2")).toEqual([]);
    expect(rules("1.10.0", "1.10.19")).toEqual([]);
  });
});

describe("§2.2 item 1: core refuses an old 1.x schema (c)", () => {
  it("2.0 needs ≥1.9 ('please upgrade to version 1.9 first')", () => {
    expect(rules("1.8.6", "2.0.0", false)).toContain("legacy-1x-schema");
    expect(rules("1.9.0", "2.0.0", false)).toEqual([]);
  });
  it("2.1–2.8 need ≥1.10 ('please upgrade to version 1.10 first')", () => {
    for (const t of ["2.1.0", "2.4.3", "2.8.6"]) expect(rules("1.9.4", t, false)).toContain("legacy-1x-schema");
    expect(rules("1.10.0", "2.4.3", false)).toEqual([]);
    expect(hopBlockers(V("1.9.4"), V("2.1.0"))[0].message + hopBlockers(V("1.9.4"), V("2.1.0"))[1].message).toMatch(/please upgrade to version 1\.10 first/);
  });
});

describe("§2.2 item 2: 2.9 removed the 2.0 artifact migration (c)", () => {
  it.each(["2.9.0", "2.10.3", "2.15.2"])("1.10.19 → %s is refused", (t) => {
    expect(rules("1.10.19", t, false)).toContain("artifact-migration");
  });
  it("a 1.10 database that started once on 2.8 may go to 2.9+", () => {
    expect(rules("2.8.6", "2.10.3", false)).toEqual([]);
    expect(rules("1.10.19", "2.8.6", false)).toEqual(["documented-minimum"]);
  });
});

describe("§2.2 item 3: the source's schema must exist in the target (b)", () => {
  it.each(["2.1.4", "2.1.5", "2.1.6"])("%s (schema 41) → 2.2.0 fails, → 2.2.1 works", (s) => {
    expect(rules(s, "2.2.0")).toEqual(["schema-missing"]);
    expect(rules(s, "2.2.1")).toEqual([]);
  });
  it("2.1.3 (schema 40) → 2.2.0 works", () => {
    expect(rules("2.1.3", "2.2.0")).toEqual([]);
  });
  it("a downgrade is never a hop: rollback is a restore", () => {
    expect(rules("2.15.2", "2.15.1")).toEqual(["downgrade"]);
    expect(rules("2.10.0", "2.10.0")).toEqual(["downgrade"]);
    expect(hopBlockers(V("2.15.2"), V("2.14.4"))[0].message).toMatch(/restore the DB backup/);
  });
});

describe("§2.2 item 4: the bundled harbor-db upgrades exactly one PostgreSQL major (d)", () => {
  it("knows each release's data-dir major and what its entrypoint starts from", () => {
    expect(["1.10.19", "2.2.4", "2.3.0", "2.8.6", "2.9.0", "2.10.3", "2.11.0", "2.15.1", "2.15.2"].map((s) => postgresOf(V(s)))).toEqual([
      "9.6",
      "9.6",
      "13",
      "13",
      "14",
      "14",
      "15",
      "15",
      "18",
    ]);
    expect(postgresAcceptedBy(V("2.8.0"))).toEqual(["13"]);
    expect(postgresAcceptedBy(V("2.15.2"))).toEqual(["15", "18"]);
  });
  it.each([
    ["2.2.4", "2.8.6", "PG 9.6 on ≥2.8 exits"],
    ["2.8.6", "2.11.2", "PG13 → 2.11 initialises an empty cluster"],
    ["2.10.3", "2.15.2", "PG14 → 2.15.2"],
    ["2.3.0", "2.11.0", "PG13 → 2.11"],
  ])("%s → %s refused with the internal DB (%s)", (s, t) => {
    expect(rules(s, t, true)).toContain("internal-postgres");
    expect(rules(s, t, false)).not.toContain("internal-postgres");
  });
  it("2.12.4 → 2.15.2 (PG15 → 18) and 2.14.4 → 2.15.2 are allowed", () => {
    expect(rules("2.12.4", "2.15.2")).toEqual([]);
    expect(rules("2.14.4", "2.15.2")).toEqual([]);
  });
});

describe("§2.2 item 5: prepare migrate needs _version ≥ 1.9 (e)", () => {
  it("a 1.8 config cannot go straight to 2.x", () => {
    expect(rules("1.8.6", "2.0.0", false)).toContain("config-migrator");
    expect(rules("1.9.0", "2.0.0", false)).not.toContain("config-migrator");
  });
  it("1.x targets use harbor-migrator, so the rule does not apply", () => {
    expect(rules("1.6.3", "1.8.6", false)).toEqual([]);
  });
});

describe("§2.3 example chains are allowed hop by hop", () => {
  it.each([
    [["1.10.0", "2.4.3", "2.6.4", "2.8.6", "2.10.3", "2.12.4", "2.15.2"]],
    [["2.3.0", "2.5.6", "2.7.4", "2.9.5", "2.11.2", "2.13.5", "2.15.2"]],
    [["1.7.0", "1.9.4", "1.10.19", "2.4.3"]],
    [["1.6.0", "1.8.6", "1.10.19", "2.4.3"]],
    [["1.5.0", "1.6.3", "1.8.6"]],
  ])("%j", (chain) => {
    for (let i = 1; i < chain.length; i++) {
      expect(isHopAllowed(V(chain[i - 1]), V(chain[i])), `${chain[i - 1]} → ${chain[i]}`).toBe(true);
    }
  });
});
