/**
 * Where the secrets are in each generated YAML file (dotted key paths), and masking by those paths. A path also
 * covers everything below it. Whole-file secrets (key files, Secret manifests) are flagged on ConfigFile instead.
 */
import { SECRET_FIELDS } from "../schemas/topology-secrets";
import type { SecretFieldInfo } from "../schemas/secret-field";
import { parseYamlSafely, yamlFailureText } from "./safe-yaml";
import { SECRET_MASK } from "./types";

const IMAGE_STORAGE = "persistence.imageChartStorage";

/** The keys of one generated file that hold a topology secret (from the schema's secret() marks), then `fileOnly`. */
export function fileSecretKeys(fields: readonly SecretFieldInfo[], file: "harborYml" | "helmValues", fileOnly: readonly string[]): readonly string[] {
  return [...fields.flatMap((f) => f[file]), ...fileOnly];
}

/**
 * Dotted harbor.yml paths that hold secrets; previews and diffs mask them. Keys the topology has no field for are
 * listed here: an adopted or uploaded harbor.yml may set them.
 */
export const HARBOR_YML_SECRET_KEYS = fileSecretKeys(SECRET_FIELDS, "harborYml", ["trivy.github_token", "trace.jaeger.password"]);

/**
 * values.yaml keys that may hold a secret inline (docs/harbor/helm.md §3.2–3.5). Besides the topology's secrets: the
 * shared secrets the bundle generates, and chart keys the topology has no field for.
 */
export const HELM_VALUES_SECRET_KEYS = fileSecretKeys(SECRET_FIELDS, "helmValues", [
  "secretKey",
  "core.secret",
  "core.xsrfKey",
  "core.tokenKey",
  "jobservice.secret",
  "registry.secret",
  "registry.credentials.password",
  "registry.credentials.htpasswdString",
  `${IMAGE_STORAGE}.swift.secretkey`,
]);

/** The secret key paths for a bundle file, by its name; [] for files that are not YAML. */
export function secretKeysFor(path: string): readonly string[] {
  if (/(^|\/)harbor\.ya?ml$/.test(path)) return HARBOR_YML_SECRET_KEYS;
  if (/(^|\/)values\.ya?ml$/.test(path)) return HELM_VALUES_SECRET_KEYS;
  return [];
}

/** Is the dotted path one of the secret keys, or below one? */
export function isSecretPath(path: string, secretKeys: readonly string[]): boolean {
  return secretKeys.some((k) => path === k || path.startsWith(`${k}.`));
}

/** The YAML text with every present secret key's value replaced by SECRET_MASK (comments kept). */
export function maskYamlDoc(text: string, secretKeys: readonly string[]): string {
  const parsed = parseYamlSafely(text);
  if (!parsed.ok) throw new Error(`cannot mask invalid YAML: ${yamlFailureText(parsed)}`);
  const doc = parsed.document;
  for (const key of secretKeys) {
    const path = key.split(".");
    if (doc.hasIn(path)) doc.setIn(path, SECRET_MASK);
  }
  return doc.toString({ lineWidth: 0 });
}
