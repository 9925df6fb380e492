/**
 * Adopt a docker-compose Harbor from the harbor.yml of each node (issue #18): one topology with what the files say,
 * on top of `base` for what harbor.yml does not record (nodes' addresses, the load balancer, install.sh's component
 * flags). Refused: a file that is not a harbor.yml (harbor.cfg, not YAML, not a mapping), files of different
 * versions, nodes that disagree on a key every node must share. Pure.
 */
import { defaultTopology } from "../schemas/topology-default";
import { NODE_NAME, type TTopology } from "../schemas/topology";
import type { AdoptError, AdoptResult, NodeDifference } from "./adopt-types";
import { leaves, underAny } from "./adopt-leaves";
import { notRepresentedInHarborYml } from "./adopt-harbor-yml-gaps";
import { featuresFor } from "./features";
import { HARBOR_YML_SECRET_KEYS } from "./secret-keys";
import { topologyFromHarborYml } from "./import-harbor-yml";
import { readHarborYmlText } from "./inspect-harbor-yml";
import { adoptedVersion } from "./adopt-version";

export interface AdoptFile {
  /** the uploaded file's name, named in every message about it */
  file: string;
  text: string;
  /** the node this file comes from; default: the base's node at the same position, else one named after the file */
  node?: { name: string; address: string };
}

/** Keys every node must share (docs/harbor/config.md §5): a difference is refused, not merged. */
const SHARED = ["hostname", "external_url", "database", "external_database", "redis", "external_redis", "storage_service"];

const secretText = (path: string, value: string) => (HARBOR_YML_SECRET_KEYS.includes(path) ? "(secret)" : value);

function nodeFor(f: AdoptFile, i: number, base: TTopology | null): { name: string; address: string } {
  if (f.node?.name) return { name: f.node.name, address: f.node.address || f.node.name };
  const known = base?.deployment.nodes[i];
  if (known) return known;
  const stem = (f.file.split(/[\\/]/).pop() ?? "")
    .replace(/\.(ya?ml)$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const name = NODE_NAME.test(stem) && stem !== "harbor" ? stem : `harbor-${i + 1}`;
  return { name, address: name };
}

/** Every pair of nodes that disagree on a key: refused for shared keys, listed otherwise. */
function compareNodes(docs: Array<{ file: string; node: string; leaves: Map<string, string> }>): { errors: AdoptError[]; differences: NodeDifference[] } {
  const errors: AdoptError[] = [];
  const differences: NodeDifference[] = [];
  const paths = new Set(docs.flatMap((d) => [...d.leaves.keys()]));
  const [first, ...rest] = docs;
  for (const path of paths) {
    const values = docs.map((d) => d.leaves.get(path) ?? "");
    if (values.every((v) => v === values[0])) continue;
    if (underAny(path, SHARED)) {
      const other = rest.find((d) => (d.leaves.get(path) ?? "") !== values[0])!;
      const show = (v: string) => (v === "" ? "(not set)" : secretText(path, v));
      const both = HARBOR_YML_SECRET_KEYS.includes(path)
        ? "different values (not shown: a secret)"
        : `${show(values[0])} and ${show(other.leaves.get(path) ?? "")}`;
      errors.push({
        file: other.file,
        message: `${path} differs between ${first.file} and ${other.file}: ${both}. Every node must share it (the same hostname, database, Redis and storage); correct the file that is wrong.`,
      });
    } else {
      differences.push({ path, values: docs.map((d, i) => ({ node: d.node, value: values[i] === "" ? "(not set)" : secretText(path, values[i]) })) });
    }
  }
  return { errors, differences };
}

export function adoptHarborYml(opts: { files: readonly AdoptFile[]; base: TTopology | null; versionHint?: string | null }): AdoptResult {
  const { files, base } = opts;
  if (files.length === 0) return { ok: false, errors: [{ file: "", message: "Upload the harbor.yml of at least one node." }] };
  const errors: AdoptError[] = [];
  const read: Array<{ file: string; doc: Record<string, unknown> }> = [];
  for (const f of files) {
    const r = readHarborYmlText(f.text);
    if (r.ok) read.push({ file: f.file, doc: r.doc });
    else errors.push({ file: f.file, message: r.error });
  }
  if (errors.length) return { ok: false, errors };

  const version = adoptedVersion(read, opts.versionHint ?? null);
  if (!version.ok) return { ok: false, errors: version.errors };
  const nodes = files.map((f, i) => nodeFor(f, i, base));
  const docs = read.map((r, i) => ({ file: r.file, node: nodes[i].name, leaves: leaves(r.doc) }));
  const compared = compareNodes(docs);
  if (compared.errors.length) return { ok: false, errors: compared.errors };

  const start = structuredClone(base ?? defaultTopology(version.version));
  start.harborVersion = version.version;
  start.deployment.kind = "compose";
  start.deployment.nodes = nodes;
  if (!base) start.components.trivy = featuresFor(version.version)?.trivy ?? false;
  const imported = topologyFromHarborYml(read[0].doc, start);
  const warnings = [...version.warnings, ...imported.warnings.map((w) => `${read[0].file}: ${w}`)];
  if (compared.differences.length)
    warnings.push(
      `The nodes' files differ in ${compared.differences.length} key(s) no node must share; the topology takes ${read[0].file}'s values, and every node gets the same file.`,
    );
  return {
    ok: true,
    topology: imported.topology,
    source: `harbor.yml of ${files.length} node${files.length === 1 ? "" : "s"} (Harbor ${featuresFor(version.version)!.line})`,
    notRepresented: notRepresentedInHarborYml(
      read.map((r) => r.doc),
      imported.topology,
      new Set(compared.differences.map((d) => d.path)),
    ),
    nodeDifferences: compared.differences,
    warnings,
  };
}
