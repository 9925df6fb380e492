/**
 * Harbor version vocabulary: the one parser, comparison and formatter. Pure and client-safe.
 */

export interface HarborVersion {
  major: number;
  minor: number;
  patch: number;
}

/** What lookups accept: a parsed version, or a raw string ("v2.11.2-35f09d55", "2.11"). */
export type VersionInput = HarborVersion | string | null | undefined;

/** "v2.11.2-35f09d55", "2.11.2", "v1.10.19" → {2,11,2}; "2.11" → {2,11,0}; anything else → null. */
export function parseHarborVersion(raw: string | null | undefined): HarborVersion | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec((raw ?? "").trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

/** Parse/validate any input; null for garbage (non-integer or negative parts included). */
export function toVersion(input: VersionInput): HarborVersion | null {
  const v = typeof input === "object" && input !== null ? input : parseHarborVersion(input);
  if (!v) return null;
  const ok = [v.major, v.minor, v.patch].every((n) => Number.isInteger(n) && n >= 0);
  return ok ? { major: v.major, minor: v.minor, patch: v.patch } : null;
}

/** {2,11,2} → "2.11.2" (no "v"). */
export function formatRelease(v: HarborVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function compareVersions(a: HarborVersion, b: HarborVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** At least major.minor? */
export function atLeast(v: HarborVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** "v2.11.2" → "2.11"; null for garbage. Does not require the line to be catalogued. */
export function releaseLine(input: VersionInput): string | null {
  const v = toVersion(input);
  return v ? `${v.major}.${v.minor}` : null;
}
