import { secretFieldsOf, type SecretPathsOf } from "./secret-field";
import { ZTopology, type TTopology } from "./topology";
import { getPath, setPath } from "./topology-path";

// Client-light: the topology form imports markStoredSecrets from topology-path.ts, without the schema.
export { markStoredSecrets } from "./topology-path";

/** Every secret field of the topology with the file keys it is written to, derived from the schema's secret() marks. */
export const SECRET_FIELDS = secretFieldsOf(ZTopology);

/** The dotted path of a topology field marked secret() in lib/schemas/topology.ts. */
export type SecretPath = SecretPathsOf<typeof ZTopology>;

/**
 * Every field that holds a secret, in schema order. The console stores their values encrypted, never sends them to
 * the browser and masks them in previews, diffs, logs and audit rows.
 */
export const SECRET_PATHS = SECRET_FIELDS.map((f) => f.path) as readonly SecretPath[] as readonly [SecretPath, ...SecretPath[]];

/** The topology with every secret replaced by "" (what is stored in a revision and sent to the browser). */
export function stripSecrets(t: TTopology): { topology: TTopology; secrets: Partial<Record<SecretPath, string>> } {
  let topology = t;
  const secrets: Partial<Record<SecretPath, string>> = {};
  for (const path of SECRET_PATHS) {
    const value = getPath(t, path);
    if (typeof value === "string" && value !== "") {
      secrets[path] = value;
      topology = setPath(topology, path, "");
    }
  }
  return { topology, secrets };
}

/** Fills secrets back into a stripped topology; fields the user filled keep their value. */
export function mergeSecrets(t: TTopology, secrets: Partial<Record<SecretPath, string>>): TTopology {
  let out = t;
  for (const path of SECRET_PATHS) {
    const stored = secrets[path];
    if (stored && getPath(out, path) === "") out = setPath(out, path, stored);
  }
  return out;
}
