/**
 * Hostile answers: well-formed JSON whose values a careless client would pass on to its database. Applied to the
 * answer after routing, so every route and version gets them the same way; the exchange is marked `fault: "content"`.
 *
 * - nulInStrings: every string value carries a NUL character ("\u0000" in the JSON text), which PostgreSQL's text
 *   and JSON types refuse (22P05).
 * - int64Counts: /statistics at the ends of int64, which the specs allow: -9007199254740991 for most counts and
 *   9223372036854775807 (written as-is in the JSON text) for total_project_count.
 * - negativeCounts: /statistics counts below zero.
 * - healthWord: /health's overall status is this word instead of "healthy"/"unhealthy".
 * - hugeStrings: systeminfo's free-text values (external_url, registry_url, banner_message, storage provider) and
 *   every /health component's error are padded to this many characters.
 */
import type { SimResponse } from "./http";
import type { SimFaults } from "./types";

export const INT64_MAX_TEXT = "9223372036854775807";
export const INT53_MIN = -9007199254740991;
const INT64_MARK = "__sim_int64_max__";

export type ContentFault = "nulInStrings" | "int64Counts" | "negativeCounts" | "healthWord" | "hugeStrings";

export function contentFaultsOf(f: SimFaults): ContentFault[] {
  const out: ContentFault[] = [];
  if (f.nulInStrings) out.push("nulInStrings");
  if (f.int64Counts) out.push("int64Counts");
  if (f.negativeCounts) out.push("negativeCounts");
  if (f.healthWord !== undefined) out.push("healthWord");
  if (f.hugeStrings) out.push("hugeStrings");
  return out;
}

function mapStrings(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === "string") return fn(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, fn));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, fn)]));
  return v;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + "x".repeat(n - s.length));
const COUNTS = [
  "private_project_count",
  "private_repo_count",
  "public_project_count",
  "public_repo_count",
  "total_project_count",
  "total_repo_count",
  "total_storage_consumption",
];
const FREE_TEXT = ["external_url", "registry_url", "banner_message", "registry_storage_provider_name"];

/** The answer with the content faults applied; null when none applies to it. */
export function applyContentFaults(answer: SimResponse, faults: SimFaults, path: string): SimResponse | null {
  if (answer.json === undefined || answer.status >= 300 || contentFaultsOf(faults).length === 0) return null;
  let value = structuredClone(answer.json) as unknown;
  let raw = false;
  const obj = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (obj && path.endsWith("/statistics")) {
    for (const k of COUNTS) {
      if (!(k in obj)) continue;
      if (faults.int64Counts) {
        obj[k] = k === "total_project_count" ? INT64_MARK : INT53_MIN;
        raw ||= k === "total_project_count";
      } else if (faults.negativeCounts) obj[k] = -1 - COUNTS.indexOf(k);
    }
  }
  if (obj && path.endsWith("/health")) {
    if (faults.healthWord !== undefined) obj.status = faults.healthWord;
    if (faults.hugeStrings && Array.isArray(obj.components)) {
      obj.components = obj.components.map((c: Record<string, unknown>) => ({
        ...c,
        error: pad(typeof c.error === "string" ? c.error : "component detail: ", faults.hugeStrings!),
      }));
    }
  }
  if (obj && path.endsWith("/systeminfo") && faults.hugeStrings) {
    for (const k of FREE_TEXT) if (typeof obj[k] === "string") obj[k] = pad(obj[k] as string, faults.hugeStrings);
  }
  if (faults.nulInStrings) value = mapStrings(value, (s) => (s === INT64_MARK ? s : `${s}\u0000`));
  if (!raw) return { ...answer, json: value };
  const body = JSON.stringify(value).replace(`"${INT64_MARK}"`, INT64_MAX_TEXT);
  return { status: answer.status, headers: { "content-type": "application/json", ...answer.headers }, body };
}
