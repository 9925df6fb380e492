/**
 * Topology → every file to deploy, the one entry point the console (preview, download) and the CLI share, so they
 * cannot disagree. Refuses to produce anything while the topology has an error (validateTopology + chartIssues),
 * or when real values are asked for without the shared secrets. Same input, same bytes, same file order.
 *
 * A planned instance gets install files with its shared keys; a running one gets reconfigure files that carry no
 * shared key whatever `secrets` holds (lib/config/lifecycle.ts), and is refused a version that would not be a
 * reconfigure (another line, or older than what runs).
 */
import type { TTopology } from "../schemas/topology";
import { chartFor, chartIssues } from "./helm-chart";
import { generateKeepSecretsScript, needsKeepValues } from "./helm-keep";
import { planRunningHelmSecrets } from "./helm-secrets";
import { defaultHelmSecretNames, generateHelmSecrets, generateHelmValues } from "./helm-values";
import { generateHarborYml } from "./harbor-yml";
import { patchUpgradeWarning, versionChange } from "./lifecycle";
import { generateLoadBalancerConfig } from "./load-balancer";
import { generateReadme } from "./readme";
import { composeReconfigureReadme } from "./readme-reconfigure";
import { helmReconfigureReadme } from "./readme-reconfigure-helm";
import { planRollout } from "./rollout";
import { checkTopology } from "./validate";
import { isBlocking, SECRET_MASK, type ConfigFile, type ConfigIssue, type GenerateOptions, type RunningInstance, type SharedSecrets } from "./types";

export type BundleResult = { ok: true; files: ConfigFile[]; issues: ConfigIssue[] } | { ok: false; issues: ConfigIssue[] };

export type BundleOptions = GenerateOptions & {
  instanceName: string;
  /** running instances: what runs there (the README's rollout and backup names); absent = nothing known */
  running?: RunningInstance;
  /** the revision the files come from (backup names in a reconfigure README) */
  revision?: number;
};

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

/** The key files every compose node needs under <data_volume>/secret/ (docs/harbor/config.md §5); secretkey has no newline. */
function composeSecretFiles(dataVolume: string, opts: GenerateOptions): ConfigFile[] {
  const v = (pick: (s: SharedSecrets) => string) => (opts.mask || !opts.secrets ? SECRET_MASK : pick(opts.secrets));
  const file = (path: string, content: string, what: string): ConfigFile => ({
    path,
    content,
    secret: true,
    description: `${what}: copy to ${dataVolume}/${path} on every node before the first prepare`,
  });
  return [
    file(
      "secret/keys/secretkey",
      v((s) => s.secretKey),
      "Key that encrypts credentials stored in Harbor's database",
    ),
    file(
      "secret/core/private_key.pem",
      v((s) => s.tokenKey),
      "Token-signing private key",
    ),
    file(
      "secret/registry/root.crt",
      v((s) => s.tokenCert),
      "Token-signing certificate the registry verifies tokens with",
    ),
  ];
}

/** What a running instance's revision says that a reconfigure cannot do. */
function runningIssues(t: TTopology, running: RunningInstance | undefined): ConfigIssue[] {
  const from = running?.version ?? running?.previous?.topology.harborVersion ?? null;
  const change = versionChange(from, t.harborVersion, { internalDatabase: t.database.type === "internal" });
  const out: ConfigIssue[] = [];
  if (change.kind === "refused") out.push({ section: "harborVersion", field: "harborVersion", message: change.message, severity: "error" });
  if (change.kind === "patch") out.push({ section: "harborVersion", field: "harborVersion", message: patchUpgradeWarning(change), severity: "warning" });
  const before = running?.previous?.topology;
  if (before && before.deployment.kind !== t.deployment.kind) {
    out.push({
      section: "deployment",
      field: "deployment.kind",
      message: `r${running!.previous!.revision} deploys with ${before.deployment.kind}: moving a running Harbor to ${t.deployment.kind} is a migration, which this bundle does not do.`,
      severity: "error",
    });
  } else if (
    before &&
    t.deployment.kind === "helm" &&
    (before.deployment.helm.releaseName !== t.deployment.helm.releaseName || before.deployment.helm.namespace !== t.deployment.helm.namespace)
  ) {
    out.push({
      section: "deployment",
      field: "deployment.helm.releaseName",
      message: `The release was ${before.deployment.helm.releaseName} in ${before.deployment.helm.namespace}: \`helm upgrade\` finds no other, and a new release would be a second Harbor.`,
      severity: "warning",
    });
  }
  return out;
}

function composeFiles(t: TTopology, opts: GenerateOptions): ConfigFile[] {
  const nodes = t.deployment.nodes.map((node): ConfigFile => ({
    path: `nodes/${node.name}/harbor.yml`,
    content: generateHarborYml(t, { secrets: opts.secrets, mask: opts.mask, node }),
    secret: false,
    description:
      opts.lifecycle === "running"
        ? `harbor.yml for ${node.name} (${node.address}): replaces the one in its Harbor directory (README.md)`
        : `harbor.yml for ${node.name} (${node.address}): the installer directory on that host`,
  }));
  const lb = generateLoadBalancerConfig(t);
  // a running instance keeps the keys on its nodes: none is put into its bundle
  const keys = opts.lifecycle === "running" ? [] : composeSecretFiles(t.deployment.dataVolume, opts);
  return [...nodes, ...keys, ...(lb ? [lb] : [])];
}

function runningHelmFiles(t: TTopology, opts: GenerateOptions, chart: string): ConfigFile[] {
  const secretNames = defaultHelmSecretNames(t.deployment.helm.releaseName);
  const running = planRunningHelmSecrets(chart, secretNames, t.deployment.helm.releaseName);
  return [
    {
      path: "helm/values.yaml",
      content: generateHelmValues(t, { ...opts, secretNames }),
      secret: false,
      description: "values.yaml for harbor-helm: helm upgrade … -f values.yaml (README.md)",
    },
    {
      path: "helm/keep-secrets.sh",
      content: generateKeepSecretsScript(t, chart, running),
      secret: false,
      description: `Run first: keeps the release's keys (the Secrets values.yaml names, and keep-values.yaml for what chart ${chart} takes only inline)`,
    },
  ];
}

function helmFiles(t: TTopology, opts: GenerateOptions): ConfigFile[] {
  const secretNames = defaultHelmSecretNames(t.deployment.helm.releaseName);
  return [
    {
      path: "helm/values.yaml",
      content: generateHelmValues(t, { ...opts, secretNames }),
      secret: false,
      description: "values.yaml for harbor-helm: helm install … -f values.yaml",
    },
    {
      path: "helm/secrets.yaml",
      content: generateHelmSecrets(t, opts, secretNames),
      secret: true,
      description: `Kubernetes Secrets values.yaml refers to: kubectl apply -n ${t.deployment.helm.namespace} -f secrets.yaml before helm install`,
    },
  ];
}

export function generateBundle(t: TTopology, opts: BundleOptions): BundleResult {
  const checked = bundleIssues(t);
  const topology = checked.topology;
  if (!topology || isBlocking(checked.issues)) return { ok: false, issues: checked.issues };
  if (opts.lifecycle === "running") return runningBundle(topology, opts, checked.issues);
  const { issues } = checked;
  if (!opts.mask && !opts.secrets) {
    const missing: ConfigIssue = {
      section: "secrets",
      field: "secrets",
      message: "The shared secrets are missing: a download with real values needs them.",
      severity: "error",
    };
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

/** The reconfigure bundle: no shared key is read, whatever `opts.secrets` holds. */
function runningBundle(topology: TTopology, opts: BundleOptions, checkedIssues: ConfigIssue[]): BundleResult {
  const issues = unique([...checkedIssues, ...runningIssues(topology, opts.running)]);
  if (isBlocking(issues)) return { ok: false, issues };
  const gen: GenerateOptions = { secrets: null, mask: opts.mask, lifecycle: "running" };
  const chart = chartFor(topology.harborVersion);
  const helmChart = topology.deployment.kind === "helm" && chart.ok ? chart.chart : null;
  const files = helmChart ? runningHelmFiles(topology, gen, helmChart) : composeFiles(topology, gen);
  const keepValues = helmChart
    ? needsKeepValues(planRunningHelmSecrets(helmChart, defaultHelmSecretNames(topology.deployment.helm.releaseName), topology.deployment.helm.releaseName))
    : false;
  const readme: ConfigFile = {
    path: "README.md",
    content: (helmChart ? helmReconfigureReadme : composeReconfigureReadme)(topology, {
      instanceName: opts.instanceName,
      chart: helmChart,
      files,
      rollout: planRollout(topology, opts.running),
      revision: opts.revision ?? null,
      keepValues,
    }).join("\n"),
    secret: false,
    description: "How to reconfigure the running Harbor: backups, the order of the nodes, the checks",
  };
  return { ok: true, files: [readme, ...files], issues };
}
