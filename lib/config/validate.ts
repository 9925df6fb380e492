/**
 * The one validation entry point for the form (inline, per field), the server (authoritative) and the CLI. Shape
 * rules come from the zod schema; version, prepare-tool, trap and HA rules from the validate-*.ts rule sets.
 * Every issue names the exact dotted form field it belongs to.
 */
import { ZTopology, type TTopology } from "../schemas/topology";
import type { ConfigIssue } from "../schemas/config-issue";
import { isKnownRelease, LATEST, formatRelease } from "../releases";
import { featuresFor } from "./features";
import { databaseRules, redisRules, storageRules } from "./validate-backends";
import { haRules, nodeRules } from "./validate-ha";
import { error } from "./validate-issue";
import { accessRules, componentRules } from "./validate-prepare";
import { versionRules } from "./validate-version";

const RULES = [versionRules, accessRules, componentRules, databaseRules, redisRules, storageRules, nodeRules, haRules];

export function validateTopology(t: TTopology): ConfigIssue[] {
  const f = featuresFor(t.harborVersion);
  if (!f) {
    const message = isKnownRelease(t.harborVersion)
      ? `Harbor ${t.harborVersion} is read-only here: the console generates configs for 1.10.0 and later. Plan an upgrade first.`
      : `Choose a Harbor release between 1.10.0 and ${formatRelease(LATEST)}.`;
    return [error("harborVersion", message)];
  }
  return RULES.flatMap((rule) => rule(t, f));
}

/**
 * zod parse, then validateTopology. A topology that does not parse yields its shape issues plus, so the form can
 * show every problem at once, the other rules' issues computed on a copy whose broken fields are replaced by
 * stand-ins (issues on those fields are dropped); `topology` stays null.
 */
export function checkTopology(input: unknown): {
  topology: TTopology | null;
  issues: ConfigIssue[];
  /** the stand-in copy the rules ran on, for displays (never for saving) */ repaired?: TTopology;
} {
  const parsed = ZTopology.safeParse(input);
  if (parsed.success) return { topology: parsed.data, issues: validateTopology(parsed.data) };
  const issues = parsed.error.issues.map((i): ConfigIssue => {
    const field = i.path.map(String).join(".");
    return { section: field === "" ? "topology" : field.split(".")[0], field, message: i.message, severity: "error" };
  });
  const repaired = repair(
    input,
    parsed.error.issues.map((i) => i.path.map(String)),
  );
  if (repaired) {
    const broken = new Set(issues.map((i) => i.field));
    issues.push(...validateTopology(repaired).filter((i) => !broken.has(i.field)));
  }
  return { topology: null, issues, ...(repaired ? { repaired } : {}) };
}

/** The input with each broken field set to its default (or a neutral stand-in), if that makes it parse. */
function repair(input: unknown, paths: string[][]): TTopology | null {
  if (input === null || typeof input !== "object" || paths.some((p) => p.length === 0 || p[0] === "harborVersion")) return null;
  const defaults = ZTopology.safeParse({ harborVersion: (input as { harborVersion?: unknown }).harborVersion });
  if (!defaults.success) return null;
  const copy = structuredClone(input) as Record<string, unknown>;
  paths.forEach((path, n) => {
    let cur: Record<string, unknown> = copy;
    let def: unknown = defaults.data;
    for (const key of path.slice(0, -1)) {
      if (cur[key] === null || typeof cur[key] !== "object") cur[key] = {};
      cur = cur[key] as Record<string, unknown>;
      def = def !== null && typeof def === "object" ? (def as Record<string, unknown>)[key] : undefined;
    }
    const last = path[path.length - 1];
    const fallback = def !== null && typeof def === "object" ? (def as Record<string, unknown>)[last] : undefined;
    const old = cur[last];
    cur[last] = fallback !== undefined ? fallback : typeof old === "number" || Number.isNaN(old) ? 1 : `repaired-${n}`;
  });
  const again = ZTopology.safeParse(copy);
  return again.success ? again.data : null;
}
