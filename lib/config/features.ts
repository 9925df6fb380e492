/**
 * What a target Harbor release has, as far as harbor.yml, install.sh flags and the HA rules care.
 * Source: docs/harbor/config.md §0, §2, §2.1, §3 and docs/harbor/upgrade.md §2.2 item 4 / §3.3 (external PostgreSQL minimums).
 * The editable range is 1.10.0 … the newest catalogued release; older lines are read-only (featuresFor → null).
 */
import {
  atLeast,
  externalPostgresMinimum,
  formatRelease,
  isKnownRelease,
  lineIndex,
  passesGate,
  PATCH_GATES,
  patchesOf,
  RELEASE_LINES,
  shipsComponent,
  toVersion,
  type HarborVersion,
} from "../releases";

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
  /** the unauthenticated liveness endpoint a load balancer should probe (docs/harbor/api.md §1) */
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
    clair: shipsComponent(v, "clair"),
    notary: shipsComponent(v, "notary"),
    chartmuseum: shipsComponent(v, "chartmuseum"),
    trivy: shipsComponent(v, "trivy"),
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
    postgresMinimum: externalPostgresMinimum(v),
    // docs/harbor/api.md documents /api/v2.0/ping from 2.2; anonymous systeminfo answers 200 on 2.0–2.1 (the LB probe uses this too)
    pingPath: v.major < 2 ? "/api/ping" : v.minor < 2 ? "/api/v2.0/systeminfo" : "/api/v2.0/ping",
  };
}
