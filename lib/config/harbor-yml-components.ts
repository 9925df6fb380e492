/**
 * harbor.yml component sections (scanner, jobservice, logs, proxy, observability, purging, cache, core), gated by
 * version. Constants are the shipped sample's values for keys the topology does not model.
 */
import { JOB_LOGGERS, type TTopology } from "../schemas/topology";
import type { HarborFeatures } from "./features";
import type { Y } from "./harbor-yml-sections";

export function scannerSections(t: TTopology, f: HarborFeatures): Y {
  const c = t.components;
  return {
    clair: f.clair && c.clair ? { updaters_interval: 12 } : undefined,
    trivy:
      f.trivy && c.trivy
        ? {
            ignore_unfixed: false,
            skip_update: false,
            skip_java_db_update: f.trivySkipJavaDbUpdate ? false : undefined,
            offline_scan: f.trivyOfflineScan ? false : undefined,
            security_check: f.trivySecurityCheck ? "vuln" : undefined,
            insecure: false,
            timeout: f.trivyTimeout ? "5m0s" : undefined,
          }
        : undefined,
  };
}

/** Loggers in Harbor's canonical order, each once. */
export function jobLoggersOf(t: TTopology): string[] {
  return JOB_LOGGERS.filter((l) => t.components.jobservice.jobLoggers.includes(l));
}

export function jobSections(t: TTopology, f: HarborFeatures): Y {
  const j = t.components.jobservice;
  const n = t.components.notification;
  return {
    jobservice: {
      max_job_workers: j.maxJobWorkers,
      max_job_duration_hours: f.maxJobDuration ? j.maxJobDurationHours : undefined,
      job_loggers: f.jobLoggers ? jobLoggersOf(t) : undefined,
      logger_sweeper_duration: f.loggerSweeper ? j.loggerSweeperDays : undefined,
    },
    notification: {
      webhook_job_max_retry: n.webhookJobMaxRetry,
      webhook_job_http_client_timeout: f.webhookHttpClientTimeout ? n.webhookJobHttpClientTimeout : undefined,
    },
    chart: f.chartmuseum && t.components.chartmuseum ? { absolute_url: "disabled" } : undefined,
  };
}

export function logSection(t: TTopology): Y {
  const l = t.components.log;
  return {
    level: l.level,
    local: { rotate_count: l.rotateCount, rotate_size: l.rotateSize, location: l.location },
    external_endpoint: l.syslog.enabled ? { protocol: l.syslog.protocol, host: l.syslog.host, port: l.syslog.port } : undefined,
  };
}

export function proxySection(t: TTopology, f: HarborFeatures): Y {
  const p = t.components.proxy;
  const allowed = (c: string) => (c === "clair" ? f.clair : c === "trivy" ? f.trivy : true);
  return {
    // null renders as the sample's bare `http_proxy:`; Harbor reads falsy as "no proxy"
    http_proxy: p.httpProxy || null,
    https_proxy: p.httpsProxy || null,
    no_proxy: p.noProxy || null,
    components: p.components.filter(allowed),
  };
}

function traceSection(t: TTopology): Y {
  const tr = t.components.trace;
  const exporter =
    tr.exporter === "jaeger"
      ? { jaeger: tr.jaegerEndpoint ? { endpoint: tr.jaegerEndpoint } : { agent_host: tr.jaegerAgentHost, agent_port: tr.jaegerAgentPort } }
      : { otel: { endpoint: tr.otelEndpoint, url_path: tr.otelUrlPath, compression: false, insecure: tr.otelInsecure, timeout: 10 } };
  return { enabled: true, sample_rate: tr.sampleRate, namespace: tr.namespace || undefined, ...exporter };
}

/** Sections after `proxy` in the template: metric (2.2), trace (2.4), upload_purging (2.5), cache (2.6), core (2.9). */
export function tailSections(t: TTopology, f: HarborFeatures): Y {
  const c = t.components;
  return {
    metric: f.metric ? { enabled: c.metrics.enabled, port: c.metrics.port, path: c.metrics.path } : undefined,
    // only when enabled: an enabled trace needs exactly one exporter, and a disabled one is Harbor's default
    trace: f.trace && c.trace.enabled ? traceSection(t) : undefined,
    upload_purging: f.uploadPurging
      ? { enabled: c.uploadPurging.enabled, age: c.uploadPurging.age, interval: c.uploadPurging.interval, dryrun: c.uploadPurging.dryrun }
      : undefined,
    cache: f.cache ? { enabled: c.cache.enabled, expire_hours: c.cache.expireHours } : undefined,
    core: f.quotaUpdateProvider ? { quota_update_provider: c.quotaUpdateProvider } : undefined,
  };
}
