import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { describeAt } from "../config/safe-text";
import { parseYamlSafely, yamlFailureText } from "../config/safe-yaml";
import type { SharedSecrets } from "../config/types";
import { readTextFileBounded } from "../security/bounded-file";
import { generateSharedSecrets, ZSharedSecrets } from "../security/shared-secrets";

/** A secrets file is ~5 KB (eight values, an RSA key and its certificate). */
const MAX_SECRETS_FILE_BYTES = 64 * 1024;

/**
 * The CLI's shared-secrets file: `<topology dir>/<basename>.secrets.yaml` unless --secrets names one. Created once
 * (mode 0600) and then only read: new values would break every node that already runs with the old ones.
 */
export function defaultSecretsPath(topologyPath: string): string {
  const base = path.basename(topologyPath).replace(/\.ya?ml$/i, "");
  return path.join(path.dirname(topologyPath), `${base}.secrets.yaml`);
}

export class SecretsFileError extends Error {}

export async function loadOrCreateSecrets(file: string, log: (line: string) => void): Promise<SharedSecrets> {
  if (fs.existsSync(file)) {
    const read = readTextFileBounded(file, MAX_SECRETS_FILE_BYTES);
    if (!read.ok) throw new SecretsFileError(`${file} was refused: ${describeAt(read)}`);
    const yaml = parseYamlSafely(read.text, { maxBytes: MAX_SECRETS_FILE_BYTES });
    if (!yaml.ok) throw new SecretsFileError(`${file} ${yaml.kind === "syntax" ? "is not valid YAML" : "was refused"}: ${yamlFailureText(yaml)}`);
    const parsed = ZSharedSecrets.safeParse(yaml.value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new SecretsFileError(`${file} does not hold valid shared secrets (${problems})`);
    }
    return parsed.data;
  }
  const secrets = await generateSharedSecrets();
  const header =
    "# Harbor shared secrets (secret key, CSRF key, component secrets, token key pair).\n# Keep this file, never commit it: regenerating it breaks every running node.\n";
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // "wx": never overwrite a file that appeared meanwhile
  fs.writeFileSync(file, header + stringify(secrets, { lineWidth: 0 }), { mode: 0o600, flag: "wx" });
  log(`Created ${file} (mode 600). Keep it and never commit it: regenerating it would break running nodes.`);
  return secrets;
}
