/** harbor.yml → topology for PostgreSQL, Redis and storage; Harbor's own parse defaults where a key is absent. */
import type { TTopology } from "../schemas/topology";
import type { HarborFeatures } from "./features";
import { STORAGE_DRIVERS } from "./harbor-yml-keys";
import { bool, int, map, str, type YMap } from "./harbor-yml-import-read";
import { readStorageDriver } from "./storage-driver-read";

type Db = TTopology["database"]["clair"];
// configs.py: default_db_max_idle_conns = 2, default_db_max_open_conns = 0 when the keys are absent
const HARBOR_IDLE = 2;
const HARBOR_OPEN = 0;

function readDb(target: Db, src: YMap): void {
  target.host = str(src.host);
  target.port = int(src.port, 5432);
  target.name = str(src.db_name);
  target.username = str(src.username);
  target.password = str(src.password);
  target.sslMode = str(src.ssl_mode || "disable") as Db["sslMode"];
}

function applyDatabase(t: TTopology, doc: YMap, warnings: string[]): void {
  const d = t.database;
  const ext = map(doc.external_database);
  const harbor = map(ext?.harbor);
  const pools = (src: YMap) => {
    d.maxIdleConns = int(src.max_idle_conns, HARBOR_IDLE);
    d.maxOpenConns = int(src.max_open_conns, HARBOR_OPEN);
  };
  if (ext && harbor) {
    d.type = "external";
    readDb(d, harbor);
    pools(harbor);
    const sub: Array<[unknown, Db]> = [
      [ext.clair, d.clair],
      [ext.notary_signer, d.notarySigner],
      [ext.notary_server, d.notaryServer],
    ];
    for (const [src, target] of sub) if (map(src)) readDb(target, map(src)!);
    return;
  }
  const internal = map(doc.database);
  if (!internal) {
    warnings.push("Neither database nor external_database is set; the database settings were kept.");
    return;
  }
  d.type = "internal";
  d.password = str(internal.password);
  pools(internal);
}

function applyRedis(t: TTopology, doc: YMap, f: HarborFeatures): void {
  const r = t.redis;
  const i = r.indexes;
  const er = map(doc.external_redis);
  const src = er && Object.keys(er).length > 0 ? er : map(doc.redis);
  if (src) {
    if (src.registry_db_index != null) i.registry = int(src.registry_db_index, 1);
    if (src.jobservice_db_index != null) i.jobservice = int(src.jobservice_db_index, 2);
    if (src.chartmuseum_db_index != null) i.chartmuseum = int(src.chartmuseum_db_index, 3);
    if (src.clair_db_index != null) i.clair = int(src.clair_db_index, 4);
    if (src.trivy_db_index != null) i.trivy = int(src.trivy_db_index, 5);
  }
  if (f.harborAndCacheLayerDbIndex) {
    i.harbor = src?.harbor_db_index != null ? int(src.harbor_db_index, 0) : null;
    i.cacheLayer = src?.cache_layer_db_index != null ? int(src.cache_layer_db_index, 0) : null;
  }
  if (!er || src !== er) {
    r.type = "internal";
    return;
  }
  r.type = "external";
  const host = str(er.host);
  const master = str(er.sentinel_master_set);
  if (er.port !== undefined || f.redisHostPortSplit) {
    r.mode = "standalone";
    const h = host || "redis";
    r.address = `${h.includes(":") ? `[${h}]` : h}:${int(er.port, 6379)}`;
  } else if (master) {
    r.mode = "sentinel";
    r.sentinelHosts = host;
    r.sentinelMasterSet = master;
  } else {
    r.mode = "standalone";
    r.address = /:\d+$/.test(host) ? host : `${host || "redis"}:6379`;
  }
  r.password = str(er.password);
  r.username = str(er.username);
  const tls = map(er.tlsOptions);
  r.tls = bool(tls?.enable, false);
  r.tlsRootCa = str(tls?.rootCA);
  r.idleTimeoutSeconds = int(er.idle_timeout_seconds, 30);
}

function applyStorage(t: TTopology, doc: YMap, f: HarborFeatures, warnings: string[]): void {
  const s = t.storage;
  const svc = map(doc.storage_service) ?? {};
  const present = STORAGE_DRIVERS.filter((d) => map(svc[d]) && Object.keys(map(svc[d])!).length > 0);
  // Harbor's parse order: the first non-empty driver wins, none at all means filesystem (docs/harbor/config.md §3.2 #4)
  const driver = present[0] ?? "filesystem";
  if (present.length === 0) warnings.push("No storage driver is set: Harbor uses filesystem (/storage).");
  s.type = driver;
  s.caBundle = str(svc.ca_bundle);
  const redirect = map(svc.redirect);
  const other = f.redirectKey === "disable" ? "disabled" : "disable";
  if (redirect && redirect[other] !== undefined)
    warnings.push(`storage_service.redirect.${other} is the wrong spelling for Harbor ${f.line}; it must be ${f.redirectKey}.`);
  s.redirectDisabled = bool(redirect?.[f.redirectKey], false);
  // Harbor keeps a key that is present, even empty
  readStorageDriver(s, map(svc[driver]) ?? {}, {
    orDefault: (v, fallback) => (v === undefined ? fallback : str(v)),
    storageClass: "",
    gcs: (b, gcs) => ({ ...gcs, bucket: str(b.bucket), keyfile: str(b.keyfile), rootDirectory: str(b.rootdirectory), chunkSize: int(b.chunksize, 5242880) }),
  });
}

export function applyBackends(t: TTopology, doc: YMap, f: HarborFeatures, warnings: string[]): void {
  applyDatabase(t, doc, warnings);
  applyRedis(t, doc, f);
  applyStorage(t, doc, f, warnings);
}
