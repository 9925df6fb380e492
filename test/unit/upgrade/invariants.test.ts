/**
 * Properties of every plan between every pair of final tags in the catalog (docs/harbor/upgrade.md §1), checked against the
 * hop rules (§2.3 (a)–(e)) and against a brute-force shortest path over ALL final tags as possible stops.
 */
import { describe, expect, it } from "vitest";
import { ALL_RELEASES, compareVersions, latestPatchOf, lineIndex, releaseLine, toVersion, type HarborVersion } from "@/lib/releases";
import { DOCUMENTED_MINIMUM, isHopAllowed, planUpgradePath, type HopOptions } from "@/lib/upgrade";

const key = (v: HarborVersion) => `${v.major}.${v.minor}.${v.patch}`;

/** BFS over every final tag as a stop: the true minimum hop count from `from` to each release. */
function bfs(from: HarborVersion, opts: HopOptions): Map<string, number> {
  const dist = new Map([[key(from), 0]]);
  let frontier = [from];
  for (let d = 1; frontier.length; d++) {
    const next: HarborVersion[] = [];
    for (const s of frontier) {
      for (const t of ALL_RELEASES) {
        if (!dist.has(key(t)) && compareVersions(t, s) > 0 && isHopAllowed(s, t, opts)) {
          dist.set(key(t), d);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

const isSchemaGap = (s: HarborVersion, t: HarborVersion) => key(t) === "2.2.0" && releaseLine(s) === "2.1" && s.patch >= 4;

describe.each([{ internalDatabase: true }, { internalDatabase: false }])("every pair of final tags, %j", (opts) => {
  it("plans are valid, shortest, strictly increasing, end at the target, stop only at latest patches", { timeout: 60_000 }, () => {
    let checked = 0;
    for (const s of ALL_RELEASES) {
      const shortest = bfs(s, opts);
      for (const t of ALL_RELEASES) {
        if (compareVersions(t, s) <= 0) continue;
        const plan = planUpgradePath(s, t, opts);
        if (isSchemaGap(s, t)) {
          expect(plan.ok, `${key(s)}→${key(t)}`).toBe(false);
          expect(shortest.has(key(t))).toBe(false);
          continue;
        }
        if (!plan.ok) throw new Error(`${key(s)}→${key(t)}: ${plan.error}`);
        expect(plan.hops.length, `${key(s)}→${key(t)} is shortest`).toBe(shortest.get(key(t)));
        expect(plan.hops.at(-1)!.to).toEqual(t);
        let prev = s;
        plan.hops.forEach((h, i) => {
          const label = `${key(s)}→${key(t)} hop ${i + 1}`;
          expect(h.from, label).toEqual(prev);
          expect(compareVersions(h.to, prev), label).toBeGreaterThan(0);
          expect(isHopAllowed(prev, h.to, opts), label).toBe(true);
          // the source satisfies the target line's documented minimum (table 2.1)
          expect(lineIndex(prev) >= lineIndex(`${DOCUMENTED_MINIMUM[h.line]}.0`) || h.line === "1.6", label).toBe(true);
          if (i < plan.hops.length - 1) {
            expect(h.to, `${label} stops at a latest patch`).toEqual(latestPatchOf(h.to));
            expect(h.rules.length, `${label} has a reason to stop`).toBeGreaterThan(0);
          } else {
            expect(h.rules).toEqual([]);
          }
          prev = h.to;
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(9000);
  });
});

describe("internal-DB rule (§2.2 item 4)", () => {
  it("never lengthens a path between final tags beyond table 2.1 + code constraints", () => {
    for (const s of ALL_RELEASES) {
      const a = planUpgradePath(s);
      const b = planUpgradePath(s, undefined, { internalDatabase: false });
      expect(a.hops.length, key(s)).toBe(b.hops.length);
    }
  });

  it.each([
    ["2.2.4", "2.8.0"], // PG 9.6 on ≥2.8 exits
    ["2.8.6", "2.11.0"], // PG13 → 2.11 would initialise an empty DB
    ["2.10.3", "2.15.2"], // PG14 → 2.15.2 (15→18)
  ])("blocks %s → %s with the internal DB", (s, t) => {
    expect(isHopAllowed(toVersion(s)!, toVersion(t)!, {})).toBe(false);
  });
});

describe("docs/harbor/upgrade.md §2.3 examples are valid and as short as the plan", () => {
  it.each([
    ["1.10.0", ["2.4.3", "2.6.4", "2.8.6", "2.10.3", "2.12.4", "2.15.2"]],
    ["2.3.0", ["2.5.6", "2.7.4", "2.9.5", "2.11.2", "2.13.5", "2.15.2"]], // the plan picks 2.14.4 instead of 2.13.5
    ["1.7.0", ["1.9.4", "1.10.19"]],
    ["1.6.0", ["1.8.6", "1.10.19"]],
  ])("%s → %j", (from, stops) => {
    let prev = toVersion(from)!;
    for (const stop of stops) {
      const t = toVersion(stop)!;
      expect(isHopAllowed(prev, t), `${key(prev)}→${stop}`).toBe(true);
      prev = t;
    }
    expect(planUpgradePath(from, stops.at(-1)).hops).toHaveLength(stops.length);
  });
});
