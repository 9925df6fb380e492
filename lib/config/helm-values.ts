/**
 * values.yaml for the harbor-helm chart that ships the topology's Harbor version (docs/harbor/helm.md §3–4). Only keys the pinned
 * chart has (helm-keys.ts); existing-Secret references wherever the chart supports them, inline values (masked in
 * previews) where it does not. Callers run chartIssues first: an unmapped version throws here.
 */
import { stringify } from "yaml";
import type { TTopology } from "../schemas/topology";
import { chartFor } from "./helm-chart";
import { chartHas } from "./helm-keys";
import {
  planHelmSecrets,
  plannedName,
  planRunningHelmSecrets,
  renderHelmSecrets,
  secretValue,
  type HelmSecretNames,
  type PlannedSecret,
  type RunningHelmSecrets,
} from "./helm-secrets";
import { putDatabase, putRedis, putStorage, type Put } from "./helm-values-backends";
import { putExpose } from "./helm-values-expose";
import { SECRET_MASK, type GenerateOptions } from "./types";

export type { HelmSecretNames } from "./helm-secrets";
export { defaultHelmSecretNames } from "./helm-secrets";

export type HelmOptions = GenerateOptions & { secretNames: HelmSecretNames };

function builder(chart: string): { root: Record<string, unknown>; put: Put } {
  const root: Record<string, unknown> = {};
  const put: Put = (path, value) => {
    if (!chartHas(chart, path)) throw new Error(`chart ${chart} has no value ${path}`);
    const keys = path.split(".");
    let cur = root;
    for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
    cur[keys[keys.length - 1]] = value;
  };
  return { root, put };
}

function pinnedChart(t: TTopology): string {
  const r = chartFor(t.harborVersion);
  if (!r.ok) throw new Error(r.message);
  return r.chart;
}

/** Shared secrets: existing-Secret references where the chart has them, else inline. */
function putSecrets(t: TTopology, chart: string, opts: HelmOptions, plan: readonly PlannedSecret[], put: Put): void {
  const ref = (p: Parameters<typeof plannedName>[1]) => plannedName(plan, p);
  const admin = ref("admin");
  if (admin) {
    put("existingSecretAdminPassword", admin);
    put("existingSecretAdminPasswordKey", "HARBOR_ADMIN_PASSWORD");
  } else if (t.adminPassword) put("harborAdminPassword", opts.mask ? SECRET_MASK : t.adminPassword);
  const sk = ref("secretKey");
  if (sk) put("existingSecretSecretKey", sk);
  else
    put(
      "secretKey",
      secretValue(opts, (s) => s.secretKey),
    );
  const core = ref("core");
  if (core) put("core.existingSecret", core);
  else
    put(
      "core.secret",
      secretValue(opts, (s) => s.coreSecret),
    );
  const xsrf = ref("xsrf");
  if (xsrf) {
    put("core.existingXsrfSecret", xsrf);
    put("core.existingXsrfSecretKey", "CSRF_KEY");
  } else
    put(
      "core.xsrfKey",
      secretValue(opts, (s) => s.csrfKey),
    );
  put("core.secretName", ref("token"));
  const js = ref("jobservice");
  if (js) {
    put("jobservice.existingSecret", js);
    put("jobservice.existingSecretKey", "JOBSERVICE_SECRET");
  } else
    put(
      "jobservice.secret",
      secretValue(opts, (s) => s.jobserviceSecret),
    );
  const reg = ref("registry");
  if (reg) {
    put("registry.existingSecret", reg);
    put("registry.existingSecretKey", "REGISTRY_HTTP_SECRET");
  } else
    put(
      "registry.secret",
      secretValue(opts, (s) => s.registrySecret),
    );
  // the htpasswd Secret needs a bcrypt line we cannot make here; the chart hashes the inline password itself
  if (chartHas(chart, "registry.credentials.password")) {
    put("registry.credentials.username", "harbor_registry_user");
    put(
      "registry.credentials.password",
      secretValue(opts, (s) => s.registryPassword),
    );
  }
}

/**
 * A running release's shared keys: the existing Secrets by name, nothing inline (the values this chart can only take
 * inline come from keep-values.yaml, read from the release itself). The initial admin password is left out: Harbor
 * reads it on its first start only, and the Secret a console install made for it is not assumed to exist.
 */
function putRunningSecrets(chart: string, running: RunningHelmSecrets, put: Put): void {
  for (const r of running.refs) {
    if (r.purpose === "secretKey") put("existingSecretSecretKey", r.name);
    else if (r.purpose === "core") put("core.existingSecret", r.name);
    else if (r.purpose === "xsrf") {
      put("core.existingXsrfSecret", r.name);
      put("core.existingXsrfSecretKey", "CSRF_KEY");
    } else if (r.purpose === "token") put("core.secretName", r.name);
    else if (r.purpose === "jobservice") {
      put("jobservice.existingSecret", r.name);
      put("jobservice.existingSecretKey", "JOBSERVICE_SECRET");
    } else {
      put("registry.existingSecret", r.name);
      put("registry.existingSecretKey", "REGISTRY_HTTP_SECRET");
    }
  }
  if (chartHas(chart, "registry.credentials.username")) put("registry.credentials.username", "harbor_registry_user");
}

function putComponents(t: TTopology, chart: string, put: Put): void {
  const c = t.components;
  const r = t.deployment.helm.replicas;
  put("portal.replicas", r.portal);
  put("core.replicas", r.core);
  put("jobservice.replicas", r.jobservice);
  put("registry.replicas", r.registry);
  put("trivy.enabled", c.trivy);
  if (c.trivy) put("trivy.replicas", r.trivy);
  if (chartHas(chart, "notary.enabled")) put("notary.enabled", c.notary);
  if (chartHas(chart, "chartmuseum.enabled")) put("chartmuseum.enabled", c.chartmuseum);
  if (chartHas(chart, "clair.enabled")) put("clair.enabled", c.clair);
  put("jobservice.maxJobWorkers", c.jobservice.maxJobWorkers);
  const loggers = c.jobservice.jobLoggers.map((l) => ({ STD_OUTPUT: "stdout", FILE: "file", DB: "database" })[l]);
  if (chartHas(chart, "jobservice.jobLoggers")) put("jobservice.jobLoggers", loggers);
  // old charts take one logger: with several jobservices the database one is the only one that works (HA rule)
  else put("jobservice.jobLogger", loggers.includes("database") ? "database" : (loggers[0] ?? "file"));
  // one RWO job-log volume cannot be mounted by several jobservice pods
  if (loggers.includes("file") && r.jobservice > 1) {
    const p = chartHas(chart, "persistence.persistentVolumeClaim.jobservice.jobLog.accessMode") ? "jobservice.jobLog" : "jobservice";
    put(`persistence.persistentVolumeClaim.${p}.accessMode`, "ReadWriteMany");
  }
  if (t.access.internalTls && chartHas(chart, "internalTLS.enabled")) put("internalTLS.enabled", true);
  if (chartHas(chart, "metrics.enabled")) put("metrics.enabled", c.metrics.enabled);
  if (c.trace.enabled && chartHas(chart, "trace.enabled")) {
    const tr = c.trace;
    put("trace.enabled", true);
    put("trace.provider", tr.exporter);
    put("trace.sample_rate", tr.sampleRate);
    if (tr.namespace) put("trace.namespace", tr.namespace);
    if (tr.exporter === "jaeger") {
      if (tr.jaegerEndpoint) put("trace.jaeger.endpoint", tr.jaegerEndpoint);
      else {
        put("trace.jaeger.agent_host", tr.jaegerAgentHost);
        put("trace.jaeger.agent_port", tr.jaegerAgentPort);
      }
    } else {
      put("trace.otel.endpoint", tr.otelEndpoint);
      put("trace.otel.url_path", tr.otelUrlPath);
      put("trace.otel.insecure", tr.otelInsecure);
    }
  }
  if (chartHas(chart, "cache.enabled")) {
    put("cache.enabled", c.cache.enabled);
    if (c.cache.enabled) put("cache.expireHours", c.cache.expireHours);
  }
  if (chartHas(chart, "core.quotaUpdateProvider")) put("core.quotaUpdateProvider", c.quotaUpdateProvider);
  if (chartHas(chart, "registry.upload_purging.enabled")) {
    const u = c.uploadPurging;
    put("registry.upload_purging.enabled", u.enabled);
    if (u.enabled) {
      put("registry.upload_purging.age", u.age);
      put("registry.upload_purging.interval", u.interval);
      put("registry.upload_purging.dryrun", u.dryrun);
    }
  }
  put("logLevel", c.log.level);
  const p = c.proxy;
  if (p.httpProxy || p.httpsProxy) {
    put("proxy.httpProxy", p.httpProxy);
    put("proxy.httpsProxy", p.httpsProxy);
    put("proxy.noProxy", p.noProxy);
    // the chart has no clair proxy once clair is gone (chart 1.6)
    put(
      "proxy.components",
      p.components.filter((x) => x !== "clair" || chartHas(chart, "clair.enabled")),
    );
  }
}

export function generateHelmValues(t: TTopology, opts: HelmOptions): string {
  const chart = pinnedChart(t);
  const running = opts.lifecycle === "running";
  // A running release gets no new Secret: database, Redis and storage credentials go inline (masked in previews).
  const plan = running ? [] : planHelmSecrets(t, chart, opts, opts.secretNames);
  const { root, put } = builder(chart);
  putExpose(t, chart, put);
  if (running) putRunningSecrets(chart, planRunningHelmSecrets(chart, opts.secretNames, t.deployment.helm.releaseName), put);
  else putSecrets(t, chart, opts, plan, put);
  putStorage(t, opts, plan, put);
  putDatabase(t, chart, opts, plan, put);
  putRedis(t, chart, opts, plan, put);
  putComponents(t, chart, put);
  const header = running
    ? `# harbor-helm ${chart} (Harbor ${t.harborVersion}), for the running release: helm upgrade with this file and keep-values.yaml (README.md)\n`
    : `# harbor-helm ${chart} (Harbor ${t.harborVersion}): helm install <release> harbor/harbor --version ${chart} -f values.yaml\n`;
  return header + stringify(root, { lineWidth: 0 });
}

/** The Secret manifests values.yaml refers to (apply them before `helm install`). */
export function generateHelmSecrets(t: TTopology, opts: GenerateOptions, secretNames: HelmSecretNames): string {
  if (opts.lifecycle === "running") throw new Error("a running release gets no Secret manifests");
  const chart = pinnedChart(t);
  return renderHelmSecrets(t, planHelmSecrets(t, chart, opts, secretNames));
}
