/**
 * The one validation entry point for the form (inline, per field), the server (authoritative) and the CLI. Shape
 * rules come from the zod schema; version, prepare-tool, trap and HA rules from the validate-*.ts rule sets.
 * Every issue names the exact dotted form field it belongs to.
 */
import { ZTopology, type ConfigIssue, type TTopology } from "../schemas/topology";
import { isKnownRelease, LATEST, formatRelease } from "../upgrade";
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

/** zod parse, then validateTopology. A topology that does not parse yields only the shape issues. */
export function checkTopology(input: unknown): { topology: TTopology | null; issues: ConfigIssue[] } {
  const parsed = ZTopology.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i): ConfigIssue => {
      const field = i.path.map(String).join(".");
      return { section: field === "" ? "topology" : field.split(".")[0], field, message: i.message, severity: "error" };
    });
    return { topology: null, issues };
  }
  return { topology: parsed.data, issues: validateTopology(parsed.data) };
}
