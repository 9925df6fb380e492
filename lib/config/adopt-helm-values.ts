/**
 * Adopt a Helm release from `helm get values` and its chart version (issue #18): the inverse of generateHelmValues
 * for the keys of the pinned chart (helm-keys.ts). The release's shared keys (secretKey, the core/jobservice/registry
 * secrets, the CSRF key, existing-Secret references) are not imported: its reconfigure bundle keeps the release's own.
 * What the topology does not hold is listed by path. Pure.
 */
import { parse } from "yaml";
import { defaultTopology } from "../schemas/topology-default";
import { JOB_LOGGERS, PROXY_COMPONENTS, type TTopology } from "../schemas/topology";
import { leaves, underAny } from "./adopt-leaves";
import { readHelmValuesText } from "./adopt-helm-read";
import { applyHelmBackends } from "./adopt-helm-backends";
import type { AdoptResult, NotRepresented } from "./adopt-types";
import { settleImported } from "./import-harbor-yml";
import { bool, int, map, str, type YMap } from "./harbor-yml-import-read";
import { harborForChart } from "./helm-chart";
import { defaultHelmSecretNames, generateHelmValues } from "./helm-values";
import { helmExternalUrl } from "./helm-values-backends";

/** Values that hold or name the release's shared keys: kept by the reconfigure bundle, never imported. */
export const HELM_SHARED_KEYS = [
  "secretKey",
  "existingSecretSecretKey",
  "core.secret",
  "core.existingSecret",
  "core.secretName",
  "core.xsrfKey",
  "core.existingXsrfSecret",
  "core.existingXsrfSecretKey",
  "jobservice.secret",
  "jobservice.existingSecret",
  "jobservice.existingSecretKey",
  "registry.secret",
  "registry.existingSecret",
  "registry.existingSecretKey",
  "registry.credentials",
  "existingSecretAdminPassword",
  "existingSecretAdminPasswordKey",
];
const HELM_SECRET_LEAVES = [
  "harborAdminPassword",
  "database.internal.password",
  "database.external.password",
  "redis.external.password",
  "persistence.imageChartStorage.s3.secretkey",
  "persistence.imageChartStorage.azure.accountkey",
  "persistence.imageChartStorage.gcs.encodedkey",
  "persistence.imageChartStorage.swift.password",
  "persistence.imageChartStorage.oss.accesskeysecret",
];
const LOGGERS: Record<string, (typeof JOB_LOGGERS)[number]> = { stdout: "STD_OUTPUT", file: "FILE", database: "DB" };

function applyExpose(t: TTopology, v: YMap): void {
  const h = t.deployment.helm;
  const expose = map(v.expose) ?? {};
  const tls = map(expose.tls) ?? {};
  if (expose.type !== undefined) h.exposeType = str(expose.type) as typeof h.exposeType;
  const tlsOn = bool(tls.enabled, true);
  t.access.tls = tlsOn ? "loadBalancer" : "none";
  h.tlsSecretName = tlsOn ? str(map(tls.secret)?.secretName ?? tls.secretName) : "";
  const ingress = map(expose.ingress) ?? {};
  h.ingressClassName = str(ingress.className ?? map(ingress.annotations)?.["kubernetes.io/ingress.class"]);
  const ports = map(map(expose[h.exposeType])?.ports) ?? {};
  t.access.httpPort = int(ports.httpPort, 80);
  t.access.httpsPort = int(ports.httpsPort, 443);
  const url = str(v.externalURL);
  let host = str(map(ingress.hosts)?.core);
  if (!host) {
    try {
      host = new URL(url).hostname;
    } catch {
      host = str(map(tls.auto)?.commonName ?? tls.commonName);
    }
  }
  t.access.hostname = host;
  t.access.externalUrl = "";
  if (url && url.replace(/\/$/, "") !== helmExternalUrl(t)) t.access.externalUrl = url;
  t.access.internalTls = bool(map(v.internalTLS)?.enabled, false);
}

function applyComponents(t: TTopology, v: YMap): void {
  const c = t.components;
  const r = t.deployment.helm.replicas;
  for (const k of ["portal", "core", "jobservice", "registry", "trivy"] as const) r[k] = int(map(v[k])?.replicas, 1);
  c.trivy = bool(map(v.trivy)?.enabled, true);
  c.notary = bool(map(v.notary)?.enabled, false);
  c.chartmuseum = bool(map(v.chartmuseum)?.enabled, false);
  c.clair = bool(map(v.clair)?.enabled, false);
  const js = map(v.jobservice) ?? {};
  c.jobservice.maxJobWorkers = int(js.maxJobWorkers, 10);
  const loggers = Array.isArray(js.jobLoggers) ? js.jobLoggers.map(str) : js.jobLogger !== undefined ? [str(js.jobLogger)] : ["file"];
  c.jobservice.jobLoggers = JOB_LOGGERS.filter((l) => loggers.some((x) => LOGGERS[x] === l));
  c.metrics.enabled = bool(map(v.metrics)?.enabled, false);
  const tr = map(v.trace);
  c.trace.enabled = bool(tr?.enabled, false);
  if (tr && c.trace.enabled) {
    const jaeger = map(tr.jaeger) ?? {};
    const otel = map(tr.otel) ?? {};
    Object.assign(c.trace, {
      exporter: str(tr.provider) === "jaeger" ? "jaeger" : "otel",
      sampleRate: typeof tr.sample_rate === "number" ? tr.sample_rate : 1,
      namespace: str(tr.namespace),
    });
    Object.assign(c.trace, { jaegerEndpoint: str(jaeger.endpoint), jaegerAgentHost: str(jaeger.agent_host), jaegerAgentPort: int(jaeger.agent_port, 6831) });
    Object.assign(c.trace, { otelEndpoint: str(otel.endpoint), otelUrlPath: str(otel.url_path || "/v1/traces"), otelInsecure: bool(otel.insecure, true) });
  }
  const cache = map(v.cache);
  c.cache = { enabled: bool(cache?.enabled, false), expireHours: int(cache?.expireHours, 24) };
  const quota = str(map(v.core)?.quotaUpdateProvider);
  if (quota === "redis" || quota === "db") c.quotaUpdateProvider = quota;
  const purge = map(map(v.registry)?.upload_purging);
  if (purge)
    c.uploadPurging = {
      enabled: bool(purge.enabled, true),
      age: str(purge.age || "168h"),
      interval: str(purge.interval || "24h"),
      dryrun: bool(purge.dryrun, false),
    };
  if (v.logLevel !== undefined) c.log.level = str(v.logLevel) as typeof c.log.level;
  const p = map(v.proxy) ?? {};
  c.proxy.httpProxy = str(p.httpProxy);
  c.proxy.httpsProxy = str(p.httpsProxy);
  c.proxy.noProxy = str(p.noProxy);
  if (Array.isArray(p.components)) c.proxy.components = PROXY_COMPONENTS.filter((x) => (p.components as unknown[]).map(str).includes(x));
}

function notRepresented(doc: YMap, t: TTopology, chart: string): NotRepresented[] {
  const text = generateHelmValues(t, { secrets: null, mask: false, lifecycle: "running", secretNames: defaultHelmSecretNames(t.deployment.helm.releaseName) });
  const generated = leaves(parse(text));
  const out: NotRepresented[] = [];
  for (const [path, value] of leaves(doc)) {
    if (underAny(path, HELM_SHARED_KEYS)) {
      out.push({
        path,
        reason: "A shared key of the release: not imported; the reconfigure bundle keeps the release's own (existing Secrets, keep-values.yaml).",
      });
      continue;
    }
    const now = generated.get(path);
    // the generator writes a switch only when it is on: an explicit false is the chart's default
    if (now === value || (now === undefined && value === "false")) continue;
    if (path === "harborAdminPassword") {
      out.push({
        path,
        reason: "Harbor reads the initial admin password on its first start only: it is stored (encrypted) but a running release's values leave it out.",
      });
      continue;
    }
    if (now === undefined)
      out.push({ path, reason: `The topology does not hold this key: values generated for chart ${chart} leave it out (the chart's default applies).` });
    else
      out.push({
        path,
        reason: HELM_SECRET_LEAVES.includes(path)
          ? "The topology does not hold this value: generated values write another one."
          : `The topology does not hold this value: generated values write ${now}.`,
      });
  }
  return out;
}

export function adoptHelmValues(opts: { file: string; text: string; chartVersion: string; base: TTopology | null }): AdoptResult {
  const chart = opts.chartVersion.trim().replace(/^v/, "");
  const version = harborForChart(chart);
  if (!version.ok) return { ok: false, errors: [{ file: "chart version", message: version.message }] };
  const read = readHelmValuesText(opts.text);
  if (!read.ok) return { ok: false, errors: [{ file: opts.file, message: read.error }] };
  const start = structuredClone(opts.base ?? defaultTopology(version.version));
  start.harborVersion = version.version;
  start.deployment.kind = "helm";
  const t = structuredClone(start);
  applyExpose(t, read.doc);
  applyHelmBackends(t, read.doc);
  applyComponents(t, read.doc);
  if (read.doc.harborAdminPassword !== undefined) t.adminPassword = str(read.doc.harborAdminPassword);
  const warnings: string[] = [];
  const topology = settleImported(t, start, warnings);
  return {
    ok: true,
    topology,
    source: `Helm values (chart ${chart}, Harbor ${version.version})`,
    notRepresented: notRepresented(read.doc, topology, chart),
    nodeDifferences: [],
    warnings,
  };
}
