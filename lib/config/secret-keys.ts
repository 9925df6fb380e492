/**
 * Where the secrets are in each generated YAML file (dotted key paths), and masking by those paths. A path also
 * covers everything below it. Whole-file secrets (key files, Secret manifests) are flagged on ConfigFile instead.
 */
import { HARBOR_YML_SECRET_KEYS } from "./harbor-yml";
import { parseYamlSafely, yamlFailureText } from "./safe-yaml";
import { SECRET_MASK } from "./types";

export { HARBOR_YML_SECRET_KEYS } from "./harbor-yml";

const IMAGE_STORAGE = "persistence.imageChartStorage";

/** values.yaml keys that may hold a secret inline (docs/harbor/helm.md §3.2–3.5). */
export const HELM_VALUES_SECRET_KEYS: readonly string[] = [
  "harborAdminPassword",
  "secretKey",
  "core.secret",
  "core.xsrfKey",
  "core.tokenKey",
  "jobservice.secret",
  "registry.secret",
  "registry.credentials.password",
  "registry.credentials.htpasswdString",
  "database.internal.password",
  "database.external.password",
  "redis.external.password",
  `${IMAGE_STORAGE}.s3.secretkey`,
  `${IMAGE_STORAGE}.azure.accountkey`,
  `${IMAGE_STORAGE}.gcs.encodedkey`,
  `${IMAGE_STORAGE}.swift.password`,
  `${IMAGE_STORAGE}.swift.secretkey`,
  `${IMAGE_STORAGE}.oss.accesskeysecret`,
];

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
