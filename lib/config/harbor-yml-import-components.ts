/** harbor.yml → topology for jobservice, notification, log, proxy and the optional observability/cache sections. */
import { JOB_LOGGERS, PROXY_COMPONENTS, type TTopology } from "../schemas/topology";
import type { HarborFeatures } from "./features";
import { bool, int, map, str, type YMap } from "./harbor-yml-import-read";

// The chart's spellings (docs/harbor/helm.md) next to harbor.yml's
const LOGGER_ALIASES: Record<string, (typeof JOB_LOGGERS)[number]> = { STD_OUTPUT: "STD_OUTPUT", STDOUT: "STD_OUTPUT", FILE: "FILE", DB: "DB", DATABASE: "DB" };

function applyJobs(t: TTopology, doc: YMap, f: HarborFeatures, warnings: string[]): void {
  const j = t.components.jobservice;
  const js = map(doc.jobservice) ?? {};
  j.maxJobWorkers = int(js.max_job_workers, j.maxJobWorkers);
  if (f.loggerSweeper) j.loggerSweeperDays = int(js.logger_sweeper_duration, j.loggerSweeperDays);
  // 2.13 forces anything below 24 (or not an int) to 24
  if (f.maxJobDuration) j.maxJobDurationHours = Math.max(24, int(js.max_job_duration_hours, 24));
  if (f.jobLoggers && Array.isArray(js.job_loggers)) {
    const loggers = js.job_loggers.map((l) => LOGGER_ALIASES[str(l).toUpperCase()]);
    if (loggers.includes(undefined!)) warnings.push(`Unknown job logger in ${JSON.stringify(js.job_loggers)}; Harbor knows STD_OUTPUT, FILE and DB.`);
    j.jobLoggers = JOB_LOGGERS.filter((l) => loggers.includes(l));
  }
  const n = map(doc.notification) ?? {};
  t.components.notification.webhookJobMaxRetry = int(n.webhook_job_max_retry, t.components.notification.webhookJobMaxRetry);
  if (f.webhookHttpClientTimeout) t.components.notification.webhookJobHttpClientTimeout = int(n.webhook_job_http_client_timeout, 3);
}

function applyLog(t: TTopology, doc: YMap): void {
  const l = t.components.log;
  const log = map(doc.log) ?? {};
  l.level = str(log.level) as typeof l.level;
  const local = map(log.local) ?? {};
  l.rotateCount = int(local.rotate_count, 50);
  l.rotateSize = local.rotate_size == null ? "200M" : str(local.rotate_size);
  l.location = local.location == null ? "/var/log/harbor" : str(local.location);
  const ep = map(log.external_endpoint);
  l.syslog.enabled = !!ep;
  if (ep) l.syslog = { enabled: true, protocol: str(ep.protocol) as typeof l.syslog.protocol, host: str(ep.host), port: int(ep.port, 5140) };
}

function applyProxy(t: TTopology, doc: YMap, warnings: string[]): void {
  const p = t.components.proxy;
  const src = map(doc.proxy) ?? {};
  p.httpProxy = str(src.http_proxy);
  p.httpsProxy = str(src.https_proxy);
  p.noProxy = str(src.no_proxy);
  const list = Array.isArray(src.components) ? src.components.map(str) : [];
  const unknown = list.filter((c) => !(PROXY_COMPONENTS as readonly string[]).includes(c));
  if (unknown.length) warnings.push(`Unknown proxy component ${unknown.join(", ")}; ignored.`);
  p.components = list.filter((c): c is (typeof PROXY_COMPONENTS)[number] => !unknown.includes(c));
}

function applyTail(t: TTopology, doc: YMap, f: HarborFeatures): void {
  const c = t.components;
  const metric = map(doc.metric);
  if (f.metric)
    c.metrics = { enabled: bool(metric?.enabled, false), port: int(metric?.port, 9090), path: metric?.path == null ? "/metrics" : str(metric.path) };
  const trace = map(doc.trace);
  if (f.trace) {
    c.trace.enabled = bool(trace?.enabled, false);
    if (trace) {
      const jaeger = map(trace.jaeger);
      const otel = map(trace.otel);
      c.trace.sampleRate = typeof trace.sample_rate === "number" ? trace.sample_rate : 1;
      c.trace.namespace = str(trace.namespace);
      c.trace.exporter = jaeger && !otel ? "jaeger" : "otel";
      if (jaeger)
        Object.assign(c.trace, {
          jaegerEndpoint: str(jaeger.endpoint),
          jaegerAgentHost: str(jaeger.agent_host),
          jaegerAgentPort: int(jaeger.agent_port, 6831),
        });
      if (otel) Object.assign(c.trace, { otelEndpoint: str(otel.endpoint), otelUrlPath: str(otel.url_path), otelInsecure: bool(otel.insecure, false) });
    }
  }
  const purge = map(doc.upload_purging);
  if (f.uploadPurging && purge)
    c.uploadPurging = { enabled: bool(purge.enabled, true), age: str(purge.age), interval: str(purge.interval), dryrun: bool(purge.dryrun, false) };
  const cache = map(doc.cache);
  if (f.cache) c.cache = { enabled: bool(cache?.enabled, false), expireHours: int(cache?.expire_hours, 24) };
  if (f.quotaUpdateProvider) c.quotaUpdateProvider = str(map(doc.core)?.quota_update_provider || "db") as typeof c.quotaUpdateProvider;
}

export function applyComponents(t: TTopology, doc: YMap, f: HarborFeatures, warnings: string[]): void {
  applyJobs(t, doc, f, warnings);
  applyLog(t, doc);
  applyProxy(t, doc, warnings);
  applyTail(t, doc, f);
}
