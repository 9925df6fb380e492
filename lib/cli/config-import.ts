/**
 * `npm run config -- import <harbor.yml…> [--values values.yaml --chart-version X] [--json] [--with-secrets]`:
 * adopts a running Harbor from its files, as the Topology tab does. stdout: the topology document (YAML, secrets as
 * ${HARBOR_…} placeholders unless --with-secrets) or, with --json, one object with the topology, the node
 * differences and the not-represented list; stderr: warnings, node differences and the not-represented list.
 * Exit 1 with the message at the file when the files are refused.
 */
import path from "node:path";
import { adoptHarborYml } from "../config/adopt-harbor-yml";
import { adoptHelmValues } from "../config/adopt-helm-values";
import { MAX_HELM_VALUES_BYTES } from "../config/adopt-helm-read";
import type { AdoptResult } from "../config/adopt-types";
import { MAX_HARBOR_YML_BYTES } from "../config/inspect-harbor-yml";
import { describeAt } from "../config/safe-text";
import { exportTopologyYaml } from "../config/topology-yaml";
import { stripSecrets } from "../schemas/topology-secrets";
import { readTextFileBounded } from "../security/bounded-file";

export class ImportUsageError extends Error {}

interface ImportArgs {
  files: string[];
  values: string | null;
  chartVersion: string | null;
  json: boolean;
  withSecrets: boolean;
}

function parseImportArgs(args: string[]): ImportArgs {
  const out: ImportArgs = { files: [], values: null, chartVersion: null, json: false, withSecrets: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (!v || v.startsWith("--")) throw new ImportUsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--values") out.values = value();
    else if (a === "--chart-version") out.chartVersion = value();
    else if (a === "--json") out.json = true;
    else if (a === "--with-secrets") out.withSecrets = true;
    else if (a.startsWith("--")) throw new ImportUsageError(`unknown option ${a}`);
    else out.files.push(a);
  }
  if (out.values && out.files.length) throw new ImportUsageError("give either harbor.yml files or --values, not both");
  if (out.values && !out.chartVersion) throw new ImportUsageError("--values needs --chart-version (helm list shows it)");
  if (!out.values && out.files.length === 0) throw new ImportUsageError("name the harbor.yml of each node, or --values with --chart-version");
  return out;
}

/** The file's text, or the refusal as the message at the file. */
function read(file: string, max: number): { file: string; text: string } | { file: string; error: string } {
  let r: ReturnType<typeof readTextFileBounded>;
  try {
    r = readTextFileBounded(file, max);
  } catch (e) {
    return { file, error: `cannot read it: ${(e as Error).message}` };
  }
  return r.ok ? { file, text: r.text } : { file, error: `The file was refused: ${describeAt(r)}` };
}

function adopt(args: ImportArgs): AdoptResult {
  const inputs = args.values ? [read(args.values, MAX_HELM_VALUES_BYTES)] : args.files.map((f) => read(f, MAX_HARBOR_YML_BYTES));
  const unreadable = inputs.filter((i): i is { file: string; error: string } => "error" in i);
  if (unreadable.length) return { ok: false, errors: unreadable.map((u) => ({ file: u.file, message: u.error })) };
  const texts = inputs as Array<{ file: string; text: string }>;
  if (args.values) return adoptHelmValues({ file: args.values, text: texts[0].text, chartVersion: args.chartVersion!, base: null });
  return adoptHarborYml({ files: texts, base: null });
}

export function runImport(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = parseImportArgs(argv);
  const r = adopt(args);
  if (!r.ok) {
    for (const e of r.errors) err(`error  ${e.file ? `${e.file}: ` : ""}${e.message}\n`);
    return 1;
  }
  const topology = args.withSecrets ? r.topology : stripSecrets(r.topology).topology;
  if (args.json) {
    out(
      `${JSON.stringify({ source: r.source, topology, nodeDifferences: r.nodeDifferences, notRepresented: r.notRepresented, warnings: r.warnings }, null, 2)}\n`,
    );
    return 0;
  }
  const name = args.values ? "adopted" : path.basename(args.files[0]).replace(/\.ya?ml$/i, "");
  out(exportTopologyYaml(r.topology, { name, description: `Adopted from ${r.source}` }, { secrets: args.withSecrets ? "values" : "placeholders" }));
  for (const w of r.warnings) err(`warning  ${w}\n`);
  for (const d of r.nodeDifferences) err(`node difference  ${d.path}: ${d.values.map((v) => `${v.node}=${v.value}`).join(", ")}\n`);
  for (const n of r.notRepresented) err(`not represented  ${n.path}: ${n.reason}\n`);
  err(`${r.source}: ${r.nodeDifferences.length} node difference(s), ${r.notRepresented.length} key(s) not represented\n`);
  return 0;
}
