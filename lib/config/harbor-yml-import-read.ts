/** Lenient readers for values of an uploaded harbor.yml (PyYAML types, nulls for the sample's empty keys). */

export type YMap = Record<string, unknown>;

export function map(v: unknown): YMap | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as YMap) : undefined;
}

/** null/undefined → "", anything else as text. */
export function str(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

/** A number within ±2^53 (a quoted "99999999999999999999999" would otherwise become 1e23), else the fallback. */
export function int(v: unknown, fallback: number): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : fallback;
}

export function bool(v: unknown, fallback: boolean): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "enabled") return true;
  if (v === "false" || v === "disabled") return false;
  return fallback;
}
