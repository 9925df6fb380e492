/**
 * An independent reading of docs/harbor/upgrade.md §2.3 (a)–(e), written from its tables and not from lib/upgrade/rules.ts, so
 * the property tests compare the planner against a second implementation rather than against itself.
 */
import type { HarborVersion } from "@/lib/harbor/facts";

const LINES = [
  "1.5",
  "1.6",
  "1.7",
  "1.8",
  "1.9",
  "1.10",
  "2.0",
  "2.1",
  "2.2",
  "2.3",
  "2.4",
  "2.5",
  "2.6",
  "2.7",
  "2.8",
  "2.9",
  "2.10",
  "2.11",
  "2.12",
  "2.13",
  "2.14",
  "2.15",
];
const idx = (v: HarborVersion) => LINES.indexOf(`${v.major}.${v.minor}`);
const num = (v: HarborVersion) => v.major * 1e6 + v.minor * 1e3 + v.patch;

/** Table 2.1: documented minimum source line per target line (1.6's ≥1.2 covers every catalogued line). */
const MIN: Record<string, string> = {
  "1.6": "1.5",
  "1.7": "1.6",
  "1.8": "1.6",
  "1.9": "1.7",
  "1.10": "1.8",
  "2.0": "1.9",
  "2.1": "1.10",
  "2.2": "1.10",
  "2.3": "1.10",
  "2.4": "1.10",
  "2.5": "2.3",
  "2.6": "2.4",
  "2.7": "2.5",
  "2.8": "2.6",
  "2.9": "2.7",
  "2.10": "2.8",
  "2.11": "2.9",
  "2.12": "2.10",
  "2.13": "2.11",
  "2.14": "2.11",
  "2.15": "2.12",
};

/** §2.2 item 4 table: PG major of the data dir after running the release; and what its entrypoint starts from. */
function dataPg(v: HarborVersion): number | null {
  if (v.major === 1) return v.minor >= 6 ? 9.6 : null;
  if (v.minor <= 2) return 9.6;
  if (v.minor <= 8) return 13;
  if (v.minor <= 10) return 14;
  if (v.minor <= 14 || v.patch <= 1) return 15;
  return 18;
}
function entry(v: HarborVersion): number[] | null {
  if (v.major === 1) return v.minor >= 6 ? [9.6] : null;
  if (v.minor <= 2) return [9.6];
  if (v.minor <= 7) return [9.6, 13];
  if (v.minor === 8) return [13];
  if (v.minor <= 10) return [13, 14];
  if (v.minor <= 14 || v.patch <= 1) return [14, 15];
  return [15, 18];
}

export interface RuleVerdicts {
  a: boolean;
  b: boolean;
  c: boolean;
  d: boolean;
  e: boolean;
}

export function verdicts(s: HarborVersion, t: HarborVersion, internalDatabase: boolean): RuleVerdicts {
  const tl = `${t.major}.${t.minor}`;
  const sameLine = idx(s) === idx(t);
  const a = sameLine || (MIN[tl] !== undefined && idx(s) >= LINES.indexOf(MIN[tl]));
  const b = !(s.major === 2 && s.minor === 1 && s.patch >= 4 && t.major === 2 && t.minor === 2 && t.patch === 0);
  let c = true;
  if (s.major === 1 && t.major === 2) {
    if (t.minor >= 9) c = false;
    else if (t.minor === 0) c = idx(s) >= LINES.indexOf("1.9");
    else c = idx(s) >= LINES.indexOf("1.10");
  }
  let d = true;
  if (internalDatabase) {
    const pg = dataPg(s);
    const ok = entry(t);
    d = pg === null || ok === null || ok.includes(pg);
  }
  const e = t.major === 1 || idx(s) >= LINES.indexOf("1.9");
  return { a, b, c, d, e };
}

export function allowed(s: HarborVersion, t: HarborVersion, internalDatabase: boolean): boolean {
  if (num(t) <= num(s)) return false;
  const r = verdicts(s, t, internalDatabase);
  return r.a && r.b && r.c && r.d && r.e;
}
