/**
 * What a target Harbor release has, as far as harbor.yml, install.sh flags and the HA rules care.
 * Source: shared/harbor/config.md §0, §2, §2.1, §3 and upgrade.md §2.2 item 4 / §3.3 (external PostgreSQL minimums).
 * The editable range is 1.10.0 … the newest catalogued release; older lines are read-only (featuresFor → null).
 */
import { atLeast, compareVersions, type HarborVersion } from "../harbor/facts";
import { formatRelease, isKnownRelease, lineIndex, patchesOf, RELEASE_LINES, toVersion } from "../upgrade";

/**
 * "From these patches on each line": `{ "2.7": "2.7.3", "2.8": "2.8.4", from: "2.9" }` holds on 2.7.3 and later
 * 2.7 patches, on 2.8.4 and later 2.8 patches, and on every release of the 2.9 line and later lines; nowhere else.
 * Harbor backports fixes into older lines, so some keys arrive in a patch rather than a minor.
 */
export type PatchGate = { readonly from: string; readonly [line: string]: string };

/**
 * The patch-level gates: every patch-level fact about harbor.yml lives here, read in goharbor/harbor's
 * make/photon/prepare at the tags named (and checked by running that code on generated files). featuresFor turns
 * them into flags. docs/harbor/config.md §2.1 lists them with the tags that prove them.
 */
export const PATCH_GATES = {
  /**
   * utils/configs.py get_redis_url builds `:password@` with `quote(str(password), safe='')` from v2.7.2 and v2.8.1
   * (and every 2.9+); v2.5.6, v2.6.4, v2.7.1 and v2.8.0 insert it raw, so @ : / % # ? break the Redis URL.
   */
  redisPasswordQuoted: { "2.7": "2.7.2", "2.8": "2.8.1", from: "2.9" },
  /**
   * utils/configs.py parse_yaml_config calls get_redis_configs(configs.get("redis"), configs.get("external_redis"))
   * from v2.7.3 and v2.8.4 (v2.7.2 and v2.8.3 pass external_redis only): the bundled Redis' `redis:` section, and
   * harbor_db_index / cache_layer_db_index → _REDIS_URL_HARBOR / _REDIS_URL_CACHE_LAYER (templates/core/env.jinja,
   * templates/jobservice/env.jinja; read by src/core/main.go and src/lib/cache/cache.go at the same tags).
   */
  redisSection: { "2.7": "2.7.3", "2.8": "2.8.4", from: "2.9" },
  /**
   * utils/configs.py parse_yaml_config sets config_dict['strong_ssl_ciphers'] = https.strong_ssl_ciphers or
   * internal_tls.strong_ssl_ciphers from v2.9.3 and v2.10.1; templates/nginx/nginx.https.conf.jinja and
   * templates/portal/nginx.conf.jinja use it. At v2.9.0–v2.9.2 and v2.10.0 those templates test
   * `internal_tls.strong_ssl_ciphers`, an attribute models.py InternalTLS never has: the setting is read nowhere,
   * although the v2.9.x harbor.yml.tmpl documents it under internal_tls (v2.10.1+ under https).
   */
  strongSslCiphers: { "2.9": "2.9.3", "2.10": "2.10.1", from: "2.11" },
  /** utils/configs.py reads trivy.offline_scan and templates/trivy-adapter/env.jinja passes it on from v2.4.2. */
  trivyOfflineScan: { "2.4": "2.4.2", from: "2.5" },
  /** trivy.security_check (configs.py, trivy-adapter env.jinja) from v2.6.2. */
  trivySecurityCheck: { "2.6": "2.6.2", from: "2.7" },
  /** trivy.skip_java_db_update (configs.py, trivy-adapter env.jinja) from v2.9.3 and v2.10.1; v2.10.0 lacks it. */
  trivySkipJavaDbUpdate: { "2.9": "2.9.3", "2.10": "2.10.1", from: "2.11" },
} as const satisfies Record<string, PatchGate>;

/** Does the release pass the gate? A listed line is judged by its own patch; any other line by `from`. */
export function passesGate(gate: PatchGate, version: HarborVersion): boolean {
  const line = `${version.major}.${version.minor}`;
  const min = toVersion(line !== "from" && Object.hasOwn(gate, line) ? gate[line] : gate.from);
  if (!min) throw new Error(`Bad patch gate ${JSON.stringify(gate)}`);
  return compareVersions(version, min) >= 0;
}

/** "2.7.3+ on 2.7, 2.8.4+ on 2.8, or 2.9 and later" — for messages. */
export function describeGate(gate: PatchGate): string {
  const lines = Object.entries(gate)
    .filter(([line]) => line !== "from")
    .map(([line, patch]) => `${patch}+ on ${line}`);
  return [...lines, `${gate.from} and later`].join(", ").replace(/, ([^,]*)$/, ", or $1");
}

export interface HarborFeatures {
  version: HarborVersion;
  /** "2.11" */
  line: string;
  /** `_version` to write (§0): X.Y.0, with 2.1.0 for the 2.1 line (the migrator's own output) */
  ymlVersion: string;
  /** install.sh flags / components that exist in this release */
  clair: boolean;
  notary: boolean;
  chartmuseum: boolean;
  trivy: boolean;
  internalTls: boolean;
  /** external_redis */
  sentinel: boolean;
  redisHostPortSplit: boolean;
  redisUsername: boolean;
  redisTls: boolean;
  idleTimeout: boolean;
  /** the `redis:` section for the bundled Redis (PATCH_GATES.redisSection) */
  redisSection: boolean;
  /** harbor_db_index / cache_layer_db_index (PATCH_GATES.redisSection) */
  harborAndCacheLayerDbIndex: boolean;
  /** the Redis password is URL-quoted (PATCH_GATES.redisPasswordQuoted); before, @ : / % # ? break the URL */
  redisPasswordQuoted: boolean;
  metric: boolean;
  trace: boolean;
  uploadPurging: boolean;
  cache: boolean;
  /** database.conn_max_lifetime / conn_max_idle_time */
  connLifetime: boolean;
  redirectKey: "disabled" | "disable";
  /** jobservice.logger_sweeper_duration (req from 2.8) */
  loggerSweeper: boolean;
  /** notification.webhook_job_http_client_timeout (req from 2.8) */
  webhookHttpClientTimeout: boolean;
  /** jobservice.job_loggers (req from 2.9) */
  jobLoggers: boolean;
  maxJobDuration: boolean;
  /** core.quota_update_provider */
  quotaUpdateProvider: boolean;
  ipFamily: boolean;
  /**
   * prepare reads https.strong_ssl_ciphers / internal_tls.strong_ssl_ciphers (either turns strong ciphers on for
   * nginx and, with internal TLS, the portal): PATCH_GATES.strongSslCiphers. 2.9.0–2.9.2 and 2.10.0 read neither.
   */
  httpsStrongCiphers: boolean;
  internalTlsStrongCiphers: boolean;
  trivySkipJavaDbUpdate: boolean;
  trivyDbRepository: boolean;
  trivyOfflineScan: boolean;
  trivySecurityCheck: boolean;
  /** parsed from 2.4, in the sample from 2.11 */
  trivyTimeout: boolean;
  /** minimum major of an external PostgreSQL; null = no documented minimum */
  postgresMinimum: number | null;
  /** the unauthenticated liveness endpoint a load balancer should probe (api.md §1) */
  pingPath: string;
}

const FIRST_EDITABLE = lineIndex("1.10");

/** "1.10" … "2.15", oldest first. */
export const EDITABLE_LINES: readonly string[] = RELEASE_LINES.slice(FIRST_EDITABLE).map((l) => l.line);

/** Every final release of the editable lines, newest first (the version picker's options). */
export function editableReleases(): string[] {
  return EDITABLE_LINES.flatMap((line) => patchesOf(line).map(formatRelease)).reverse();
}

export function featuresFor(version: string): HarborFeatures | null {
  const v = toVersion(version);
  if (!v || !isKnownRelease(v) || lineIndex(v) < FIRST_EDITABLE) return null;
  const since = (major: number, minor: number) => atLeast(v, major, minor);
  const gate = (name: keyof typeof PATCH_GATES) => passesGate(PATCH_GATES[name], v);
  const line = `${v.major}.${v.minor}`;
  return {
    version: v,
    line,
    ymlVersion: `${line}.0`,
    clair: !since(2, 2),
    notary: !since(2, 9),
    chartmuseum: !since(2, 8),
    trivy: since(2, 0),
    internalTls: since(2, 0),
    sentinel: since(2, 1),
    redisHostPortSplit: !since(2, 1),
    redisUsername: since(2, 8),
    redisTls: since(2, 13),
    idleTimeout: since(2, 0),
    redisSection: gate("redisSection"),
    harborAndCacheLayerDbIndex: gate("redisSection"),
    redisPasswordQuoted: gate("redisPasswordQuoted"),
    metric: since(2, 2),
    trace: since(2, 4),
    uploadPurging: since(2, 5),
    cache: since(2, 6),
    connLifetime: since(2, 7),
    redirectKey: since(2, 8) ? "disable" : "disabled",
    loggerSweeper: since(2, 8),
    webhookHttpClientTimeout: since(2, 8),
    jobLoggers: since(2, 9),
    maxJobDuration: since(2, 13),
    quotaUpdateProvider: since(2, 9),
    ipFamily: since(2, 11),
    httpsStrongCiphers: gate("strongSslCiphers"),
    internalTlsStrongCiphers: gate("strongSslCiphers"),
    trivySkipJavaDbUpdate: gate("trivySkipJavaDbUpdate"),
    trivyDbRepository: since(2, 15),
    trivyOfflineScan: gate("trivyOfflineScan"),
    trivySecurityCheck: gate("trivySecurityCheck"),
    trivyTimeout: since(2, 4),
    postgresMinimum: since(2, 9) ? 12 : since(2, 5) ? 10 : null,
    // api.md documents /api/v2.0/ping from 2.2; anonymous systeminfo answers 200 on 2.0–2.1 (the LB probe uses this too)
    pingPath: v.major < 2 ? "/api/ping" : v.minor < 2 ? "/api/v2.0/systeminfo" : "/api/v2.0/ping",
  };
}
