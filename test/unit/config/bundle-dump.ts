/**
 * The bundles behind test/unit/config/golden/bundle: each as one text file (every file's path, kind, description and
 * content), so a change to what any bundle holds shows as a diff. Planned goldens were written by the code before
 * lifecycles existed (issue #18) and must not change.
 */
import { generateBundle, type BundleOptions } from "@/lib/config/bundle";
import type { ConfigFile } from "@/lib/config/types";
import type { TTopology } from "@/lib/schemas/topology";
import { build, singleNode, threeNodes } from "./golden/topologies";
import { FIXED_SECRETS, helmIngress } from "./helm-fixtures";

export const COMPOSE_BUNDLE_VERSIONS = ["1.10.19", "2.5.6", "2.11.2", "2.15.2"] as const;
/** chart 1.3 (no existing Secrets), 1.9 (no secretKey Secret), 1.13 (secretKey only), 1.19 (all) */
export const HELM_BUNDLE_VERSIONS = ["1.10.18", "2.5.6", "2.9.5", "2.15.1"] as const;

/** Sentinel needs Harbor 2.1 / chart 1.5: older lines get a standalone Redis in the same fixture. */
export function helmGolden(version: string): TTopology {
  const [major, minor] = version.split(".").map(Number);
  const sentinel = major > 2 || (major === 2 && minor >= 1);
  // Trivy ships with 2.0+
  const components = major === 1 ? { components: { trivy: false, jobservice: { jobLoggers: ["DB" as const] } } } : {};
  return sentinel
    ? helmIngress(version, components)
    : helmIngress(version, { ...components, redis: { type: "external", address: "redis.example.com:6379", password: "RedisPassw0rd!" } });
}

export const BUNDLE_TOPOLOGIES: Record<string, () => TTopology> = Object.fromEntries([
  ...COMPOSE_BUNDLE_VERSIONS.map((v) => [`single-node-${v}`, () => build(singleNode, v)] as const),
  ...COMPOSE_BUNDLE_VERSIONS.map((v) => [`three-nodes-${v}`, () => build(threeNodes, v)] as const),
  ...HELM_BUNDLE_VERSIONS.map((v) => [`helm-${v}`, () => helmGolden(v)] as const),
]);

export function dumpFiles(files: readonly ConfigFile[]): string {
  return files
    .map(
      (f) => `=== ${f.path} [${f.secret ? "secret" : "plain"}] ${f.description}\n${f.content}${f.content.endsWith("\n") ? "" : "\n=== (no final newline)\n"}`,
    )
    .join("");
}

/** The bundle as a download makes it (real values), dumped; throws on a refused bundle. */
export function dumpBundle(t: TTopology, opts: Partial<BundleOptions> = {}): string {
  const r = generateBundle(t, { secrets: FIXED_SECRETS, mask: false, instanceName: "golden", ...opts });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return dumpFiles(r.files);
}
