/**
 * Files as leaves: dotted path → value as text. A leaf is a scalar or a list; null, "" and an empty map count as
 * absent (Harbor's prepare and the chart treat them alike). What adoption compares between nodes and round-trips.
 */
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function leaves(doc: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (!isMap(doc)) return out;
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isMap(value)) leaves(value, path, out);
    // a list of scalars is a set to Harbor and the chart (job loggers, proxy components): order does not matter
    else if (Array.isArray(value))
      out.set(path, JSON.stringify(value.every((x) => typeof x !== "object" || x === null) ? [...value].map(String).sort() : value));
    else if (value !== null && value !== undefined && value !== "") out.set(path, String(value));
  }
  return out;
}

/** Is `path` (or one of its parents) in `set`? A secret "storage_service.s3.secretkey" is matched exactly. */
export function underAny(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(`${p}.`));
}
