/**
 * The bundled harbor-db per release (docs/harbor/upgrade.md §2.2 item 4), read from the release table. Pure.
 */
import { lineAtOrBefore, RELEASE_LINES, type ReleaseLine } from "./catalog";
import type { PostgresRow } from "./table";
import type { HarborVersion } from "./version";

function postgresRow(v: HarborVersion): PostgresRow | null {
  const l: ReleaseLine | null = v.major === 1 && v.minor < 5 ? null : lineAtOrBefore(v);
  if (!l) return null;
  // a version past the catalogued line (2.16.0) gets that line's newest state
  const patch = l.major === v.major && l.minor === v.minor ? v.patch : l.latest.patch;
  const override = l.postgresFromPatch;
  return override && patch >= override[0] ? override[1] : l.postgres;
}

/** Internal PostgreSQL major of the data dir; null for 1.5 (MariaDB, §1). */
export function postgresOf(v: HarborVersion): string | null {
  return postgresRow(v)?.[0] ?? null;
}

/**
 * PG majors the target's harbor-db entrypoint can start from: its own, plus the one it upgrades from (one PG major
 * per hop); null where there is no PostgreSQL.
 */
export function postgresAcceptedBy(t: HarborVersion): string[] | null {
  const row = postgresRow(t);
  if (!row || row[0] === null) return null;
  return row[1] ? [row[1], row[0]] : [row[0]];
}

/** Minimum major of an external PostgreSQL; null = no documented minimum (docs/harbor/upgrade.md §3.3). */
export function externalPostgresMinimum(v: HarborVersion): number | null {
  return lineAtOrBefore(v)?.externalPostgresMinimum ?? null;
}

/** The lines where that minimum rises: [{ line: "2.5", minimum: 10 }, { line: "2.9", minimum: 12 }]. */
export const EXTERNAL_POSTGRES_STEPS: readonly { line: string; minimum: number }[] = RELEASE_LINES.flatMap((l, i) => {
  const min = l.externalPostgresMinimum;
  return min !== null && min !== RELEASE_LINES[i - 1]?.externalPostgresMinimum ? [{ line: l.line, minimum: min }] : [];
});
