/**
 * Topology as code: a HarborTopology YAML document (apiVersion/kind/metadata/spec, lib/schemas/topology.ts) that
 * lists only what differs from the defaults. Secrets are `${HARBOR_…}` placeholders resolved from the environment
 * by the CLI, or the values themselves. Pure.
 */
import { stringify } from "yaml";
import { defaultTopology } from "../schemas/topology-default";
import { getPath, setPath } from "../schemas/topology-path";
import { SECRET_PATHS } from "../schemas/topology-secrets";

// for the topology form's import, which loads this module on use: the secret paths come with it, not with the page
export { SECRET_PATHS };
import { TOPOLOGY_API_VERSION, TOPOLOGY_KIND, ZTopologyDocument, type TTopology, type TTopologyDocument } from "../schemas/topology";
import type { ConfigIssue } from "../schemas/config-issue";
import { parseYamlSafely, yamlFailureText } from "./safe-yaml";

/** The largest topology document accepted (the import button checks it first, on the file's size). */
export const MAX_TOPOLOGY_YAML_BYTES = 512 * 1024;

/** JSON-shaped values only (what a parsed topology holds). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const PLACEHOLDER = /^\$\{([A-Z][A-Z0-9_]*)\}$/;

/** database.password → HARBOR_DATABASE_PASSWORD, storage.s3.secretKey → HARBOR_STORAGE_S3_SECRET_KEY */
export function placeholderName(secretPath: string): string {
  return `HARBOR_${secretPath
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/\./g, "_")
    .toUpperCase()}`;
}

/** The keys of `value` that differ from `base`, recursively; arrays and scalars are compared whole. */
function delta(value: unknown, base: unknown): unknown {
  if (value && base && typeof value === "object" && typeof base === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const d = delta(v, (base as Record<string, unknown>)[k]);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return same(value, base) ? undefined : value;
}

export function exportTopologyYaml(t: TTopology, meta: { name: string; description?: string }, opts: { secrets: "placeholders" | "values" }): string {
  let source = t;
  if (opts.secrets === "placeholders") {
    for (const p of SECRET_PATHS) if (getPath(t, p)) source = setPath(source, p, `\${${placeholderName(p)}}`);
  }
  const spec = { harborVersion: t.harborVersion, ...((delta(source, defaultTopology(t.harborVersion)) as object | undefined) ?? {}) };
  const metadata = meta.description ? { name: meta.name, description: meta.description } : { name: meta.name };
  const header = [
    `# Harbor topology (${TOPOLOGY_API_VERSION}): only what differs from the defaults is listed.`,
    "# Generate the files with: npm run config -- generate <this file> --out <dir>",
    ...(opts.secrets === "placeholders" ? ["# ${HARBOR_…} placeholders are read from the environment when generating."] : []),
  ];
  return `${header.join("\n")}\n${stringify({ apiVersion: TOPOLOGY_API_VERSION, kind: TOPOLOGY_KIND, metadata, spec }, { lineWidth: 0 })}`;
}

/** Placeholder names left in secret fields. */
export function unresolvedPlaceholders(t: TTopology): string[] {
  return SECRET_PATHS.flatMap((p) => {
    const m = PLACEHOLDER.exec(String(getPath(t, p) ?? ""));
    return m ? [m[1]] : [];
  });
}

export type ParseTopologyResult = { ok: true; document: TTopologyDocument; unresolved: string[] } | { ok: false; issues: ConfigIssue[] };

export function parseTopologyYaml(text: string): ParseTopologyResult {
  const yaml = parseYamlSafely(text, { maxBytes: MAX_TOPOLOGY_YAML_BYTES });
  if (!yaml.ok) {
    const message = `${yaml.kind === "syntax" ? "Not valid YAML" : "The file was refused"}: ${yamlFailureText(yaml)}`;
    return { ok: false, issues: [{ section: "yaml", field: "", message, severity: "error" }] };
  }
  const parsed = ZTopologyDocument.safeParse(yaml.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i): ConfigIssue => {
      const path = i.path.map(String);
      const rel = path[0] === "spec" ? path.slice(1) : path;
      return { section: rel[0] ?? "", field: rel.join("."), message: i.message, severity: "error" };
    });
    return { ok: false, issues };
  }
  return { ok: true, document: parsed.data, unresolved: unresolvedPlaceholders(parsed.data.spec) };
}

/** Replaces `${NAME}` in secret fields with env[NAME]; names with no value are listed in `missing`. */
export function resolveSecretPlaceholders(t: TTopology, env: Record<string, string | undefined>): { topology: TTopology; missing: string[] } {
  let topology = t;
  const missing: string[] = [];
  for (const p of SECRET_PATHS) {
    const m = PLACEHOLDER.exec(String(getPath(t, p) ?? ""));
    if (!m) continue;
    const value = env[m[1]];
    if (value === undefined || value === "") missing.push(m[1]);
    else topology = setPath(topology, p, value);
  }
  return { topology, missing };
}
