/**
 * The harbor.yml key catalogue per version (docs/harbor/config.md §2, §2.1, §2.2): every dotted path the version's template or
 * parser knows, commented-out optional keys included. Open-ended maps (a storage driver's distribution parameters,
 * trace.attributes) appear as "<path>.*": anything below them is accepted.
 */
import { atLeast } from "../releases";
import { getPath } from "../schemas/topology-path";
import { featuresFor, type HarborFeatures } from "./features";

type Gate = (f: HarborFeatures) => boolean;
const always: Gate = () => true;

export const STORAGE_DRIVERS = ["filesystem", "azure", "gcs", "s3", "swift", "oss"] as const;
const DB_FIELDS = ["host", "port", "db_name", "username", "password", "ssl_mode"];

/** [parent, children, gate]: the parent and each "parent.child" exist when the gate holds. */
const CATALOGUE: ReadonlyArray<readonly [string, readonly string[], Gate]> = [
  ["hostname", [], always],
  ["http", ["port"], always],
  ["https", ["port", "certificate", "private_key"], always],
  ["https", ["strong_ssl_ciphers"], (f) => f.httpsStrongCiphers],
  ["ip_family", ["ipv4", "ipv4.enabled", "ipv6", "ipv6.enabled"], (f) => f.ipFamily],
  ["internal_tls", ["enabled", "dir"], (f) => f.internalTls],
  // in the sample's comments from 2.9.0, though prepare reads it only from 2.9.3 / 2.10.1 (f.internalTlsStrongCiphers)
  ["internal_tls", ["strong_ssl_ciphers"], (f) => atLeast(f.version, 2, 9)],
  ["external_url", [], always],
  ["harbor_admin_password", [], always],
  ["database", ["password", "max_idle_conns", "max_open_conns"], always],
  ["database", ["conn_max_lifetime", "conn_max_idle_time"], (f) => f.connLifetime],
  ["data_volume", [], always],
  ["storage_service", ["ca_bundle", "redirect", ...STORAGE_DRIVERS.flatMap((d) => [d, `${d}.*`])], always],
  ["storage_service", ["redirect.disabled"], (f) => f.redirectKey === "disabled"],
  ["storage_service", ["redirect.disable"], (f) => f.redirectKey === "disable"],
  ["clair", ["updaters_interval"], (f) => f.clair],
  ["trivy", ["ignore_unfixed", "skip_update", "insecure", "github_token"], (f) => f.trivy],
  ["trivy", ["timeout"], (f) => f.trivyTimeout],
  ["trivy", ["offline_scan"], (f) => f.trivyOfflineScan],
  ["trivy", ["security_check"], (f) => f.trivySecurityCheck],
  ["trivy", ["skip_java_db_update"], (f) => f.trivySkipJavaDbUpdate],
  ["trivy", ["db_repository", "java_db_repository"], (f) => f.trivyDbRepository],
  ["jobservice", ["max_job_workers"], always],
  ["jobservice", ["logger_sweeper_duration"], (f) => f.loggerSweeper],
  ["jobservice", ["job_loggers"], (f) => f.jobLoggers],
  ["jobservice", ["max_job_duration_hours"], (f) => f.maxJobDuration],
  ["notification", ["webhook_job_max_retry"], always],
  ["notification", ["webhook_job_http_client_timeout"], (f) => f.webhookHttpClientTimeout],
  ["chart", ["absolute_url"], (f) => f.chartmuseum],
  ["log", ["level", "local", "local.rotate_count", "local.rotate_size", "local.location"], always],
  ["log", ["external_endpoint", "external_endpoint.protocol", "external_endpoint.host", "external_endpoint.port"], always],
  ["_version", [], always],
  ["external_database", ["harbor", ...DB_FIELDS.map((k) => `harbor.${k}`), "harbor.max_idle_conns", "harbor.max_open_conns"], always],
  ["external_database", ["harbor.conn_max_lifetime", "harbor.conn_max_idle_time"], (f) => f.connLifetime],
  ["external_database", ["clair", ...DB_FIELDS.map((k) => `clair.${k}`)], (f) => f.clair],
  ["external_database", ["notary_signer", "notary_server", ...DB_FIELDS.flatMap((k) => [`notary_signer.${k}`, `notary_server.${k}`])], (f) => f.notary],
  ["redis", ["registry_db_index", "jobservice_db_index", "trivy_db_index", "harbor_db_index", "cache_layer_db_index"], (f) => f.redisSection],
  // not in the template's `redis:` block, but get_redis_configs reads it from the section (2.7.3–2.7.4)
  ["redis", ["chartmuseum_db_index"], (f) => f.redisSection && f.chartmuseum],
  ["external_redis", ["host", "password", "registry_db_index", "jobservice_db_index"], always],
  ["external_redis", ["port"], (f) => f.redisHostPortSplit],
  ["external_redis", ["sentinel_master_set"], (f) => f.sentinel],
  ["external_redis", ["username"], (f) => f.redisUsername],
  ["external_redis", ["tlsOptions", "tlsOptions.enable", "tlsOptions.rootCA"], (f) => f.redisTls],
  ["external_redis", ["chartmuseum_db_index"], (f) => f.chartmuseum],
  ["external_redis", ["clair_db_index"], (f) => f.clair],
  ["external_redis", ["trivy_db_index"], (f) => f.trivy],
  ["external_redis", ["idle_timeout_seconds"], (f) => f.idleTimeout],
  ["external_redis", ["harbor_db_index", "cache_layer_db_index"], (f) => f.harborAndCacheLayerDbIndex],
  ["uaa", ["ca_file"], always],
  ["proxy", ["http_proxy", "https_proxy", "no_proxy", "components"], always],
  ["metric", ["enabled", "port", "path"], (f) => f.metric],
  [
    "trace",
    [
      "enabled",
      "sample_rate",
      "namespace",
      "attributes",
      "attributes.*",
      "jaeger",
      "jaeger.endpoint",
      "jaeger.username",
      "jaeger.password",
      "jaeger.agent_host",
      "jaeger.agent_port",
      "otel",
      "otel.endpoint",
      "otel.url_path",
      "otel.compression",
      "otel.insecure",
      "otel.timeout",
    ],
    (f) => f.trace,
  ],
  ["upload_purging", ["enabled", "age", "interval", "dryrun"], (f) => f.uploadPurging],
  ["cache", ["enabled", "expire_hours"], (f) => f.cache],
  ["core", ["quota_update_provider"], (f) => f.quotaUpdateProvider],
];

/** Dotted paths valid for the version; empty for a version outside the editable range. */
export function knownHarborYmlKeys(version: string): Set<string> {
  const f = featuresFor(version);
  const out = new Set<string>();
  if (!f) return out;
  for (const [parent, children, gate] of CATALOGUE) {
    if (!gate(f)) continue;
    out.add(parent);
    for (const child of children) out.add(`${parent}.${child}`);
  }
  return out;
}

/** Known exactly, or below an open-ended "<prefix>.*" map. */
export function isKnownHarborYmlKey(known: ReadonlySet<string>, path: string): boolean {
  if (known.has(path)) return true;
  const parts = path.split(".");
  for (let i = parts.length - 1; i > 0; i--) if (known.has(`${parts.slice(0, i).join(".")}.*`)) return true;
  return false;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The outermost unknown key of each branch, in document order (a wrong section is reported once, not per child). */
export function unknownHarborYmlKeys(doc: Record<string, unknown>, version: string): string[] {
  const known = knownHarborYmlKeys(version);
  const out: string[] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!isKnownHarborYmlKey(known, path)) out.push(path);
      else if (isMap(value) && !known.has(`${path}.*`)) walk(value, path);
    }
  };
  walk(doc, "");
  return out;
}

/**
 * The keys parse_yaml_config reads with `[...]` (a KeyError when absent) given what the document holds
 * (docs/harbor/config.md §3.1 "req"), plus `database` when there is no external_database (prepare_db needs one of them).
 */
export function requiredHarborYmlKeys(version: string, doc: unknown): string[] {
  const f = featuresFor(version);
  if (!f) return [];
  const has = (path: string) => {
    const v = getPath(doc, path);
    return v !== undefined && v !== null && v !== "" && !(isMap(v) && Object.keys(v).length === 0);
  };
  const req = ["hostname", "data_volume", "harbor_admin_password", "jobservice.max_job_workers", "notification.webhook_job_max_retry", "log.level"];
  if (f.jobLoggers) req.push("jobservice.job_loggers");
  if (f.loggerSweeper) req.push("jobservice.logger_sweeper_duration");
  if (f.webhookHttpClientTimeout) req.push("notification.webhook_job_http_client_timeout");
  if (has("https")) req.push("https.certificate", "https.private_key");
  if (has("log.external_endpoint")) req.push(...["protocol", "host", "port"].map((k) => `log.external_endpoint.${k}`));
  if (has("external_database")) req.push(...DB_FIELDS.map((k) => `external_database.harbor.${k}`));
  else req.push("database");
  if (has("storage_service.redirect")) req.push(`storage_service.redirect.${f.redirectKey}`);
  if (getPath(doc, "internal_tls.enabled") === true) req.push("internal_tls.dir");
  if (f.metric && has("metric")) req.push("metric.enabled", "metric.port", "metric.path");
  // get_redis_configs reads tlsOptions['rootCA'] whenever tlsOptions.enable is truthy, from external_redis unless a
  // non-empty `redis:` section replaces it (goharbor/harbor@v2.13.0 … v2.15.2:make/photon/prepare/utils/configs.py)
  if (f.redisTls && !has("redis") && getPath(doc, "external_redis.tlsOptions.enable")) req.push("external_redis.tlsOptions.rootCA");
  return req;
}
