/**
 * Upgrade paths, derived by hand from docs/harbor/upgrade.md §2 (table 2.1 = documented minimum per target,
 * §2.2 hard constraints, §2.3 algorithm). Ties between equally short paths: furthest stop first, 1.10 over 2.0.
 */
import { describe, expect, it } from "vitest";
import { planUpgradePath, type UpgradePlan } from "@/lib/upgrade";

function path(from: string, to?: string, opts = {}): string[] {
  const plan = planUpgradePath(from, to, opts);
  if (!plan.ok) throw new Error(plan.error);
  return plan.hops.map((h) => `${h.to.major}.${h.to.minor}.${h.to.patch}`);
}

const TAIL_1_10 = ["2.4.3", "2.6.4", "2.8.6", "2.10.3", "2.12.4", "2.15.2"];

describe("paths to LATEST 2.15.2", () => {
  it.each([
    ["2.15.2", [], "already latest: no hop"],
    ["2.15.0", ["2.15.2"], "patch-only update within the latest line is one hop"],
    ["v2.15.1-abc123", ["2.15.2"], "patch-only, systeminfo-style input"],
    ["2.14.0", ["2.15.2"], "2.15 accepts ≥2.12 (n-3, §2.1)"],
    ["2.13.5", ["2.15.2"], "2.15 accepts ≥2.12 (n-3, §2.1)"],
    ["2.12.0", ["2.15.2"], "2.12 is the oldest direct source of 2.15 (n-3, §2.1)"],
    ["2.11.2", ["2.14.4", "2.15.2"], "2.11 < 2.12 = 2.15's minimum; 2.14 accepts 2.11 (n-3), furthest stop first"],
    ["2.10.3", ["2.12.4", "2.15.2"], "2.13 needs ≥2.11, so 2.12 (≥2.10) is the only one-stop bridge"],
    ["2.9.0", ["2.11.2", "2.14.4", "2.15.2"], "2.9 → 2.11 (n-2) → 2.14 (n-3) → 2.15"],
    ["2.8.6", ["2.10.3", "2.12.4", "2.15.2"], "2.8 → 2.10 (n-2; PG13 → 2.10's 13→14 ok)"],
    ["2.7.0", ["2.9.5", "2.11.2", "2.14.4", "2.15.2"], "n-2 steps from 2.7"],
    ["2.6.0", ["2.8.6", "2.10.3", "2.12.4", "2.15.2"], "n-2 steps from 2.6"],
    ["2.5.0", ["2.7.4", "2.9.5", "2.11.2", "2.14.4", "2.15.2"], "n-2 steps from 2.5"],
    ["2.4.0", ["2.6.4", "2.8.6", "2.10.3", "2.12.4", "2.15.2"], "n-2 steps from 2.4"],
    ["2.3.0", ["2.5.6", "2.7.4", "2.9.5", "2.11.2", "2.14.4", "2.15.2"], "2.5 needs ≥2.3 (§2.1)"],
    ["2.2.0", TAIL_1_10, "2.5 needs ≥2.3, 2.4 accepts ≥1.10 (§2.1)"],
    ["2.1.6", TAIL_1_10, "2.1–2.4 accept ≥1.10 (§2.1)"],
    ["2.0.0", TAIL_1_10, "2.0 → 2.4 (≥1.10), PG 9.6 → 2.4's 96→13"],
    ["1.10.0", TAIL_1_10, "§2.3 example: 1.10.x → 2.4.3 → 2.6.4 → 2.8.6 → 2.10.3 → 2.12.4 → 2.15.2"],
    ["1.9.4", ["1.10.19", ...TAIL_1_10], "1.10 is the stop before 2.1+ (§2.2 item 1; 2.0 would tie, 1.10 preferred)"],
    ["1.8.0", ["1.10.19", ...TAIL_1_10], "1.10 accepts 1.8.x (§2.1); 2.0 needs ≥1.9"],
    ["1.7.0", ["1.9.4", "1.10.19", ...TAIL_1_10], "§2.3 example: 1.7.x → 1.9.4 → 1.10.x → 2.x"],
    ["1.6.0", ["1.8.6", "1.10.19", ...TAIL_1_10], "§2.3 example: 1.6.x → 1.8.x → 1.10.x"],
    ["1.5.0", ["1.6.3", "1.8.6", "1.10.19", ...TAIL_1_10], "MariaDB 1.5 → 1.6 via harbor-migrator up (§2.3)"],
  ])("%s → %j (%s)", (from, expected) => {
    expect(path(from)).toEqual(expected);
  });
});

describe("paths to intermediate targets", () => {
  it.each([
    ["2.12.0", "2.12.4", ["2.12.4"], "patch-only hop"],
    ["2.14.0", "2.14.4", ["2.14.4"], "patch-only hop in a non-latest line"],
    ["2.13.0", "2.15.1", ["2.15.1"], "2.15.x accepts ≥2.12 (n-3)"],
    ["2.10.3", "2.13.0", ["2.12.4", "2.13.0"], "2.13 needs ≥2.11 (n-2)"],
    ["2.8.0", "2.11.2", ["2.10.3", "2.11.2"], "2.11 needs ≥2.9, and PG13 needs 2.9/2.10 first (§2.2 item 4)"],
    ["1.10.0", "2.9.5", ["2.4.3", "2.6.4", "2.8.6", "2.9.5"], "1.x must start once on 2.0–2.8 before ≥2.9 (§2.2 item 2)"],
    ["1.10.19", "2.8.6", ["2.4.3", "2.6.4", "2.8.6"], "2.8 needs ≥2.6"],
    ["1.9.4", "2.0.6", ["2.0.6"], "2.0 accepts 1.9.x (§2.1; code: ≥ schema 10, §2.2 item 1)"],
    ["1.8.6", "2.0.6", ["1.10.19", "2.0.6"], "2.0 needs ≥1.9 and prepare migrate needs _version ≥1.9 (§2.2 item 5)"],
    ["1.9.0", "2.1.0", ["1.10.19", "2.1.0"], "2.1 needs ≥1.10; 1.10 preferred over a 2.0 stop"],
    ["1.5.4", "1.6.0", ["1.6.0"], "1.6 accepts ≥1.2 via harbor-migrator"],
    ["2.1.3", "2.2.0", ["2.2.0"], "schema 40 exists in 2.2.0 (§2.2 item 3)"],
    ["2.1.6", "2.2.1", ["2.2.1"], "schema 41 exists from 2.2.1 (§2.2 item 3)"],
  ])("%s → %s = %j (%s)", (from, to, expected) => {
    expect(path(from, to)).toEqual(expected);
  });

  it("2.11 → 2.15 is NOT direct: 2.15's n-3 minimum is 2.12 (§2.1), 2.14's n-3 minimum is 2.11", () => {
    const plan = planUpgradePath("2.11.0", "2.15.2");
    expect(plan.ok && plan.hops.length).toBe(2);
    expect(plan.ok && plan.hops[0].rules).toEqual(["documented-minimum"]);
    expect(plan.ok && plan.hops[0].reason).toMatch(/2\.15 documents upgrades from 2\.12\.x and later only, i\.e\. source ≥ target minor − 3/);
  });

  it("2.1.4–2.1.6 → 2.2.0 is impossible: schema 41 is missing in 2.2.0 (§2.2 item 3)", () => {
    for (const from of ["2.1.4", "2.1.5", "2.1.6"]) {
      const plan = planUpgradePath(from, "2.2.0");
      expect(plan.ok).toBe(false);
      expect(!plan.ok && plan.error).toMatch(/schema 41.*≥ 2\.2\.1/);
    }
  });
});

describe("hop reasons and notes", () => {
  it("1.9 → latest: 1.10 stop is forced by the pre-1.10 schema check, the 2.x stops by table 2.1", () => {
    const plan = planUpgradePath("1.9.0") as Extract<UpgradePlan, { ok: true }>;
    expect(plan.hops[0].rules).toEqual(expect.arrayContaining(["documented-minimum", "legacy-1x-schema"]));
    expect(plan.hops[0].reason).toMatch(/please upgrade to version 1\.10 first/);
    expect(plan.hops[1].notes.join("\n")).toMatch(/artifact metadata/);
    expect(plan.hops[1].notes.join("\n")).toMatch(/internal PostgreSQL 9\.6→13/);
    expect(plan.hops.at(-1)!.rules).toEqual([]);
    expect(plan.hops.at(-1)!.notes.join("\n")).toMatch(/15→18/);
  });

  it("2.8 → 2.11: the 2.10 stop is forced by table 2.1 and by the internal PG (13 → 14 → 15)", () => {
    const plan = planUpgradePath("2.8.0", "2.11.2") as Extract<UpgradePlan, { ok: true }>;
    expect(plan.hops[0].rules).toEqual(["documented-minimum", "internal-postgres"]);
    const external = planUpgradePath("2.8.0", "2.11.2", { internalDatabase: false }) as Extract<UpgradePlan, { ok: true }>;
    expect(external.hops.map((h) => h.to.minor)).toEqual([10, 11]);
    expect(external.hops[0].rules).toEqual(["documented-minimum"]);
    expect(external.hops[0].notes.join("\n")).toMatch(/external PostgreSQL must be ≥12/);
  });

  it("1.7 → 1.9 converts harbor.cfg to harbor.yml; 1.5 → 1.6 leaves MariaDB", () => {
    const p17 = planUpgradePath("1.7.0", "1.9.4") as Extract<UpgradePlan, { ok: true }>;
    expect(p17.hops[0].notes.join("\n")).toMatch(/harbor\.cfg → harbor\.yml/);
    const p15 = planUpgradePath("1.5.0", "1.6.3") as Extract<UpgradePlan, { ok: true }>;
    expect(p15.hops[0].notes.join("\n")).toMatch(/MariaDB to PostgreSQL/);
  });

  it("patch hop says so", () => {
    const plan = planUpgradePath("2.15.0") as Extract<UpgradePlan, { ok: true }>;
    expect(plan.hops).toHaveLength(1);
    expect(plan.hops[0]).toMatchObject({ kind: "patch", line: "2.15", rules: [] });
    expect(plan.hops[0].reason).toMatch(/patch update within 2\.15/);
  });
});

describe("invalid requests", () => {
  it.each([
    ["garbage", undefined, /not a Harbor version/],
    ["", undefined, /not a Harbor version/],
    [null, undefined, /not a Harbor version/],
    ["2.11.9", undefined, /source 2\.11\.9 is not a known final release/],
    ["1.4.1", undefined, /not a known final release/],
    ["3.0.0", undefined, /not a known final release/],
    ["2.11.0", "2.16.0", /target 2\.16\.0 is not a known final release/],
    ["2.11.0", "nonsense", /target "nonsense" is not a Harbor version/],
    ["2.15.2", "2.14.4", /not an upgrade.*restore the DB backup/],
  ])("%j → %j fails: %s", (from, to, error) => {
    const plan = planUpgradePath(from, to ?? undefined);
    expect(plan.ok).toBe(false);
    expect(plan.hops).toEqual([]);
    expect(!plan.ok && plan.error).toMatch(error);
  });

  it("same version: ok with no hops", () => {
    expect(planUpgradePath("2.10.3", "v2.10.3")).toMatchObject({ ok: true, hops: [] });
  });
});
