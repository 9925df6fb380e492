import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import type { SharedSecrets } from "../config/types";
import { generateSharedSecrets, ZSharedSecrets } from "../security/shared-secrets";

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
    let data: unknown;
    try {
      data = parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new SecretsFileError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    const parsed = ZSharedSecrets.safeParse(data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new SecretsFileError(`${file} does not hold valid shared secrets (${problems})`);
    }
    return parsed.data;
  }
  const secrets = await generateSharedSecrets();
  const header = "# Harbor shared secrets (secret key, CSRF key, component secrets, token key pair).\n# Keep this file, never commit it: regenerating it breaks every running node.\n";
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // "wx": never overwrite a file that appeared meanwhile
  fs.writeFileSync(file, header + stringify(secrets, { lineWidth: 0 }), { mode: 0o600, flag: "wx" });
  log(`Created ${file} (mode 600). Keep it and never commit it: regenerating it would break running nodes.`);
  return secrets;
}
