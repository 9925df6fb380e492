/**
 * What a half-added release looks like: every column of the release table checked against its neighbours and
 * against the tables that name lines (patch gates, component spans). Returns one message per problem.
 */
import {
  API_GENERATIONS,
  COMPONENT_SPANS,
  compareVersions,
  PATCH_GATES,
  parseHarborVersion,
  type HarborVersion,
  type PatchGate,
  type ReleaseRow,
} from "@/lib/releases";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const lineOf = (line: string): HarborVersion | null => (/^\d+\.\d+$/.test(line) ? parseHarborVersion(line) : null);
const before = (a: string, b: string) => compareVersions(lineOf(a)!, lineOf(b)!) < 0;
/** The console edits (and charts) from this line on; below it, lines are read-only. */
const FIRST_EDITABLE = "1.10";

function rowProblems(row: ReleaseRow, prev: ReleaseRow | undefined, lines: Set<string>): string[] {
  const out: string[] = [];
  const at = `${row.line}:`;
  const has = (key: keyof ReleaseRow) => Object.hasOwn(row, key) && row[key] !== undefined;
  for (const key of ["firstDate", "latest", "finals", "api", "postgres", "externalPostgresMinimum", "chart", "documentedMinimum", "note"] as const) {
    if (!has(key)) out.push(`${at} no ${key} (write null where the release has none)`);
  }
  if (!lineOf(row.line)) return [...out, `${at} not a release line ("2.16")`];
  if (prev && !before(prev.line, row.line)) out.push(`${at} not after ${prev.line}: rows go in release order`);
  const [patch, latestDate] = row.latest ?? [NaN, ""];
  if (!ISO_DATE.test(row.firstDate ?? "") || !ISO_DATE.test(latestDate)) out.push(`${at} dates must be YYYY-MM-DD`);
  if (prev && row.firstDate < prev.firstDate) out.push(`${at} first release predates ${prev.line}'s`);
  if (latestDate < row.firstDate) out.push(`${at} newest patch predates the first release`);
  if (row.finals !== patch + 1) out.push(`${at} finals (${row.finals}) ≠ newest patch + 1 (${patch + 1})`);
  if (row.api !== undefined && row.api !== null && !API_GENERATIONS.includes(row.api)) out.push(`${at} unknown API generation ${row.api}`);
  if (prev?.api && row.api !== undefined && (row.api === null || API_GENERATIONS.indexOf(row.api) < API_GENERATIONS.indexOf(prev.api))) {
    out.push(`${at} API generation ${row.api} is older than ${prev.line}'s ${prev.api}`);
  }
  const prevMin = prev?.externalPostgresMinimum ?? null;
  if (prevMin !== null && row.externalPostgresMinimum !== undefined && (row.externalPostgresMinimum ?? 0) < prevMin) {
    out.push(`${at} external PostgreSQL minimum ${row.externalPostgresMinimum} is below ${prev!.line}'s ${prevMin}`);
  }
  const editable = !before(row.line, FIRST_EDITABLE);
  if (row.chart !== undefined) {
    if (editable && row.chart === null) out.push(`${at} no harbor-helm chart mapped (chart: [minor, newest patch])`);
    if (!editable && row.chart !== null) out.push(`${at} charts start at ${FIRST_EDITABLE}`);
    if (row.chart && prev?.chart && row.chart[0] !== prev.chart[0] + 1)
      out.push(`${at} chart minor ${row.chart[0]} does not follow ${prev.line}'s ${prev.chart[0]}`);
    if (row.chart && row.chart[1] !== null && row.chart[1] > patch) out.push(`${at} chart maps patch ${row.chart[1]}, past the newest ${patch}`);
  }
  if (prev && row.documentedMinimum === null) out.push(`${at} no documented minimum source line (docs/harbor/upgrade.md §2.1)`);
  if (row.documentedMinimum && (!lineOf(row.documentedMinimum) || !before(row.documentedMinimum, row.line))) {
    out.push(`${at} documented minimum ${row.documentedMinimum} is not an older line`);
  }
  if (row.documentedMinimum && before(lines.values().next().value!, row.documentedMinimum) && !lines.has(row.documentedMinimum)) {
    out.push(`${at} documented minimum ${row.documentedMinimum} is not catalogued`);
  }
  return out;
}

/** The bundled PostgreSQL never goes back, and each change is one the new harbor-db upgrades from. */
function postgresProblems(rows: readonly ReleaseRow[]): string[] {
  const out: string[] = [];
  let prev: { at: string; pg: string | null } | null = null;
  for (const row of rows) {
    if (!row.postgres) continue;
    const states: [string, ReleaseRow["postgres"]][] = [[`${row.line}.0`, row.postgres]];
    if (row.postgresFromPatch) states.push([`${row.line}.${row.postgresFromPatch[0]}`, row.postgresFromPatch[1]]);
    for (const [at, [pg, from]] of states) {
      if (prev?.pg && pg === null) out.push(`${at}: no bundled PostgreSQL after ${prev.at} had ${prev.pg}`);
      if (prev?.pg && pg && pg !== prev.pg && from !== prev.pg) out.push(`${at}: bundles PG ${pg} but upgrades from ${from}, not ${prev.at}'s ${prev.pg}`);
      if (from !== null && pg !== null && Number(from) >= Number(pg)) out.push(`${at}: upgrades PG ${from} to an older or equal ${pg}`);
      prev = { at, pg };
    }
  }
  return out;
}

/** Gates and component spans may only name catalogued lines and releases. */
function referenceProblems(rows: readonly ReleaseRow[]): string[] {
  const latest = new Map(rows.map((r) => [r.line, r.latest?.[0] ?? -1]));
  const out: string[] = [];
  for (const [name, gate] of Object.entries(PATCH_GATES) as [string, PatchGate][]) {
    if (!latest.has(gate.from)) out.push(`PATCH_GATES.${name}: from ${gate.from} is not a catalogued line`);
    for (const [line, patch] of Object.entries(gate)) {
      const v = line === "from" ? null : parseHarborVersion(patch);
      if (v && (`${v.major}.${v.minor}` !== line || !latest.has(line) || v.patch > latest.get(line)!))
        out.push(`PATCH_GATES.${name}: ${patch} is not a release of ${line}`);
    }
  }
  for (const g of API_GENERATIONS) if (!rows.some((r) => r.api === g)) out.push(`API generation ${g} has no line`);
  for (const [name, span] of Object.entries(COMPONENT_SPANS)) {
    for (const line of span) if (line !== null && !latest.has(line)) out.push(`COMPONENT_SPANS.${name}: ${line} is not a catalogued line`);
  }
  return out;
}

export function tableProblems(rows: readonly ReleaseRow[]): string[] {
  const lines = new Set(rows.map((r) => r.line));
  return [...rows.flatMap((row, i) => rowProblems(row, rows[i - 1], lines)), ...postgresProblems(rows), ...referenceProblems(rows)];
}
