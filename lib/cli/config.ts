/**
 * Topology as code on the command line; writes exactly what the console offers, through the same generateBundle.
 *
 *   npm run config -- generate <topology.yaml> --out <dir> [--secrets <file>] [--check]
 *   npm run config -- export-example
 *   npm run config -- import <harbor.yml…> | --values <values.yaml> --chart-version <X> [--json] [--with-secrets]
 *
 * Exit codes: 0 done (warnings may be printed), 1 the topology is invalid or a placeholder has no value,
 * 2 usage or I/O error.
 */
import fs from "node:fs";
import path from "node:path";
import { bundleIssues, generateBundle } from "../config/bundle";
import { isBlocking, type ConfigIssue } from "../config/types";
import { MAX_TOPOLOGY_YAML_BYTES, parseTopologyYaml, placeholderName, resolveSecretPlaceholders } from "../config/topology-yaml";
import { describeAt } from "../config/safe-text";
import { SECRET_PATHS } from "../schemas/topology-secrets";
import { readTextFileBounded } from "../security/bounded-file";
import { exampleTopologyYaml } from "./config-example";
import { ImportUsageError, runImport } from "./config-import";
import { defaultSecretsPath, loadOrCreateSecrets } from "./config-secrets";

const USAGE = `usage:
  npm run config -- generate <topology.yaml> --out <dir> [--secrets <file>] [--check]
  npm run config -- export-example
  npm run config -- import <harbor.yml…> [--json] [--with-secrets]
  npm run config -- import --values <values.yaml> --chart-version <X> [--json] [--with-secrets]`;

class UsageError extends Error {}

interface GenerateArgs {
  topology: string;
  out: string | null;
  secrets: string | null;
  check: boolean;
}

function parseArgs(args: string[]): GenerateArgs {
  const out: GenerateArgs = { topology: "", out: null, secrets: null, check: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (!v || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--out") out.out = value();
    else if (a === "--secrets") out.secrets = value();
    else if (a === "--check") out.check = true;
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else if (!out.topology) out.topology = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!out.topology) throw new UsageError("name the topology file");
  if (!out.check && !out.out) throw new UsageError("--out <dir> is required (or use --check)");
  return out;
}

const printIssues = (issues: readonly ConfigIssue[]) => {
  for (const i of issues) process.stderr.write(`${i.severity}  ${i.field || i.section}: ${i.message}\n`);
};

async function generate(args: GenerateArgs): Promise<number> {
  let read: ReturnType<typeof readTextFileBounded>;
  try {
    // Never more than the limit is read: a topology file of gigabytes, or /dev/zero, is refused, not loaded.
    read = readTextFileBounded(args.topology, MAX_TOPOLOGY_YAML_BYTES);
  } catch (e) {
    throw new Error(`cannot read ${args.topology}: ${(e as Error).message}`);
  }
  if (!read.ok) {
    printIssues([{ section: "yaml", field: "", message: `The file was refused: ${describeAt(read)}`, severity: "error" }]);
    return 1;
  }
  const parsed = parseTopologyYaml(read.text);
  if (!parsed.ok) {
    printIssues(parsed.issues);
    return 1;
  }
  // --check validates a topology without its secrets (a pull request's pipeline has none): an unresolved
  // placeholder counts as set there. Generating needs every value.
  const env = args.check ? new Proxy(process.env, { get: (target, name: string) => target[name] ?? "(placeholder)" }) : process.env;
  const { topology, missing } = resolveSecretPlaceholders(parsed.document.spec, env);
  if (missing.length) {
    for (const name of missing) {
      const field = SECRET_PATHS.find((p) => placeholderName(p) === name) ?? "secrets";
      process.stderr.write(`error  ${field}: environment variable ${name} is not set\n`);
    }
    return 1;
  }
  const checked = bundleIssues(topology);
  printIssues(checked.issues);
  if (isBlocking(checked.issues)) return 1;
  if (args.check) {
    process.stdout.write(`${args.topology}: valid (${checked.issues.length} warning${checked.issues.length === 1 ? "" : "s"})\n`);
    return 0;
  }
  const secretsFile = args.secrets ?? defaultSecretsPath(args.topology);
  const secrets = await loadOrCreateSecrets(secretsFile, (line) => process.stderr.write(`${line}\n`));
  const instanceName = parsed.document.metadata.name || path.basename(args.topology).replace(/\.ya?ml$/i, "");
  const result = generateBundle(topology, { secrets, mask: false, instanceName });
  if (!result.ok) {
    printIssues(result.issues);
    return 1;
  }
  const outDir = args.out!;
  for (const f of result.files) {
    const target = path.join(outDir, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content, { mode: f.secret ? 0o600 : 0o644 });
    fs.chmodSync(target, f.secret ? 0o600 : 0o644);
  }
  process.stdout.write(`wrote ${result.files.length} files to ${outDir}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "export-example") {
      process.stdout.write(exampleTopologyYaml());
      return 0;
    }
    if (command === "generate") return await generate(parseArgs(rest));
    if (command === "import")
      return runImport(
        rest,
        (s) => process.stdout.write(s),
        (s) => process.stderr.write(s),
      );
    throw new UsageError(command ? `unknown command ${command}` : "name a command");
  } catch (e) {
    if (e instanceof UsageError || e instanceof ImportUsageError) process.stderr.write(`${e.message}\n${USAGE}\n`);
    else process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
