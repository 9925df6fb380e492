/**
 * Upgrade-path planner and support status. Pure: no I/O, safe in client components.
 * Rules: docs/harbor/upgrade.md §2 (see rules.ts); path shape: §2.3 "Prefer the fewest hops, each to the
 * latest patch of the intermediate minor".
 */
import {
  compareVersions,
  isSupportedVersion,
  OLDEST_SUPPORTED,
  type HarborVersion,
  formatRelease,
  isKnownRelease,
  isMaintained,
  LATEST,
  LATEST_LINE,
  lineIndex,
  MAINTAINED_LINES,
  RELEASE_LINES,
  releaseLine,
  toVersion,
  type VersionInput,
} from "../releases";
import { DOCUMENTED_MINIMUM, hopBlockers, hopNotes, isHopAllowed, type HopOptions, type HopRule } from "./rules";

export interface UpgradeHop {
  from: HarborVersion;
  to: HarborVersion;
  /** line of `to`, "2.12" */
  line: string;
  /** "patch": same minor line; "minor": a newer line */
  kind: "patch" | "minor";
  /** why the path stops here (intermediate hop) or why this final hop is allowed */
  reason: string;
  /** rules that forbid skipping this stop (going from `from` straight to the next hop's target); [] on the final hop */
  rules: HopRule[];
  /** operator notes for this hop: config tool, PG upgrade, 2.0 data migration */
  notes: string[];
}

export type UpgradePlan =
  | { ok: true; from: HarborVersion; to: HarborVersion; hops: UpgradeHop[] }
  | { ok: false; from: HarborVersion | null; to: HarborVersion | null; hops: []; error: string };

export type PlanOptions = HopOptions;

/**
 * Tie-break among equally short paths (hop count always wins): avoid 2.0 as an *intermediate* stop for a 1.x
 * source. §2.1 and §2.2 item 1 let 1.9 go to 2.0, but 2.0 → 2.1+ costs the same as 1.10 → 2.1+, and §1 calls 1.10
 * "mandatory stop before 2.x" and §2.3's example routes 1.7 → 1.9.4 → 1.10.x → 2.x. Remaining ties: the stop
 * that goes furthest first (deterministic; matches §2.3's 1.10.x example hop for hop).
 */
function discouraged(s: HarborVersion, t: HarborVersion): number {
  return s.major === 1 && t.major === 2 && t.minor === 0 ? 1 : 0;
}

function fail(from: HarborVersion | null, to: HarborVersion | null, error: string): UpgradePlan {
  return { ok: false, from, to, hops: [], error };
}

function checkKnown(raw: VersionInput, v: HarborVersion | null, what: string): string | null {
  if (!v) return `${what} ${JSON.stringify(raw ?? null)} is not a Harbor version`;
  if (!isKnownRelease(v)) {
    return `${what} ${formatRelease(v)} is not a known final release (catalog ${formatRelease(RELEASE_LINES[0].first)}–${formatRelease(LATEST)}, docs/harbor/upgrade.md §1)`;
  }
  return null;
}

/**
 * Shortest sequence of hops from → to (default LATEST) in which every hop passes hopBlockers (§2.3 (a)–(e)).
 * Candidate stops: the latest patch of every line strictly between the two versions, then the target itself.
 * Latest patches suffice: each rule depends on the line only, except (b) schema (2.1.4+ → 2.2.0) and the 2.15.2 PG
 * bump, which a latest patch never violates as a source (verified against every final tag in the tests).
 */
export function planUpgradePath(fromInput: VersionInput, toInput: VersionInput = LATEST, opts: PlanOptions = {}): UpgradePlan {
  const from = toVersion(fromInput);
  const to = toVersion(toInput);
  const bad = checkKnown(fromInput, from, "source") ?? checkKnown(toInput, to, "target");
  if (bad || !from || !to) return fail(from, to, bad ?? "invalid input");
  // Plans depend only on the two releases and the database kind: at most ~110 × 110 × 2 of them, so each is computed
  // once per process (a fleet of a thousand instances repeats the same few dozen). Callers must not mutate a plan.
  const key = `${formatRelease(from)}>${formatRelease(to)}:${opts.internalDatabase !== false}`;
  const cached = PLANS.get(key);
  if (cached) return cached;
  const plan = computePlan(from, to, opts);
  PLANS.set(key, plan);
  return plan;
}

const PLANS = new Map<string, UpgradePlan>();

function computePlan(from: HarborVersion, to: HarborVersion, opts: PlanOptions): UpgradePlan {
  const cmp = compareVersions(from, to);
  if (cmp === 0) return { ok: true, from, to, hops: [] };
  if (cmp > 0) return fail(from, to, hopBlockers(from, to, opts)[0].message);

  const nodes = [from, ...RELEASE_LINES.map((l) => l.latest).filter((v) => compareVersions(v, from) > 0 && compareVersions(v, to) < 0), to];
  const last = nodes.length - 1;
  // best[i]: fewest hops from nodes[i] to the target, then fewest discouraged stops; next = following node.
  const best: Array<{ hops: number; penalty: number; next: number } | undefined> = [];
  best[last] = { hops: 0, penalty: 0, next: -1 };
  for (let i = last - 1; i >= 0; i--) {
    for (let j = last; j > i; j--) {
      const after = best[j];
      if (!after || !isHopAllowed(nodes[i], nodes[j], opts)) continue;
      const cand = { hops: after.hops + 1, penalty: after.penalty + (j < last ? discouraged(nodes[i], nodes[j]) : 0), next: j };
      const cur = best[i];
      if (!cur || cand.hops < cur.hops || (cand.hops === cur.hops && cand.penalty < cur.penalty)) best[i] = cand;
    }
  }
  if (!best[0]) {
    const why = hopBlockers(from, to, opts)
      .map((b) => b.message)
      .join("; ");
    return fail(from, to, `no upgrade path from ${formatRelease(from)} to ${formatRelease(to)}: ${why}`);
  }

  const path: HarborVersion[] = [from];
  for (let i = best[0].next; i >= 0; i = best[i]?.next ?? -1) path.push(nodes[i]);
  const hops = path.slice(1).map((t, k): UpgradeHop => {
    const s = path[k];
    const next = path[k + 2];
    const kind = s.major === t.major && s.minor === t.minor ? "patch" : "minor";
    const line = releaseLine(t) ?? "";
    const blockers = next ? hopBlockers(s, next, opts) : [];
    const reason = next
      ? `stop at ${formatRelease(t)}: ${formatRelease(s)} cannot go straight to ${formatRelease(next)}: ${blockers.map((b) => b.message).join("; ")}`
      : kind === "patch"
        ? `patch update within ${line}: any patch of a minor is a valid source (docs/harbor/upgrade.md §2.1)`
        : `${line} accepts ${releaseLine(s)}.x (documented minimum ${DOCUMENTED_MINIMUM[line]}.x, docs/harbor/upgrade.md §2.1)`;
    return { from: s, to: t, line, kind, reason, rules: blockers.map((b) => b.rule), notes: hopNotes(s, t, opts) };
  });
  return { ok: true, from, to, hops };
}

/** Hops to LATEST: 0 on LATEST itself, 1 for a patch-only update within the latest line; null if unknown. */
export function hopsToLatest(input: VersionInput, opts: PlanOptions = {}): number | null {
  const plan = planUpgradePath(input, LATEST, opts);
  return plan.ok ? plan.hops.length : null;
}

/** Lines between v's line and the latest line in release order (2.13 → 2; 1.10 → 16); null if not catalogued. */
export function minorsBehind(input: VersionInput): number | null {
  const i = lineIndex(input);
  return i < 0 ? null : RELEASE_LINES.length - 1 - i;
}

export type SupportStatus = "latest" | "maintained" | "outdated" | "unsupported";

export interface SupportInfo {
  status: SupportStatus;
  /** one line for the UI */
  explanation: string;
}

/**
 * latest: exactly LATEST (or a 2.x newer than the catalog); maintained: one of MAINTAINED_LINES (incl. an older
 * patch of the latest line); outdated: an older line the console still speaks to; unsupported: outside the
 * console client's range (below OLDEST_SUPPORTED 1.9.0, or major ≥3, lib/releases/generations.ts) or not a version.
 */
export function supportStatus(input: VersionInput): SupportInfo {
  const v = toVersion(input);
  if (!v) return { status: "unsupported", explanation: `${JSON.stringify(input ?? null)} is not a Harbor version` };
  const V = formatRelease(v);
  const L = formatRelease(LATEST);
  if (!isSupportedVersion(v)) {
    return compareVersions(v, OLDEST_SUPPORTED) < 0
      ? { status: "unsupported", explanation: `${V} is older than ${formatRelease(OLDEST_SUPPORTED)}, the oldest version the console's client supports` }
      : { status: "unsupported", explanation: `${V} is a Harbor major the console's client does not support` };
  }
  const cmp = compareVersions(v, LATEST);
  if (cmp === 0) return { status: "latest", explanation: `${V} is the newest Harbor release` };
  if (cmp > 0) return { status: "latest", explanation: `${V} is newer than the catalog's newest release ${L}` };
  const unknown = isKnownRelease(v) ? "" : ` (${V} is not a known release)`;
  const hops = hopsToLatest(v);
  const toGo = hops === null ? "" : `; ${hops} hop${hops === 1 ? "" : "s"} to ${L}`;
  if (releaseLine(v) === LATEST_LINE.line) {
    return { status: "maintained", explanation: `on the latest line ${LATEST_LINE.line}, behind its latest patch ${L}${unknown}` };
  }
  const n = minorsBehind(v) ?? 0;
  const behind = `${n} minor${n === 1 ? "" : "s"} behind`;
  const range = `${MAINTAINED_LINES[0]}–${MAINTAINED_LINES[MAINTAINED_LINES.length - 1]}`;
  if (isMaintained(v)) {
    return { status: "maintained", explanation: `${releaseLine(v)} is maintained (the newest three lines, ${range}), ${behind}${toGo}${unknown}` };
  }
  return { status: "outdated", explanation: `${releaseLine(v)} is no longer maintained (maintained: ${range}), ${behind}${toGo}${unknown}` };
}
