/**
 * Lookups over the release table: lines in release order, patches, the newest release, maintained lines. Pure.
 */
import { RELEASE_TABLE, type ReleaseRow } from "./table";
import { compareVersions, releaseLine, toVersion, type HarborVersion, type VersionInput } from "./version";

export interface ReleaseLine extends Omit<ReleaseRow, "latest"> {
  /** "2.11" */
  line: string;
  major: number;
  minor: number;
  first: HarborVersion;
  latest: HarborVersion;
  latestDate: string;
}

/**
 * Lines in release order (oldest first). Older lines (0.x, 1.1–1.4) are not catalogued: docs/harbor/upgrade.md §1 gives only
 * their last tag, and they sit below the console client's floor (1.9, OLDEST_SUPPORTED).
 */
export const RELEASE_LINES: readonly ReleaseLine[] = RELEASE_TABLE.map((row) => {
  const [major, minor] = row.line.split(".").map(Number);
  const [latestPatch, latestDate] = row.latest;
  return { ...row, major, minor, first: { major, minor, patch: 0 }, latest: { major, minor, patch: latestPatch }, latestDate };
});

export const LATEST_LINE: ReleaseLine = RELEASE_LINES[RELEASE_LINES.length - 1];
/** The newest final release (2.15.2): the one "newest known" for the client, the planner and the UI. */
export const LATEST: HarborVersion = LATEST_LINE.latest;

/**
 * Maintained lines. docs/harbor/upgrade.md says nothing about support or maintenance, so this follows Harbor's own policy,
 * goharbor/harbor RELEASES.md: "The Harbor project maintains release branches for the three most recent minor
 * releases" (patches for the newest monthly, for "recent minus two" on demand), i.e. n-2. The patch dates in
 * §1 agree: 2.13 and 2.14 still got patches in 2026, 2.12's last patch predates 2.14.0.
 */
export const MAINTAINED_LINE_COUNT = 3;
export const MAINTAINED_LINES: readonly string[] = RELEASE_LINES.slice(-MAINTAINED_LINE_COUNT).map((l) => l.line);

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

/** The version's own line, else the newest catalogued line before it (2.16 → 2.15); null below 1.5. */
export function lineAtOrBefore(v: HarborVersion): ReleaseLine | null {
  return RELEASE_LINES.findLast((l) => compareVersions(l.first, v) <= 0) ?? null;
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

/** A final tag listed in docs/harbor/upgrade.md §1 (1.5.0 … 2.15.2). */
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
