/**
 * The harbor-helm values keys the generator may emit, with the first (and last) chart minor that has them.
 * Source: docs/harbor/helm.md §3 (v1.19.1 keys and the §3.5 "since" column; §3.3–3.4 for keys that went away).
 * Where docs/harbor/helm.md gives no "since" the key is taken as present from chart 1.3 (Harbor 1.10, the oldest we map), except
 * the entries marked "history" below, which come from the chart's changelog as remembered, not from docs/harbor/helm.md.
 * A leaf is a scalar, a list or a free-form map (annotations); every emitted leaf path must be listed here.
 */
import { chartMinor } from "./helm-chart";

const S3 = "persistence.imageChartStorage.s3";
const AZ = "persistence.imageChartStorage.azure";
const GCS = "persistence.imageChartStorage.gcs";
const SW = "persistence.imageChartStorage.swift";
const OSS = "persistence.imageChartStorage.oss";
const RX = "redis.external";
const DX = "database.external";

/** [leaf path, since chart minor, until chart minor (inclusive)] */
const KEYS: ReadonlyArray<readonly [string, number, number?]> = [
  ["expose.type", 3],
  ["expose.tls.enabled", 3],
  // certSource/auto/secret replaced the flat tls.secretName/commonName in chart 1.5 (values.yaml@v1.4.6 / @v1.5.0;
  // the certSource in 1.4's values is internalTLS's)
  ["expose.tls.secretName", 3, 4],
  ["expose.tls.commonName", 3, 4],
  ["expose.tls.certSource", 5],
  ["expose.tls.auto.commonName", 5],
  ["expose.tls.secret.secretName", 5],
  ["expose.ingress.hosts.core", 3],
  // ingress.className arrived in chart 1.9 (values.yaml@v1.9.0); before, the class annotation
  ["expose.ingress.className", 9],
  ["expose.ingress.annotations", 3],
  ["expose.clusterIP.name", 3],
  ["expose.clusterIP.ports.httpPort", 3],
  ["expose.clusterIP.ports.httpsPort", 3],
  ["expose.nodePort.ports.http.port", 3],
  ["expose.nodePort.ports.https.port", 3],
  ["expose.loadBalancer.IP", 3],
  ["expose.loadBalancer.ports.httpPort", 3],
  ["expose.loadBalancer.ports.httpsPort", 3],
  ["externalURL", 3],
  ["harborAdminPassword", 3],
  ["existingSecretAdminPassword", 12],
  ["existingSecretAdminPasswordKey", 12],
  ["secretKey", 3],
  ["existingSecretSecretKey", 10],
  ["logLevel", 3],
  ["proxy.httpProxy", 3],
  ["proxy.httpsProxy", 3],
  ["proxy.noProxy", 3],
  ["proxy.components", 3],
  ["internalTLS.enabled", 4],
  ["metrics.enabled", 6],
  ...[
    "enabled",
    "provider",
    "sample_rate",
    "namespace",
    "jaeger.endpoint",
    "jaeger.agent_host",
    "jaeger.agent_port",
    "otel.endpoint",
    "otel.url_path",
    "otel.insecure",
  ].map((k) => [`trace.${k}`, 8] as const),
  ["cache.enabled", 10],
  ["cache.expireHours", 10],
  ["persistence.persistentVolumeClaim.registry.accessMode", 3],
  // history: the job-log claim moved under jobservice.jobLog in chart 1.10
  ["persistence.persistentVolumeClaim.jobservice.accessMode", 3, 9],
  ["persistence.persistentVolumeClaim.jobservice.jobLog.accessMode", 10],
  ["persistence.imageChartStorage.disableredirect", 3],
  ["persistence.imageChartStorage.caBundleSecretName", 3],
  ["persistence.imageChartStorage.type", 3],
  ["persistence.imageChartStorage.filesystem.rootdirectory", 3],
  ...["region", "bucket", "accesskey", "secretkey", "regionendpoint", "encrypt", "secure", "v4auth", "skipverify", "rootdirectory", "storageclass"].map(
    (k) => [`${S3}.${k}`, 3] as const,
  ),
  // history: storage existingSecret options (s3/gcs with chart 1.10, azure/oss with 1.14); swift's needs three keys we do not hold
  [`${S3}.existingSecret`, 10],
  ...["accountname", "accountkey", "container", "realm"].map((k) => [`${AZ}.${k}`, 3] as const),
  [`${AZ}.existingSecret`, 14],
  ...["bucket", "encodedkey", "rootdirectory", "chunksize"].map((k) => [`${GCS}.${k}`, 3] as const),
  [`${GCS}.existingSecret`, 10],
  ...["authurl", "username", "password", "container", "region", "tenant", "domain"].map((k) => [`${SW}.${k}`, 3] as const),
  ...["accesskeyid", "accesskeysecret", "region", "bucket", "endpoint", "internal", "encrypt", "secure", "rootdirectory"].map(
    (k) => [`${OSS}.${k}`, 3] as const,
  ),
  [`${OSS}.existingSecret`, 14],
  ...["portal", "core", "jobservice", "registry", "trivy"].map((c) => [`${c}.replicas`, 3] as const),
  ["core.secret", 3],
  ["core.existingSecret", 14],
  ["core.secretName", 3],
  ["core.xsrfKey", 3],
  ["core.existingXsrfSecret", 14],
  ["core.existingXsrfSecretKey", 14],
  ["core.quotaUpdateProvider", 13],
  ["jobservice.secret", 3],
  ["jobservice.existingSecret", 14],
  ["jobservice.existingSecretKey", 14],
  ["jobservice.maxJobWorkers", 3],
  // a single jobLogger until chart 1.5, the jobLoggers list from 1.6 (values.yaml@v1.5.5 / @v1.6.0)
  ["jobservice.jobLogger", 3, 5],
  ["jobservice.jobLoggers", 6],
  ["registry.secret", 3],
  ["registry.existingSecret", 14],
  ["registry.existingSecretKey", 14],
  ["registry.credentials.username", 10],
  ["registry.credentials.password", 10],
  ...["enabled", "age", "interval", "dryrun"].map((k) => [`registry.upload_purging.${k}`, 9] as const),
  ["trivy.enabled", 3],
  ["notary.enabled", 3, 12],
  ["chartmuseum.enabled", 3, 11],
  ["clair.enabled", 3, 5],
  ["database.type", 3],
  ...["host", "port", "username", "password", "coreDatabase", "sslmode"].map((k) => [`${DX}.${k}`, 3] as const),
  [`${DX}.existingSecret`, 10],
  [`${DX}.clairDatabase`, 3, 5],
  [`${DX}.notaryServerDatabase`, 3, 12],
  [`${DX}.notarySignerDatabase`, 3, 12],
  ["database.internal.password", 3],
  ["database.maxIdleConns", 3],
  ["database.maxOpenConns", 3],
  ["redis.type", 3],
  [`${RX}.host`, 3, 4],
  [`${RX}.port`, 3, 4],
  [`${RX}.addr`, 5],
  [`${RX}.sentinelMasterSet`, 5],
  [`${RX}.coreDatabaseIndex`, 3],
  [`${RX}.jobserviceDatabaseIndex`, 3],
  [`${RX}.registryDatabaseIndex`, 3],
  [`${RX}.chartmuseumDatabaseIndex`, 3, 11],
  [`${RX}.clairAdapterIndex`, 3, 5],
  [`${RX}.trivyAdapterIndex`, 3],
  [`${RX}.harborDatabaseIndex`, 13],
  [`${RX}.cacheLayerDatabaseIndex`, 13],
  [`${RX}.username`, 12],
  [`${RX}.password`, 3],
  [`${RX}.existingSecret`, 10],
  [`${RX}.tlsOptions.enable`, 17],
];

const cache = new Map<number, ReadonlySet<string>>();

/** Every leaf path the given chart ("1.12.6") accepts, as far as the generator uses them. */
export function knownHelmKeys(chart: string): ReadonlySet<string> {
  const minor = chartMinor(chart);
  let set = cache.get(minor);
  if (!set) {
    set = new Set(KEYS.filter(([, since, until]) => minor >= since && (until === undefined || minor <= until)).map(([p]) => p));
    cache.set(minor, set);
  }
  return set;
}

/** Does the chart have this leaf? Used by the generator to choose between spellings and existing-Secret options. */
export function chartHas(chart: string, path: string): boolean {
  return knownHelmKeys(chart).has(path);
}
