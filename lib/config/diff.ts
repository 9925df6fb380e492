/**
 * Semantic diff of YAML files by key path (not by line), with secrets masked, and of whole bundles. Pure.
 * Paths are dotted; list items are addressed by index, or by `[name=…]` when every item is a map with a unique
 * name (nodes), so reordering such a list is not a change. A changed secret is reported as changed, showing only
 * SECRET_MASK on both sides.
 */
import { diffLines, type LineDiffEntry } from "./diff-lines";
import { HARBOR_YML_UPLOAD_OPTIONS } from "./inspect-harbor-yml";
import { parseAllYamlSafely, yamlFailureText } from "./safe-yaml";
import { isSecretPath, secretKeysFor } from "./secret-keys";
import { SECRET_MASK, type ConfigFile } from "./types";

export type { LineDiffEntry } from "./diff-lines";

export interface YamlDiffEntry {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: string;
  after?: string;
}
export type YamlDiff = YamlDiffEntry[];

export class InvalidYamlError extends Error {
  readonly kind = "invalid-yaml" as const;
  constructor(
    readonly side: "before" | "after",
    readonly detail: string,
    /** syntax: not YAML; refused: not text, or past a bound of lib/config/safe-yaml.ts */
    readonly reason: "syntax" | "refused" = "syntax",
  ) {
    super(`The ${side} file ${reason === "syntax" ? "is not valid YAML" : "was refused"}: ${detail}`);
    this.name = "InvalidYamlError";
  }
}

function leafText(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return v.length ? `[${v.map(leafText).join(", ")}]` : "[]";
  if (typeof v === "object") return "{}";
  return String(v);
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (isMap(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) flatten(v, join(k), out);
  } else if (Array.isArray(value) && value.some((v) => isMap(v) || Array.isArray(v))) {
    const names = value.map((v) => (isMap(v) && typeof v.name === "string" ? v.name : null));
    const keyed = names.every((n) => n !== null) && new Set(names).size === names.length;
    value.forEach((v, i) => flatten(v, keyed ? `${prefix}[name=${names[i]}]` : `${prefix}[${i}]`, out));
  } else {
    out.set(prefix, leafText(value));
  }
}

/** A few documents at most (a Kubernetes manifest file); an uploaded harbor.yml is read exactly as inspectHarborYml reads it. */
const DIFF_YAML_OPTIONS = { ...HARBOR_YML_UPLOAD_OPTIONS, maxDocuments: 16 };

function parseFlat(text: string, side: "before" | "after"): Map<string, string> {
  // YAML 1.1 like Harbor's parser (PyYAML) and Helm's: `no`, `on`, `0755` mean what they mean to them.
  const parsed = parseAllYamlSafely(text, DIFF_YAML_OPTIONS);
  if (!parsed.ok) throw new InvalidYamlError(side, yamlFailureText(parsed), parsed.kind === "syntax" ? "syntax" : "refused");
  const out = new Map<string, string>();
  parsed.documents.forEach(({ value }, i) => flatten(value, parsed.documents.length > 1 ? `${i}` : "", out));
  return out;
}

/**
 * Entries in path order. Throws InvalidYamlError when either side does not parse. `blindSecrets`: secret values
 * are not compared at all (only added/removed), for a side the user supplied — otherwise "changed or not" would
 * tell them whether a guessed password is the stored one.
 */
export function diffYaml(before: string, after: string, opts: { secretKeys: readonly string[]; blindSecrets?: boolean }): YamlDiff {
  const a = parseFlat(before, "before");
  const b = parseFlat(after, "after");
  const show = (path: string, v: string) => (isSecretPath(path, opts.secretKeys) ? SECRET_MASK : v);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: YamlDiff = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (x === undefined) out.push({ path, kind: "added", after: show(path, y!) });
    else if (y === undefined) out.push({ path, kind: "removed", before: show(path, x) });
    else if (x !== y && !(opts.blindSecrets && isSecretPath(path, opts.secretKeys)))
      out.push({ path, kind: "changed", before: show(path, x), after: show(path, y) });
  }
  return out;
}

export interface FileDiff {
  path: string;
  status: "added" | "removed" | "changed" | "unchanged";
  /** secret files never show content, only whether they changed */
  secret: boolean;
  yaml?: YamlDiff;
  lines?: LineDiffEntry[];
}

function contentDiff(path: string, before: string, after: string): Pick<FileDiff, "yaml" | "lines"> {
  if (/\.ya?ml$/.test(path)) {
    try {
      return { yaml: diffYaml(before, after, { secretKeys: secretKeysFor(path) }) };
    } catch (e) {
      if (!(e instanceof InvalidYamlError)) throw e;
    }
  }
  return { lines: diffLines(before, after) };
}

/** Per path, in path order. Added and removed files carry no entries; secret files never do. */
export function diffBundles(before: readonly ConfigFile[], after: readonly ConfigFile[]): FileDiff[] {
  const a = new Map(before.map((f) => [f.path, f]));
  const b = new Map(after.map((f) => [f.path, f]));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.map((path): FileDiff => {
    const x = a.get(path);
    const y = b.get(path);
    const secret = Boolean(x?.secret || y?.secret);
    if (!x) return { path, status: "added", secret };
    if (!y) return { path, status: "removed", secret };
    if (x.content === y.content) return { path, status: "unchanged", secret };
    return secret ? { path, status: "changed", secret } : { path, status: "changed", secret, ...contentDiff(path, x.content, y.content) };
  });
}
