/**
 * Topology → every file to deploy, the one entry point the console (preview, download) and the CLI share, so they
 * cannot disagree. Refuses to produce anything while the topology has an error (validateTopology + chartIssues),
 * or when real values are asked for without the shared secrets. Same input, same bytes, same file order.
 */
import type { TTopology } from "../schemas/topology";
import { chartFor, chartIssues } from "./helm-chart";
import { defaultHelmSecretNames, generateHelmSecrets, generateHelmValues } from "./helm-values";
import { generateHarborYml } from "./harbor-yml";
import { generateLoadBalancerConfig } from "./load-balancer";
import { generateReadme } from "./readme";
import { checkTopology } from "./validate";
import { isBlocking, SECRET_MASK, type ConfigFile, type ConfigIssue, type GenerateOptions, type SharedSecrets } from "./types";

export type BundleResult = { ok: true; files: ConfigFile[]; issues: ConfigIssue[] } | { ok: false; issues: ConfigIssue[] };

export type BundleOptions = GenerateOptions & { instanceName: string };

function unique(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.severity}|${i.field}|${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Everything the topology has to say, blocking or not: what the form, the CLI's --check and the bundle show. */
export function bundleIssues(input: unknown): { topology: TTopology | null; issues: ConfigIssue[] } {
  const { topology, issues } = checkTopology(input);
  if (!topology) return { topology, issues };
  return { topology, issues: unique([...issues, ...chartIssues(topology)]) };
}

/** The key files every compose node needs under <data_volume>/secret/ (config.md §5); secretkey has no newline. */
function composeSecretFiles(dataVolume: string, opts: GenerateOptions): ConfigFile[] {
  const v = (pick: (s: SharedSecrets) => string) => (opts.mask || !opts.secrets ? SECRET_MASK : pick(opts.secrets));
  const file = (path: string, content: string, what: string): ConfigFile => ({
    path,
    content,
    secret: true,
    description: `${what}: copy to ${dataVolume}/${path} on every node before the first prepare`,
  });
  return [
    file("secret/keys/secretkey", v((s) => s.secretKey), "Key that encrypts credentials stored in Harbor's database"),
    file("secret/core/private_key.pem", v((s) => s.tokenKey), "Token-signing private key"),
    file("secret/registry/root.crt", v((s) => s.tokenCert), "Token-signing certificate the registry verifies tokens with"),
  ];
}

function composeFiles(t: TTopology, opts: GenerateOptions): ConfigFile[] {
  const nodes = t.deployment.nodes.map(
    (node): ConfigFile => ({
      path: `nodes/${node.name}/harbor.yml`,
      content: generateHarborYml(t, { secrets: opts.secrets, mask: opts.mask, node }),
      secret: false,
      description: `harbor.yml for ${node.name} (${node.address}): the installer directory on that host`,
    }),
  );
  const lb = generateLoadBalancerConfig(t);
  return [...nodes, ...composeSecretFiles(t.deployment.dataVolume, opts), ...(lb ? [lb] : [])];
}

function helmFiles(t: TTopology, opts: GenerateOptions): ConfigFile[] {
  const secretNames = defaultHelmSecretNames(t.deployment.helm.releaseName);
  return [
    { path: "helm/values.yaml", content: generateHelmValues(t, { ...opts, secretNames }), secret: false, description: "values.yaml for harbor-helm: helm install … -f values.yaml" },
    {
      path: "helm/secrets.yaml",
      content: generateHelmSecrets(t, opts, secretNames),
      secret: true,
      description: `Kubernetes Secrets values.yaml refers to: kubectl apply -n ${t.deployment.helm.namespace} -f secrets.yaml before helm install`,
    },
  ];
}

export function generateBundle(t: TTopology, opts: BundleOptions): BundleResult {
  const { topology, issues } = bundleIssues(t);
  if (!topology || isBlocking(issues)) return { ok: false, issues };
  if (!opts.mask && !opts.secrets) {
    const missing: ConfigIssue = { section: "secrets", field: "secrets", message: "The shared secrets are missing: a download with real values needs them.", severity: "error" };
    return { ok: false, issues: [...issues, missing] };
  }
  const gen: GenerateOptions = { secrets: opts.secrets, mask: opts.mask };
  const helm = topology.deployment.kind === "helm";
  const files = helm ? helmFiles(topology, gen) : composeFiles(topology, gen);
  const chart = chartFor(topology.harborVersion);
  const readme: ConfigFile = {
    path: "README.md",
    content: generateReadme(topology, { instanceName: opts.instanceName, chart: helm && chart.ok ? chart.chart : null, files }),
    secret: false,
    description: "Which file goes where, and in what order to start",
  };
  return { ok: true, files: [readme, ...files], issues };
}
