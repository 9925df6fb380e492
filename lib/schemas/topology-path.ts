/**
 * Dotted-path access to a topology (or any plain object), as form field names and secret paths spell it. Client-safe
 * and light: no zod, no schema (the topology form imports it at first load; the schema comes after the first paint).
 */
import type { TTopology } from "./topology";
import type { SecretPath } from "./topology-secrets";

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Returns a copy of `obj` with `path` set; the containers along the path must exist. */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const keys = path.split(".");
  const clone = structuredClone(obj) as Record<string, unknown>;
  let cur = clone;
  for (const key of keys.slice(0, -1)) cur = cur[key] as Record<string, unknown>;
  cur[keys[keys.length - 1]] = value;
  return clone as T;
}

/**
 * Puts `marker` into every secret field that is empty in `t` but stored on the server, so that checks and masked
 * previews treat "stored, left empty to keep" as set.
 */
export function markStoredSecrets(t: TTopology, stored: readonly SecretPath[], marker: string): TTopology {
  let out = t;
  for (const path of stored) if (getPath(out, path) === "") out = setPath(out, path, marker);
  return out;
}
