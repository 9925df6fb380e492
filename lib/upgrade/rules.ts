/**
 * Whether one upgrade hop S→T (both final tags, T newer) is allowed: docs/harbor/upgrade.md §2.3 (a)–(e). Pure.
 * Each hop is a full stop/start/verify cycle: core must start once on every hop so its schema (and the 2.0
 * artifact data) migration runs (§2.3, last paragraph).
 */
import {
  atLeast,
  compareVersions,
  EXTERNAL_POSTGRES_STEPS,
  formatRelease,
  lineIndex,
  postgresAcceptedBy,
  postgresOf,
  RELEASE_LINES,
  releaseLine,
  type HarborVersion,
} from "../releases";

export type HopRule =
  "downgrade" | "documented-minimum" | "schema-missing" | "legacy-1x-schema" | "artifact-migration" | "config-migrator" | "internal-postgres";

export interface HopBlocker {
  rule: HopRule;
  message: string;
}

export interface HopOptions {
  /**
   * The instance runs the bundled harbor-db (internal PostgreSQL). Default true: the planner cannot know, and the
   * internal-DB rule only adds constraints (between final tags it never lengthens a path; test/unit/upgrade/invariants.test.ts).
   */
  internalDatabase?: boolean;
}

/**
 * (a) Documented minimum source line per target line: docs/harbor/upgrade.md §2.1 ("This guide only covers migration from …
 * and later"), the release table's documentedMinimum. From 2.5 on this is "target minor − 2", relaxed to −3 for
 * 2.14 and 2.15. 1.6 documents ≥1.2 via harbor-migrator; the catalog starts at 1.5. 1.5 has no entry: only patch
 * updates within it.
 */
export const DOCUMENTED_MINIMUM: Readonly<Record<string, string>> = Object.fromEntries(
  RELEASE_LINES.flatMap((l) => (l.documentedMinimum === null ? [] : [[l.line, l.documentedMinimum]])),
);

/** Line order that also knows the pre-catalog 1.2–1.4 (only used to compare against "1.2"). */
function order(line: string): number {
  const i = lineIndex(line);
  return i >= 0 ? i : -100 + Number(line.split(".")[1] ?? 0);
}

/** Every rule the hop S→T violates; empty = allowed. */
export function hopBlockers(s: HarborVersion, t: HarborVersion, opts: HopOptions = {}): HopBlocker[] {
  const out: HopBlocker[] = [];
  const S = formatRelease(s);
  const T = formatRelease(t);
  const tLine = releaseLine(t) ?? "";
  if (compareVersions(t, s) <= 0) {
    out.push({
      rule: "downgrade",
      message: `${S}→${T} is not an upgrade: an older core dies on a migrated schema, rollback = restore the DB backup (docs/harbor/upgrade.md §2.2 item 3, §6)`,
    });
    return out;
  }
  // (a) documented minimum; a patch bump within a minor is always documented-OK.
  const min = DOCUMENTED_MINIMUM[tLine];
  if (min !== undefined && order(releaseLine(s) ?? "") < order(min)) {
    const relaxed = t.major === 2 && t.minor >= 5 ? `, i.e. source ≥ target minor − ${t.minor >= 14 ? 3 : 2}` : "";
    out.push({ rule: "documented-minimum", message: `${tLine} documents upgrades from ${min}.x and later only${relaxed} (docs/harbor/upgrade.md §2.1)` });
  }
  // (b) schema must exist in the target: v2.1.4–v2.1.6 (schema 41) → v2.2.0 fails, the only such pair.
  if (s.major === 2 && s.minor === 1 && s.patch >= 4 && t.major === 2 && t.minor === 2 && t.patch === 0) {
    out.push({
      rule: "schema-missing",
      message: `${S} carries schema 41, which 2.2.0 does not ship ("no migration found for version 41"); use ≥ 2.2.1 (docs/harbor/upgrade.md §2.2 item 3)`,
    });
  }
  // (c) a 1.x schema: v2.0 needs ≥1.9, v2.1–v2.8 need ≥1.10, and 2.9 dropped the 2.0 artifact data migration.
  if (s.major === 1 && t.major >= 2) {
    if (t.major > 2 || t.minor >= 9) {
      out.push({
        rule: "artifact-migration",
        message: `a 1.x DB must start once on a 2.0–2.8 release before ≥2.9: 2.9 removed the 2.0 artifact data migration (docs/harbor/upgrade.md §2.2 item 2)`,
      });
    } else if (t.minor >= 1 && !atLeast(s, 1, 10)) {
      out.push({
        rule: "legacy-1x-schema",
        message: `${tLine} core refuses a pre-1.10 schema ("please upgrade to version 1.10 first"), so 1.10 is the stop before 2.1+ (docs/harbor/upgrade.md §2.2 item 1)`,
      });
    } else if (t.minor === 0 && !atLeast(s, 1, 9)) {
      out.push({
        rule: "legacy-1x-schema",
        message: `2.0 core refuses a pre-1.9 schema ("please upgrade to version 1.9 first") (docs/harbor/upgrade.md §2.2 item 1)`,
      });
    }
  }
  // (e) the config path: `prepare migrate` (2.x) reads harbor.yml with _version ≥ 1.9.0 only.
  if (t.major >= 2 && !atLeast(s, 1, 9)) {
    out.push({
      rule: "config-migrator",
      message: `prepare migrate needs a harbor.yml with _version ≥ 1.9.0; older configs go through goharbor/harbor-migrator first (docs/harbor/upgrade.md §2.2 item 5)`,
    });
  }
  // (d) bundled harbor-db upgrades exactly one PG major; otherwise it initialises an empty cluster or exits.
  if (opts.internalDatabase !== false) {
    const pg = postgresOf(s);
    const accepted = postgresAcceptedBy(t);
    if (pg && accepted && !accepted.includes(pg)) {
      out.push({
        rule: "internal-postgres",
        message: `internal PostgreSQL: ${T}'s harbor-db starts from PG ${accepted.join(" or ")} data only, ${S} has PG ${pg} (one PG major per hop; docs/harbor/upgrade.md §2.2 item 4)`,
      });
    }
  }
  return out;
}

export function isHopAllowed(s: HarborVersion, t: HarborVersion, opts: HopOptions = {}): boolean {
  return hopBlockers(s, t, opts).length === 0;
}

/** What the operator must know about an allowed hop (informational, not constraints). */
export function hopNotes(s: HarborVersion, t: HarborVersion, opts: HopOptions = {}): string[] {
  const notes: string[] = [];
  const T = formatRelease(t);
  if (s.major === 1 && s.minor <= 5 && atLeast(t, 1, 6)) {
    notes.push("harbor-migrator `up` moves the DB from MariaDB to PostgreSQL (and the cfg); rollback cannot cross back (docs/harbor/upgrade.md §3.1)");
  }
  if (t.major === 1) {
    notes.push(
      `config: goharbor/harbor-migrator:v${T} --cfg up${s.minor <= 7 && atLeast(t, 1, 8) ? " (harbor.cfg → harbor.yml)" : ""} (docs/harbor/upgrade.md §3.2)`,
    );
  } else {
    notes.push(`config: goharbor/prepare:v${T} migrate -i harbor.yml (docs/harbor/upgrade.md §3.3)`);
  }
  if (s.major === 1 && t.major >= 2) {
    notes.push("first 2.x start migrates artifact metadata from registry storage: slow on S3, API unresponsive meanwhile (docs/harbor/upgrade.md §3.3)");
  }
  if (opts.internalDatabase !== false) {
    const from = postgresOf(s);
    const to = postgresOf(t);
    if (from && to && from !== to) {
      notes.push(
        `internal PostgreSQL ${from}→${to}: pg_upgrade then deletes the old data; the /data/database copy is the only way back (docs/harbor/upgrade.md §2.2 item 4, §5)`,
      );
    }
  } else {
    for (const { line, minimum } of EXTERNAL_POSTGRES_STEPS) {
      const [major, minor] = line.split(".").map(Number);
      if (!atLeast(s, major, minor) && atLeast(t, major, minor))
        notes.push(`external PostgreSQL must be ≥${minimum} from ${line} (docs/harbor/upgrade.md §3.3)`);
    }
  }
  return notes;
}
