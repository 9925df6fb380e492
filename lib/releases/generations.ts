/**
 * API generations: the points where Harbor's wire format changes (docs/harbor/api.md §1). Which line speaks which generation
 * is a column of the release table; lib/harbor turns a generation into paths and payloads.
 * - v1:    1.9–1.10, base /api, numeric project ids, camelCase event types, one webhook policy per project
 * - v2.0:  2.0–2.2, base /api/v2.0, legacy routes, numeric ids, unpaginated policy lists
 * - v2.3:  2.3–2.7, project_name_or_id (+ X-Is-Resource-Name), paginated policy lists
 * - v2.8:  2.8–2.12, payload_format, executions/tasks/log
 * - v2.13: 2.13+, anonymous systeminfo hides harbor_version
 */
import { lineAtOrBefore, RELEASE_LINES } from "./catalog";
import { compareVersions, type HarborVersion } from "./version";

export const API_GENERATIONS = ["v1", "v2.0", "v2.3", "v2.8", "v2.13"] as const;
export type ApiGeneration = (typeof API_GENERATIONS)[number];

const linesOf = (g: ApiGeneration) => RELEASE_LINES.filter((l) => l.api === g).map((l) => l.line);

/** "1.9–1.10" … "2.13+", from the table (the newest generation is open-ended). */
export const GENERATION_LABEL = Object.fromEntries(
  API_GENERATIONS.map((g, i) => {
    const lines = linesOf(g);
    const label = i === API_GENERATIONS.length - 1 ? `${lines[0]}+` : lines.length === 1 ? lines[0] : `${lines[0]}–${lines.at(-1)}`;
    return [g, label];
  }),
) as Record<ApiGeneration, string>;

/** Oldest version the console speaks to: the first line with an API generation (1.9.0). */
export const OLDEST_SUPPORTED: HarborVersion = RELEASE_LINES.find((l) => l.api !== null)!.first;

export function isSupportedVersion(v: HarborVersion): boolean {
  return compareVersions(v, OLDEST_SUPPORTED) >= 0 && v.major <= 2;
}

/** The generation of the version's line, or of the newest catalogued line before it (2.16 speaks 2.15's). */
export function generationOf(v: HarborVersion): ApiGeneration | null {
  if (!isSupportedVersion(v)) return null;
  return lineAtOrBefore(v)?.api ?? null;
}
