import { SECRET_PATHS } from "../schemas/topology-secrets";
import type { TTopology } from "../schemas/topology";
import { SECRET_MASK } from "./types";

export interface TopologyChange {
  /** dotted form-field path, e.g. "redis.mode", "deployment.nodes.2.address" */
  field: string;
  before: string;
  after: string;
}

const SECRET = new Set<string>(SECRET_PATHS);

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) {
    out.set(prefix, value.join(", "));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value === null || value === undefined ? "" : String(value));
  }
}

/**
 * Field-by-field changes between two topologies (what a conflict or a revision's history shows). Secrets never
 * appear: pass `secretChanged` for the secret paths whose stored values differ; they show as masked changes.
 */
export function diffTopologies(before: TTopology | null, after: TTopology, secretChanged: readonly string[] = []): TopologyChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before) flatten(before, "", a);
  flatten(after, "", b);
  const changes: TopologyChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    if (SECRET.has(field)) continue;
    const x = a.get(field) ?? "";
    const y = b.get(field) ?? "";
    if (x !== y) changes.push({ field, before: x, after: y });
  }
  for (const field of secretChanged) changes.push({ field, before: SECRET_MASK, after: SECRET_MASK });
  return changes;
}
