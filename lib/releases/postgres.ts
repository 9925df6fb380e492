/**
 * The bundled harbor-db per release (docs/harbor/upgrade.md §2.2 item 4), read from the release table. Pure.
 */
import { lineAtOrBefore, type ReleaseLine } from "./catalog";
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
