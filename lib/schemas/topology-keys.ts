import * as z from "zod";

/**
 * Unknown keys in a topology are errors, not silently dropped: `s3: { regionendpoint: … }` (harbor.yml's spelling)
 * would otherwise yield a harbor.yml without the endpoint, and the registry would talk to AWS. Each unknown key is
 * reported at its own path (`storage.s3.regionendpoint`, `deployment.nodes.1.adress`) with the closest known key
 * when there is one. Client-safe.
 *
 * zod's strict objects report a key at its parent's path, one issue for all of them; walking the schema instead
 * puts each key where the user wrote it. Revisions stored by another version of the schema are read through
 * stripUnknownKeys, so that a key removed or renamed later never makes an old revision unreadable.
 */

type Path = (string | number)[];
type Shape = Readonly<Record<string, z.core.$ZodType>>;
interface AnyDef {
  type: string;
  shape?: Shape;
  innerType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  options?: readonly z.core.$ZodType[];
  left?: z.core.$ZodType;
  right?: z.core.$ZodType;
  getter?: () => z.core.$ZodType;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** What `schema` is once its wrappers are looked through: the object shapes it accepts, or the element of its array. */
function resolve(schema: z.core.$ZodType): { shapes: Shape[]; element?: z.core.$ZodType } {
  const def = schema._zod.def as unknown as AnyDef;
  if (def.type === "object" && def.shape) return { shapes: [def.shape] };
  if (def.type === "array" && def.element) return { shapes: [], element: def.element };
  if (WRAPPERS.has(def.type) && def.innerType) return resolve(def.innerType);
  if (def.type === "lazy" && def.getter) return resolve(def.getter());
  const parts = def.type === "pipe" ? [def.in, def.out] : def.type === "union" ? (def.options ?? []) : def.type === "intersection" ? [def.left, def.right] : [];
  const resolved = parts.flatMap((p) => (p ? [resolve(p)] : []));
  return { shapes: resolved.flatMap((r) => r.shapes), element: resolved.find((r) => r.element)?.element };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function childSchema(shapes: Shape[], key: string): z.core.$ZodType | undefined {
  return shapes.find((s) => Object.hasOwn(s, key))?.[key];
}

/** The keys an object may hold at `path` of `schema` (array indexes included in the path); [] if none is an object. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly (string | number | symbol)[]): string[] {
  let cur: z.core.$ZodType | undefined = schema;
  for (const segment of path) {
    if (!cur) return [];
    const r = resolve(cur);
    cur = typeof segment === "number" ? r.element : childSchema(r.shapes, String(segment));
  }
  return cur ? [...new Set(resolve(cur).shapes.flatMap((s) => Object.keys(s)))] : [];
}

/** Optimal string alignment distance: Levenshtein plus the swap of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known key `key` most likely meant: the same word in another case, else the nearest within a third of its length. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameWord = known.find((k) => k.toLowerCase() === lower);
  if (sameWord || lower.length > 64) return sameWord;
  const limit = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: { key: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(lower, k.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { key: k, distance };
  }
  return best?.key;
}

/** A key as it may be shown in a message, a path or a terminal: printable ASCII, at most 64 characters. */
export function displayKey(key: string): string {
  if (/^[\x21-\x7e]{1,64}$/.test(key)) return key;
  const cut = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const near = closestKey(key, known);
  if (near) return `Unknown key \`${displayKey(key)}\`: did you mean \`${near}\`?`;
  return known.length ? `Unknown key \`${displayKey(key)}\` (known here: ${known.join(", ")})` : `Unknown key \`${displayKey(key)}\``;
}

export interface UnknownKey {
  /** where the key was written, the key itself last (shown with displayKey) */
  path: Path;
  message: string;
}

/** Every key of `value` that `schema` does not know, depth first, in the order written. */
export function findUnknownKeys(schema: z.core.$ZodType, value: unknown, hint?: (path: Path, key: string) => string | undefined): UnknownKey[] {
  const out: UnknownKey[] = [];
  const walk = (s: z.core.$ZodType, v: unknown, path: Path) => {
    const r = resolve(s);
    if (Array.isArray(v)) {
      if (r.element) v.forEach((item, i) => walk(r.element!, item, [...path, i]));
      return;
    }
    if (!isRecord(v) || !r.shapes.length) return;
    const known = [...new Set(r.shapes.flatMap((shape) => Object.keys(shape)))];
    for (const [key, item] of Object.entries(v)) {
      const child = childSchema(r.shapes, key);
      if (child) walk(child, item, [...path, key]);
      else out.push({ path: [...path, displayKey(key)], message: hint?.(path, key) ?? unknownKeyMessage(key, known) });
    }
  };
  walk(schema, value, []);
  return out;
}

/** `value` without the keys `schema` does not know, at any depth (for data the console wrote itself, e.g. stored revisions). */
export function stripUnknownKeys(schema: z.core.$ZodType, value: unknown): unknown {
  const r = resolve(schema);
  if (Array.isArray(value)) return r.element ? value.map((item) => stripUnknownKeys(r.element!, item)) : value;
  if (!isRecord(value) || !r.shapes.length) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const child = childSchema(r.shapes, key);
    if (child) out[key] = stripUnknownKeys(child, item);
  }
  return out;
}

/**
 * `schema`, refusing every key it does not know with an `unrecognized_keys` issue at the key's own path. zod's pipe
 * goes on after that code, so the schema's other issues are reported in the same parse.
 */
export function refuseUnknownKeys<T extends z.core.$ZodType>(schema: T, hint?: (path: Path, key: string) => string | undefined) {
  return z.preprocess((input: unknown, ctx) => {
    for (const u of findUnknownKeys(schema, input, hint))
      ctx.addIssue({ code: "unrecognized_keys", keys: [String(u.path[u.path.length - 1])], path: u.path, message: u.message, input: undefined });
    return input;
  }, schema);
}
