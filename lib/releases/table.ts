/**
 * THE release table: one row per final Harbor release line from 1.5 to 2.15. Adding a release is a change here
 * (and to PATCH_GATES / COMPONENTS when it moves one); docs/harbor/adding-a-release.md is the checklist and
 * test/unit/releases/table.test.ts fails while a row is half-filled. Pure data, client-safe.
 * Sources (docs/harbor/): docs/harbor/upgrade.md §1 (final tags, dates = commit date of the tagged commit), §2.1 (documented minimum),
 * §2.2 item 4 (internal PostgreSQL); docs/harbor/api.md §1 (API generations); docs/harbor/helm.md §1 (charts).
 */
import type { ApiGeneration } from "./generations";

/** [bundled PostgreSQL major of the data dir (null = MariaDB), the major its harbor-db upgrades from (null = none)] */
export type PostgresRow = readonly [bundled: string | null, upgradesFrom: string | null];

export interface ReleaseRow {
  line: string;
  firstDate: string;
  /** [newest final patch, its date] */
  latest: readonly [patch: number, date: string];
  /** number of final (non-rc) tags in the line (docs/harbor/upgrade.md §1 "# finals") */
  finals: number;
  /** the wire format the console speaks to it; null = below the client's floor (1.9) */
  api: ApiGeneration | null;
  postgres: PostgresRow;
  /** a patch from which the bundled PostgreSQL differs (2.15.2 moves 15→18) */
  postgresFromPatch?: readonly [patch: number, postgres: PostgresRow];
  /** oldest major of an external PostgreSQL the release documents (docs/harbor/upgrade.md §3.3); null = no documented minimum */
  externalPostgresMinimum: number | null;
  /** harbor-helm [chart minor, newest Harbor patch with a chart (null = every catalogued patch)]; null = no chart offered */
  chart: readonly [chartMinor: number, newestPatch: number | null] | null;
  /** oldest source line the upgrade guide documents (docs/harbor/upgrade.md §2.1); null = only patch updates within the line */
  documentedMinimum: string | null;
  note: string;
}

// prettier-ignore
export const RELEASE_TABLE: readonly ReleaseRow[] = [
  { line: "1.5", firstDate: "2018-05-02", latest: [4, "2018-10-17"], finals: 5, api: null, postgres: [null, null], chart: null, externalPostgresMinimum: null, documentedMinimum: null, note: "MariaDB era" },
  { line: "1.6", firstDate: "2018-09-07", latest: [3, "2018-12-11"], finals: 4, api: null, postgres: ["9.6", null], chart: null, externalPostgresMinimum: null, documentedMinimum: "1.2", note: "DB→PostgreSQL 9.6; last with docker-compose HA guide" },
  { line: "1.7", firstDate: "2018-12-19", latest: [8, "2020-12-04"], finals: 9, api: null, postgres: ["9.6", null], chart: null, externalPostgresMinimum: null, documentedMinimum: "1.6", note: "last harbor.cfg" },
  { line: "1.8", firstDate: "2019-05-17", latest: [6, "2019-11-15"], finals: 7, api: null, postgres: ["9.6", null], chart: null, externalPostgresMinimum: null, documentedMinimum: "1.6", note: "first harbor.yml" },
  { line: "1.9", firstDate: "2019-09-17", latest: [4, "2019-12-28"], finals: 5, api: "v1", postgres: ["9.6", null], chart: null, externalPostgresMinimum: null, documentedMinimum: "1.7", note: "quotas (blob walk on upgrade)" },
  { line: "1.10", firstDate: "2019-12-12", latest: [19, "2024-09-10"], finals: 20, api: "v1", postgres: ["9.6", null], chart: [3, 18], externalPostgresMinimum: null, documentedMinimum: "1.8", note: "mandatory stop before 2.x" },
  { line: "2.0", firstDate: "2020-05-13", latest: [6, "2021-02-05"], finals: 7, api: "v2.0", postgres: ["9.6", null], chart: [4, 6], externalPostgresMinimum: null, documentedMinimum: "1.9", note: "artifact model; prepare migrate" },
  { line: "2.1", firstDate: "2020-09-18", latest: [6, "2021-07-05"], finals: 7, api: "v2.0", postgres: ["9.6", null], chart: [5, 6], externalPostgresMinimum: null, documentedMinimum: "1.10", note: "Redis Sentinel" },
  { line: "2.2", firstDate: "2021-02-23", latest: [4, "2021-10-22"], finals: 5, api: "v2.0", postgres: ["9.6", null], chart: [6, null], externalPostgresMinimum: null, documentedMinimum: "1.10", note: "Clair removed" },
  { line: "2.3", firstDate: "2021-06-17", latest: [5, "2021-12-10"], finals: 6, api: "v2.3", postgres: ["13", "9.6"], chart: [7, null], externalPostgresMinimum: null, documentedMinimum: "1.10", note: "internal PG 9.6→13" },
  { line: "2.4", firstDate: "2021-10-25", latest: [3, "2022-08-01"], finals: 4, api: "v2.3", postgres: ["13", "9.6"], chart: [8, null], externalPostgresMinimum: null, documentedMinimum: "1.10", note: "tracing" },
  { line: "2.5", firstDate: "2022-04-07", latest: [6, "2023-02-21"], finals: 7, api: "v2.3", postgres: ["13", "9.6"], chart: [9, 6], externalPostgresMinimum: 10, documentedMinimum: "2.3", note: "external PG ≥10" },
  { line: "2.6", firstDate: "2022-08-28", latest: [4, "2023-02-20"], finals: 5, api: "v2.3", postgres: ["13", "9.6"], chart: [10, 4], externalPostgresMinimum: 10, documentedMinimum: "2.4", note: "cache layer" },
  { line: "2.7", firstDate: "2022-12-16", latest: [4, "2023-11-29"], finals: 5, api: "v2.3", postgres: ["13", "9.6"], chart: [11, 4], externalPostgresMinimum: 10, documentedMinimum: "2.5", note: "" },
  { line: "2.8", firstDate: "2023-04-13", latest: [6, "2024-04-12"], finals: 7, api: "v2.8", postgres: ["13", null], chart: [12, 6], externalPostgresMinimum: 10, documentedMinimum: "2.6", note: "ChartMuseum removed" },
  { line: "2.9", firstDate: "2023-08-31", latest: [5, "2024-06-28"], finals: 6, api: "v2.8", postgres: ["14", "13"], chart: [13, 5], externalPostgresMinimum: 12, documentedMinimum: "2.7", note: "Notary removed; external PG ≥12; internal PG 13→14" },
  { line: "2.10", firstDate: "2023-12-14", latest: [3, "2024-07-02"], finals: 4, api: "v2.8", postgres: ["14", "13"], chart: [14, 3], externalPostgresMinimum: 12, documentedMinimum: "2.8", note: "" },
  { line: "2.11", firstDate: "2024-06-04", latest: [2, "2024-11-19"], finals: 3, api: "v2.8", postgres: ["15", "14"], chart: [15, 2], externalPostgresMinimum: 12, documentedMinimum: "2.9", note: "internal PG 14→15" },
  { line: "2.12", firstDate: "2024-11-05", latest: [4, "2025-05-22"], finals: 5, api: "v2.8", postgres: ["15", "14"], chart: [16, 4], externalPostgresMinimum: 12, documentedMinimum: "2.10", note: "" },
  { line: "2.13", firstDate: "2025-04-09", latest: [5, "2026-03-08"], finals: 6, api: "v2.13", postgres: ["15", "14"], chart: [17, 4], externalPostgresMinimum: 12, documentedMinimum: "2.11", note: "Redis TLS" },
  { line: "2.14", firstDate: "2025-09-09", latest: [4, "2026-05-09"], finals: 5, api: "v2.13", postgres: ["15", "14"], chart: [18, 4], externalPostgresMinimum: 12, documentedMinimum: "2.11", note: "" },
  { line: "2.15", firstDate: "2026-03-19", latest: [2, "2026-07-01"], finals: 3, api: "v2.13", postgres: ["15", "14"], postgresFromPatch: [2, ["18", "15"]], chart: [19, 1], externalPostgresMinimum: 12, documentedMinimum: "2.12", note: "v2.15.2 moves internal PG 15→18" },
];
