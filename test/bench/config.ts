/**
 * Config generation benchmark: `npm run bench:config`.
 *
 * A 16-node docker-compose HA topology (external PostgreSQL, Redis Sentinel, S3, nginx LB) for the newest Harbor;
 * after a warm-up, times (1) one node's harbor.yml, many iterations, (2) the whole bundle (16 harbor.yml, secret
 * files, LB config, README, validation), (3) harbor-helm values + Secrets for the newest chart, (4) the zip.
 * Prints ms per call (mean, p50, p95). Target: ≤ 2 ms per node's harbor.yml. No assertions: exit 0 unless it breaks.
 */
import { generateBundle } from "../../lib/config/bundle";
import { chartFor } from "../../lib/config/helm-chart";
import { defaultHelmSecretNames, generateHelmSecrets, generateHelmValues } from "../../lib/config/helm-values";
import { generateHarborYml } from "../../lib/config/harbor-yml";
import type { SharedSecrets } from "../../lib/config/types";
import { zipBundle } from "../../lib/config/zip";
import { ZTopology, type TTopology } from "../../lib/schemas/topology";
import { ALL_RELEASES, formatRelease, LATEST } from "../../lib/releases";

const SECRETS: SharedSecrets = {
  secretKey: "0123456789abcdef",
  csrfKey: "0123456789abcdef0123456789abcdef",
  coreSecret: "coresecret012345",
  jobserviceSecret: "jobsecret0123456",
  registrySecret: "regsecret0123456",
  registryPassword: "registrypassword0123",
  tokenKey: "-----BEGIN RSA PRIVATE KEY-----\nBENCH\n-----END RSA PRIVATE KEY-----\n",
  tokenCert: "-----BEGIN CERTIFICATE-----\nBENCH\n-----END CERTIFICATE-----\n",
};

function topology(version: string, kind: "compose" | "helm"): TTopology {
  return ZTopology.parse({
    harborVersion: version,
    deployment: {
      kind,
      nodes: Array.from({ length: 16 }, (_, i) => ({ name: `harbor-${i + 1}`, address: `10.0.1.${i + 11}` })),
      loadBalancer: { kind: "nginx", address: "harbor.example.com" },
      helm: { replicas: { portal: 3, core: 3, jobservice: 3, registry: 3, trivy: 2 } },
    },
    access: { hostname: "harbor.example.com", tls: "loadBalancer", certificatePath: "/etc/nginx/tls/harbor.crt", privateKeyPath: "/etc/nginx/tls/harbor.key" },
    adminPassword: "Bench-Admin-Passw0rd",
    database: { type: "external", host: "pg.example.com", username: "harbor", password: "db-password", postgresMajor: 16 },
    redis: { type: "external", mode: "sentinel", sentinelHosts: "s1:26379,s2:26379,s3:26379", sentinelMasterSet: "harbor", password: "redis-password" },
    storage: { type: "s3", s3: { region: "eu-west-1", bucket: "harbor", accessKey: "AKIA", secretKey: "s3-secret" } },
    components: { jobservice: { jobLoggers: ["DB"] } },
  });
}

function time(label: string, iterations: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(200, iterations); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  console.log(
    `${label.padEnd(44)} n=${String(iterations).padStart(5)}  mean ${mean.toFixed(3)} ms  p50 ${pct(50).toFixed(3)} ms  p95 ${pct(95).toFixed(3)} ms`,
  );
  return mean;
}

const newest = formatRelease(LATEST);
const compose = topology(newest, "compose");
const nodes = compose.deployment.nodes;
// the newest release a chart ships (no chart ships 2.15.2 yet)
const helmVersion = [...ALL_RELEASES]
  .reverse()
  .map(formatRelease)
  .find((v) => chartFor(v).ok)!;
const helm = topology(helmVersion, "helm");
const names = defaultHelmSecretNames("harbor");

console.log(`Harbor ${newest}, ${nodes.length} nodes (external PG, Sentinel, S3, nginx LB); Helm values for Harbor ${helm.harborVersion}`);
let n = 0;
const perNode = time("harbor.yml, one node", 5000, () => generateHarborYml(compose, { secrets: SECRETS, mask: false, node: nodes[n++ % nodes.length] }));
const bundle = generateBundle(compose, { secrets: SECRETS, mask: false, instanceName: "bench" });
if (!bundle.ok) throw new Error(`bench topology is invalid: ${JSON.stringify(bundle.issues)}`);
const whole = time("whole bundle (16 nodes, validated)", 300, () => generateBundle(compose, { secrets: SECRETS, mask: false, instanceName: "bench" }));
time("whole bundle, masked preview", 300, () => generateBundle(compose, { secrets: SECRETS, mask: true, instanceName: "bench" }));
time("helm values.yaml + secrets.yaml", 2000, () => {
  generateHelmValues(helm, { secrets: SECRETS, mask: false, secretNames: names });
  generateHelmSecrets(helm, { secrets: SECRETS, mask: false }, names);
});
time(`zip of the bundle (${bundle.files.length} files)`, 300, () => zipBundle(bundle.files, "harbor-bench"));
console.log(`per node's harbor.yml: ${perNode.toFixed(3)} ms (target ≤ 2 ms: ${perNode <= 2 ? "met" : "MISSED"}); whole bundle: ${whole.toFixed(2)} ms`);
