/**
 * Harbor release catalog: every final release line from 1.5 to 2.15. Pure data + lookups: no I/O, safe in
 * client components. Source: shared/harbor/upgrade.md §1 (final tags, date = commit date of the tagged commit).
 */
import { parseHarborVersion, type HarborVersion } from "../harbor/facts";

export type { HarborVersion } from "../harbor/facts";

/** What the public functions accept: a parsed version, or a raw string ("v2.11.2-35f09d55", "2.11"). */
export type VersionInput = HarborVersion | string | null | undefined;

export interface ReleaseLine {
  /** "2.11" */
  line: string;
  major: number;
  minor: number;
  first: HarborVersion;
  firstDate: string;
  latest: HarborVersion;
  latestDate: string;
  /** number of final (non-rc) tags in the line (upgrade.md §1 "# finals") */
  finals: number;
  note: string;
}

// [line, first-release date, latest patch, latest-patch date, # finals, note] — upgrade.md §1 table, verbatim.
const TABLE: ReadonlyArray<readonly [string, string, number, string, number, string]> = [
  ["1.5", "2018-05-02", 4, "2018-10-17", 5, "MariaDB era"],
  ["1.6", "2018-09-07", 3, "2018-12-11", 4, "DB→PostgreSQL 9.6; last with docker-compose HA guide"],
  ["1.7", "2018-12-19", 8, "2020-12-04", 9, "last harbor.cfg"],
  ["1.8", "2019-05-17", 6, "2019-11-15", 7, "first harbor.yml"],
  ["1.9", "2019-09-17", 4, "2019-12-28", 5, "quotas (blob walk on upgrade)"],
  ["1.10", "2019-12-12", 19, "2024-09-10", 20, "mandatory stop before 2.x"],
  ["2.0", "2020-05-13", 6, "2021-02-05", 7, "artifact model; prepare migrate"],
  ["2.1", "2020-09-18", 6, "2021-07-05", 7, "Redis Sentinel"],
  ["2.2", "2021-02-23", 4, "2021-10-22", 5, "Clair removed"],
  ["2.3", "2021-06-17", 5, "2021-12-10", 6, "internal PG 9.6→13"],
  ["2.4", "2021-10-25", 3, "2022-08-01", 4, "tracing"],
  ["2.5", "2022-04-07", 6, "2023-02-21", 7, "external PG ≥10"],
  ["2.6", "2022-08-28", 4, "2023-02-20", 5, "cache layer"],
  ["2.7", "2022-12-16", 4, "2023-11-29", 5, ""],
  ["2.8", "2023-04-13", 6, "2024-04-12", 7, "ChartMuseum removed"],
  ["2.9", "2023-08-31", 5, "2024-06-28", 6, "Notary removed; external PG ≥12; internal PG 13→14"],
  ["2.10", "2023-12-14", 3, "2024-07-02", 4, ""],
  ["2.11", "2024-06-04", 2, "2024-11-19", 3, "internal PG 14→15"],
  ["2.12", "2024-11-05", 4, "2025-05-22", 5, ""],
  ["2.13", "2025-04-09", 5, "2026-03-08", 6, "Redis TLS"],
  ["2.14", "2025-09-09", 4, "2026-05-09", 5, ""],
  ["2.15", "2026-03-19", 2, "2026-07-01", 3, "v2.15.2 moves internal PG 15→18"],
];

/**
 * Lines in release order (oldest first). Older lines (0.x, 1.1–1.4) are not catalogued: upgrade.md §1 gives only
 * their last tag, and they sit below the console client's floor (1.9, lib/harbor/facts.ts OLDEST_SUPPORTED).
 */
export const RELEASE_LINES: readonly ReleaseLine[] = TABLE.map(([line, firstDate, latestPatch, latestDate, finals, note]) => {
  const [major, minor] = line.split(".").map(Number);
  return {
    line,
    major,
    minor,
    first: { major, minor, patch: 0 },
    firstDate,
    latest: { major, minor, patch: latestPatch },
    latestDate,
    finals,
    note,
  };
});

export const LATEST_LINE: ReleaseLine = RELEASE_LINES[RELEASE_LINES.length - 1];
/** The newest final release (2.15.2). */
export const LATEST: HarborVersion = LATEST_LINE.latest;

/**
 * Maintained lines. upgrade.md says nothing about support or maintenance, so this follows Harbor's own policy,
 * goharbor/harbor RELEASES.md: "The Harbor project maintains release branches for the three most recent minor
 * releases" (patches for the newest monthly, for "recent minus two" on demand), i.e. n-2. The patch dates in
 * §1 agree: 2.13 and 2.14 still got patches in 2026, 2.12's last patch predates 2.14.0.
 */
export const MAINTAINED_LINE_COUNT = 3;
export const MAINTAINED_LINES: readonly string[] = RELEASE_LINES.slice(-MAINTAINED_LINE_COUNT).map((l) => l.line);

/** Parse/validate any input; null for garbage (non-integer or negative parts included). */
export function toVersion(input: VersionInput): HarborVersion | null {
  const v = typeof input === "object" && input !== null ? input : parseHarborVersion(input);
  if (!v) return null;
  const ok = [v.major, v.minor, v.patch].every((n) => Number.isInteger(n) && n >= 0);
  return ok ? { major: v.major, minor: v.minor, patch: v.patch } : null;
}

export function formatRelease(v: HarborVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

/** "v2.11.2" → "2.11"; null for garbage. Does not require the line to be catalogued. */
export function releaseLine(input: VersionInput): string | null {
  const v = toVersion(input);
  return v ? `${v.major}.${v.minor}` : null;
}

/** Position of the version's line in release order (1.10 < 2.0), -1 if the line is not catalogued. */
export function lineIndex(input: VersionInput): number {
  const line = releaseLine(input);
  return line === null ? -1 : RELEASE_LINES.findIndex((l) => l.line === line);
}

/** Catalog entry for a version or a line name ("2.11", "v2.11.1"); null when unknown. */
export function lineInfo(input: VersionInput): ReleaseLine | null {
  const i = lineIndex(input);
  return i < 0 ? null : RELEASE_LINES[i];
}

/** latestPatchOf("2.11") → 2.11.2; null for an unknown line. */
export function latestPatchOf(input: VersionInput): HarborVersion | null {
  return lineInfo(input)?.latest ?? null;
}

/** Every final of a line, x.y.0 … x.y.latest. The §1 counts show each line's finals are contiguous. */
export function patchesOf(input: VersionInput): HarborVersion[] {
  const l = lineInfo(input);
  return l ? Array.from({ length: l.latest.patch + 1 }, (_, patch) => ({ major: l.major, minor: l.minor, patch })) : [];
}

/** Every final release in the catalog, oldest first. */
export const ALL_RELEASES: readonly HarborVersion[] = RELEASE_LINES.flatMap((l) => patchesOf(l.line));

/** A final tag listed in upgrade.md §1 (1.5.0 … 2.15.2). */
export function isKnownRelease(input: VersionInput): boolean {
  const v = toVersion(input);
  const l = v && lineInfo(v);
  return !!(v && l && v.patch <= l.latest.patch);
}

/** The version's line is one of the newest three (see MAINTAINED_LINES). */
export function isMaintained(input: VersionInput): boolean {
  const line = releaseLine(input);
  return line !== null && MAINTAINED_LINES.includes(line);
}
