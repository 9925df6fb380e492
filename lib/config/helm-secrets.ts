/**
 * Kubernetes Secrets for harbor-helm: which values the chart reads from an existing Secret (docs/harbor/helm.md §3.5 "since"),
 * and the Secret manifests themselves. helm-values.ts and the manifests share one plan, so every reference in
 * values.yaml has its Secret in secrets.yaml and no Secret is emitted that nothing references.
 */
import { stringify } from "yaml";
import type { TTopology } from "../schemas/topology";
import { chartMinor } from "./helm-chart";
import { chartHas } from "./helm-keys";
import { SECRET_MASK, type GenerateOptions, type SharedSecrets } from "./types";

export const HELM_SECRET_PURPOSES = ["admin", "secretKey", "core", "xsrf", "jobservice", "registry", "token", "database", "redis", "storage"] as const;
export type HelmSecretPurpose = (typeof HELM_SECRET_PURPOSES)[number];
export type HelmSecretNames = Record<HelmSecretPurpose, string>;

/** `<release>-pinned-<purpose>`: distinct from the Secrets the chart creates itself (`<release>-core`, …). */
export function defaultHelmSecretNames(releaseName: string): HelmSecretNames {
  return Object.fromEntries(HELM_SECRET_PURPOSES.map((p) => [p, `${releaseName}-pinned-${p.toLowerCase()}`])) as HelmSecretNames;
}

export interface PlannedSecret {
  purpose: HelmSecretPurpose;
  name: string;
  type: "Opaque" | "kubernetes.io/tls";
  data: Record<string, string>;
}

/** The real value, or the mask for previews. A download without shared secrets is a programmer error. */
export function secretValue(opts: GenerateOptions, pick: (s: SharedSecrets) => string): string {
  if (opts.mask) return SECRET_MASK;
  if (!opts.secrets) throw new Error("shared secrets are required when mask is false");
  return pick(opts.secrets);
}

const plain = (opts: GenerateOptions, value: string) => (opts.mask ? SECRET_MASK : value);

/** Storage credentials that go to a Secret for this chart, keyed as the chart expects; null = inline or none. */
function storageSecret(t: TTopology, chart: string, opts: GenerateOptions): Record<string, string> | null {
  const s = t.storage;
  const base = "persistence.imageChartStorage";
  if (s.type === "s3" && s.s3.secretKey && chartHas(chart, `${base}.s3.existingSecret`)) {
    return { REGISTRY_STORAGE_S3_ACCESSKEY: s.s3.accessKey, REGISTRY_STORAGE_S3_SECRETKEY: plain(opts, s.s3.secretKey) };
  }
  if (s.type === "azure" && s.azure.accountKey && chartHas(chart, `${base}.azure.existingSecret`)) {
    return { AZURE_STORAGE_ACCESS_KEY: plain(opts, s.azure.accountKey) };
  }
  if (s.type === "gcs" && s.gcs.encodedKey && chartHas(chart, `${base}.gcs.existingSecret`)) {
    return { GCS_KEY_DATA: plain(opts, s.gcs.encodedKey) };
  }
  if (s.type === "oss" && s.oss.accessKeySecret && chartHas(chart, `${base}.oss.existingSecret`)) {
    return { REGISTRY_STORAGE_OSS_ACCESSKEYSECRET: plain(opts, s.oss.accessKeySecret) };
  }
  return null;
}

/** Every Secret the values reference for this topology and chart, in a fixed order. */
export function planHelmSecrets(t: TTopology, chart: string, opts: GenerateOptions, names: HelmSecretNames): PlannedSecret[] {
  const out: PlannedSecret[] = [];
  const add = (purpose: HelmSecretPurpose, data: Record<string, string>, type: PlannedSecret["type"] = "Opaque") =>
    out.push({ purpose, name: names[purpose], type, data });
  const shared = (pick: (s: SharedSecrets) => string) => secretValue(opts, pick);

  if (t.adminPassword && chartHas(chart, "existingSecretAdminPassword")) add("admin", { HARBOR_ADMIN_PASSWORD: plain(opts, t.adminPassword) });
  if (chartHas(chart, "existingSecretSecretKey")) add("secretKey", { secretKey: shared((s) => s.secretKey) });
  if (chartHas(chart, "core.existingSecret")) add("core", { secret: shared((s) => s.coreSecret) });
  if (chartHas(chart, "core.existingXsrfSecret")) add("xsrf", { CSRF_KEY: shared((s) => s.csrfKey) });
  if (chartHas(chart, "jobservice.existingSecret")) add("jobservice", { JOBSERVICE_SECRET: shared((s) => s.jobserviceSecret) });
  if (chartHas(chart, "registry.existingSecret")) add("registry", { REGISTRY_HTTP_SECRET: shared((s) => s.registrySecret) });
  add("token", { "tls.crt": shared((s) => s.tokenCert), "tls.key": shared((s) => s.tokenKey) }, "kubernetes.io/tls");
  if (t.database.type === "external" && chartHas(chart, "database.external.existingSecret")) add("database", { password: plain(opts, t.database.password) });
  if (t.redis.type === "external" && t.redis.password && chartHas(chart, "redis.external.existingSecret")) {
    const data: Record<string, string> = { REDIS_PASSWORD: plain(opts, t.redis.password) };
    if (t.redis.username && chartHas(chart, "redis.external.username")) data.REDIS_USERNAME = t.redis.username;
    add("redis", data);
  }
  const storage = storageSecret(t, chart, opts);
  if (storage) add("storage", storage);
  return out;
}

export function plannedName(plan: readonly PlannedSecret[], purpose: HelmSecretPurpose): string | null {
  return plan.find((p) => p.purpose === purpose)?.name ?? null;
}

/** The Secret manifests, one YAML document each, in the release's namespace. */
export function renderHelmSecrets(t: TTopology, plan: readonly PlannedSecret[]): string {
  const docs = plan.map((p) =>
    stringify(
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: p.name, namespace: t.deployment.helm.namespace, labels: { "app.kubernetes.io/managed-by": "harbor-fleet-console" } },
        type: p.type,
        stringData: p.data,
      },
      { lineWidth: 0 },
    ),
  );
  return docs.join("---\n");
}

/**
 * A value as a running release holds it now: in its chart's own Secret (`<fullname>-core`, …) under `key`; or, with
 * `setting`, on the `setting = value` line of that key in the chart's ConfigMap of that name (chart 1.3 keeps the
 * CSRF key in core's app.conf).
 */
export interface CurrentValue {
  secret: string;
  key: string;
  setting?: string;
}

/** A shared key values.yaml takes from an existing Secret of this name (a copy of the current value when missing). */
export interface RunningSecretRef {
  purpose: Extract<HelmSecretPurpose, "secretKey" | "core" | "xsrf" | "token" | "jobservice" | "registry">;
  name: string;
  type: PlannedSecret["type"];
  /** key in the Secret → where the release holds that value now */
  data: Record<string, CurrentValue>;
}

/** A shared value this chart can only take inline: carried from the release into a private keep-values.yaml. */
export interface RunningKeptValue {
  /** dotted values.yaml path */
  path: string;
  from: CurrentValue;
}

export interface RunningHelmSecrets {
  /** the chart's fullname, which names its own Secrets: the release name when it contains "harbor", else `<release>-harbor` */
  fullname: string;
  refs: RunningSecretRef[];
  keep: RunningKeptValue[];
}

/** harbor-helm templates/_helpers.tpl "harbor.fullname" (no fullnameOverride / nameOverride: the topology has none). */
export function chartFullname(releaseName: string): string {
  const full = releaseName.includes("harbor") ? releaseName : `${releaseName}-harbor`;
  return full.slice(0, 63).replace(/-+$/, "");
}

/**
 * The shared keys of a running release (docs/harbor/helm.md §3.5, templates/core/core-secret.yaml, jobservice-secrets.yaml,
 * registry-secret.yaml): referenced by name where this chart takes an existing Secret (secretKey from chart 1.10, the
 * core, CSRF, jobservice and registry secrets from 1.14, the token pair always via core.secretName), otherwise carried
 * over inline from the release's own Secrets. Never a generated value, and never the chart's own Secret by name:
 * once values.yaml names an existing Secret, the chart drops that key from its own.
 */
export function planRunningHelmSecrets(chart: string, names: HelmSecretNames, releaseName: string): RunningHelmSecrets {
  const fullname = chartFullname(releaseName);
  const core = (key: string): CurrentValue => ({ secret: `${fullname}-core`, key });
  const refs: RunningSecretRef[] = [];
  const keep: RunningKeptValue[] = [];
  const ref = (purpose: RunningSecretRef["purpose"], data: Record<string, CurrentValue>, type: PlannedSecret["type"] = "Opaque") =>
    refs.push({ purpose, name: names[purpose], type, data });
  const either = (option: string, purpose: RunningSecretRef["purpose"], key: string, path: string, from: CurrentValue) =>
    chartHas(chart, option) ? ref(purpose, { [key]: from }) : keep.push({ path, from });

  // chart 1.3 (Harbor 1.10): the CSRF key is on core's app.conf, the jobservice secret under `secret`
  const v13 = chartMinor(chart) <= 3;
  either("existingSecretSecretKey", "secretKey", "secretKey", "secretKey", core("secretKey"));
  either("core.existingSecret", "core", "secret", "core.secret", core("secret"));
  either(
    "core.existingXsrfSecret",
    "xsrf",
    "CSRF_KEY",
    "core.xsrfKey",
    v13 ? { secret: `${fullname}-core`, key: "app.conf", setting: "XSRFKey" } : core("CSRF_KEY"),
  );
  ref("token", { "tls.crt": core("tls.crt"), "tls.key": core("tls.key") }, "kubernetes.io/tls");
  either("jobservice.existingSecret", "jobservice", "JOBSERVICE_SECRET", "jobservice.secret", {
    secret: `${fullname}-jobservice`,
    key: v13 ? "secret" : "JOBSERVICE_SECRET",
  });
  either("registry.existingSecret", "registry", "REGISTRY_HTTP_SECRET", "registry.secret", { secret: `${fullname}-registry`, key: "REGISTRY_HTTP_SECRET" });
  // core and the registry's htpasswd are rendered from this one password; a new one would break pulls mid-rollout
  if (chartHas(chart, "registry.credentials.password")) keep.push({ path: "registry.credentials.password", from: core("REGISTRY_CREDENTIAL_PASSWORD") });
  return { fullname, refs, keep };
}
