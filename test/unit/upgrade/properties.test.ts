/**
 * Property tests (fast-check): for any pair of catalogued final releases and either database kind, every hop of the
 * planned path satisfies all of docs/harbor/upgrade.md §2.3 (a)–(e) as an independent reading of the notes decides them
 * (./oracle.ts), and no shorter valid path exists over every final tag as a possible stop.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_RELEASES, compareVersions, type HarborVersion } from "@/lib/releases";
import { hopBlockers, planUpgradePath } from "@/lib/upgrade";
import { allowed, verdicts } from "./oracle";

const key = (v: HarborVersion) => `${v.major}.${v.minor}.${v.patch}`;
const release = fc.constantFrom(...ALL_RELEASES);

function shortest(from: HarborVersion, to: HarborVersion, internal: boolean): number | null {
  const dist = new Map([[key(from), 0]]);
  let frontier = [from];
  for (let d = 1; frontier.length; d++) {
    const next: HarborVersion[] = [];
    for (const s of frontier) {
      for (const t of ALL_RELEASES) {
        if (!dist.has(key(t)) && compareVersions(t, to) <= 0 && allowed(s, t, internal)) {
          dist.set(key(t), d);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return dist.get(key(to)) ?? null;
}

describe("planUpgradePath properties", () => {
  it("every hop satisfies every rule, and the path is as short as any valid path", () => {
    fc.assert(
      fc.property(release, release, fc.boolean(), (a, b, internal) => {
        const [from, to] = compareVersions(a, b) <= 0 ? [a, b] : [b, a];
        const plan = planUpgradePath(from, to, { internalDatabase: internal });
        const best = compareVersions(from, to) === 0 ? 0 : shortest(from, to, internal);
        if (best === null) {
          expect(plan.ok).toBe(false);
          return;
        }
        if (!plan.ok) throw new Error(`${key(from)} → ${key(to)}: ${plan.error}`);
        expect(plan.hops.length).toBe(best);
        let prev = from;
        for (const h of plan.hops) {
          expect(h.from).toEqual(prev);
          expect(verdicts(prev, h.to, internal)).toEqual({ a: true, b: true, c: true, d: true, e: true });
          expect(allowed(prev, h.to, internal)).toBe(true);
          prev = h.to;
        }
        expect(prev).toEqual(to);
      }),
      { numRuns: 400 },
    );
  });

  it("the planner's rules and the independent reading agree on every single hop", () => {
    fc.assert(
      fc.property(release, release, fc.boolean(), (s, t, internal) => {
        const planner = hopBlockers(s, t, { internalDatabase: internal }).length === 0;
        expect(planner, `${key(s)} → ${key(t)} internal=${internal}`).toBe(allowed(s, t, internal));
      }),
      { numRuns: 3000 },
    );
  });

  it("a downgrade or a garbage version never yields a path", () => {
    fc.assert(
      fc.property(release, release, (a, b) => {
        fc.pre(compareVersions(a, b) > 0);
        expect(planUpgradePath(a, b).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }).filter((s) => !/\d+\.\d+/.test(s)),
        (s) => {
          expect(planUpgradePath(s).ok).toBe(false);
        },
      ),
    );
  });
});
