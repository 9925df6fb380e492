/**
 * harbor.yml sections, one builder per concern. Each returns plain objects whose key order is the shipped template's
 * (docs/harbor/config.md §2.2); `undefined` members are dropped by the caller. Only keys the target version knows are produced:
 * every gate below reads HarborFeatures.
 */
import type { TTopology } from "../schemas/topology";
import type { HarborFeatures } from "./features";

export type Y = { [key: string]: unknown };

/** Harbor's defaults for the bundled Redis (docs/harbor/config.md §3.3). */
export const HARBOR_REDIS_DEFAULTS = { registry: 1, jobservice: 2, trivy: 5 } as const;

/**
 * The public URL. With TLS at the load balancer the nodes speak plain http (no `https` block, which would make
 * prepare demand a certificate on every node), so Harbor would derive an http:// URL from hostname; clients and the
 * token service realm must see the LB's https URL instead, hence an explicit external_url (http.port stays the
 * port the LB forwards to; access.httpsPort is the LB's listener).
 */
export function externalUrlOf(t: TTopology): string | undefined {
  const a = t.access;
  if (a.externalUrl) return a.externalUrl;
  if (a.tls !== "loadBalancer") return undefined;
  return `https://${a.hostname}${a.httpsPort === 443 ? "" : `:${a.httpsPort}`}`;
}

export function accessSections(t: TTopology, f: HarborFeatures): Y {
  const a = t.access;
  // prepare ORs https.strong_ssl_ciphers and internal_tls.strong_ssl_ciphers into one flag (features.ts
  // PATCH_GATES.strongSslCiphers): written once, under https when the nodes serve it, else under internal_tls
  const strong = a.strongSslCiphers && f.httpsStrongCiphers ? true : undefined;
  const https =
    a.tls === "nodes" ? { port: a.httpsPort, certificate: a.certificatePath, private_key: a.privateKeyPath, strong_ssl_ciphers: strong } : undefined;
  const internalTls = f.internalTls && a.internalTls ? { enabled: true, strong_ssl_ciphers: https ? undefined : strong, dir: a.internalTlsDir } : undefined;
  return {
    hostname: a.hostname,
    http: { port: a.httpPort },
    https,
    ip_family: f.ipFamily ? { ipv6: { enabled: a.ipv6 }, ipv4: { enabled: true } } : undefined,
    internal_tls: internalTls,
    external_url: externalUrlOf(t),
  };
}

const connLifetime = (f: HarborFeatures) => (f.connLifetime ? { conn_max_lifetime: "5m", conn_max_idle_time: 0 } : {});

/** Internal PostgreSQL only: with `external_database` present Harbor ignores `database` (docs/harbor/config.md §3.1). */
export function databaseSection(t: TTopology, f: HarborFeatures): Y | undefined {
  const d = t.database;
  if (d.type !== "internal") return undefined;
  return { password: d.password, max_idle_conns: d.maxIdleConns, max_open_conns: d.maxOpenConns, ...connLifetime(f) };
}

type ExternalDb = TTopology["database"]["clair"];
const subDb = (db: ExternalDb) => ({ host: db.host, port: db.port, db_name: db.name, username: db.username, password: db.password, ssl_mode: db.sslMode });

/** The clair/notary databases only where the version has the component and it is enabled (1.9+ reads them only with the install flag). */
export function externalDatabaseSection(t: TTopology, f: HarborFeatures): Y | undefined {
  const d = t.database;
  if (d.type !== "external") return undefined;
  const c = t.components;
  return {
    harbor: {
      host: d.host,
      port: d.port,
      db_name: d.name,
      username: d.username,
      password: d.password,
      ssl_mode: d.sslMode,
      max_idle_conns: d.maxIdleConns,
      max_open_conns: d.maxOpenConns,
      ...connLifetime(f),
    },
    clair: f.clair && c.clair ? subDb(d.clair) : undefined,
    notary_signer: f.notary && c.notary ? subDb(d.notarySigner) : undefined,
    notary_server: f.notary && c.notary ? subDb(d.notaryServer) : undefined,
  };
}

const orUndef = (v: string) => (v === "" ? undefined : v);

/** Distribution driver parameters; never empty (an empty block silently becomes filesystem, docs/harbor/config.md §3.2 #4). */
export function storageDriverBlock(t: TTopology): Y {
  const s = t.storage;
  switch (s.type) {
    case "s3": {
      const k = s.s3;
      const keys = k.accessKey ? { accesskey: k.accessKey, secretkey: k.secretKey } : {};
      return {
        ...keys,
        region: k.region,
        regionendpoint: orUndef(k.regionEndpoint),
        bucket: k.bucket,
        encrypt: k.encrypt,
        secure: k.secure,
        skipverify: k.skipVerify,
        v4auth: k.v4auth,
        rootdirectory: orUndef(k.rootDirectory),
        storageclass: orUndef(k.storageClass),
      };
    }
    case "azure":
      return { accountname: s.azure.accountName, accountkey: s.azure.accountKey, container: s.azure.container, realm: s.azure.realm };
    case "gcs":
      return { bucket: s.gcs.bucket, keyfile: orUndef(s.gcs.keyfile), rootdirectory: orUndef(s.gcs.rootDirectory), chunksize: s.gcs.chunkSize };
    case "swift": {
      const w = s.swift;
      return {
        authurl: w.authUrl,
        username: w.username,
        password: w.password,
        container: w.container,
        region: orUndef(w.region),
        tenant: orUndef(w.tenant),
        domain: orUndef(w.domain),
      };
    }
    case "oss": {
      const o = s.oss;
      return {
        accesskeyid: o.accessKeyId,
        accesskeysecret: o.accessKeySecret,
        region: o.region,
        endpoint: orUndef(o.endpoint),
        internal: o.internal,
        bucket: o.bucket,
        encrypt: o.encrypt,
        secure: o.secure,
        rootdirectory: orUndef(o.rootDirectory),
      };
    }
    default:
      return { rootdirectory: s.filesystem.rootDirectory };
  }
}

export function storageSection(t: TTopology, f: HarborFeatures): Y {
  const s = t.storage;
  return { ca_bundle: orUndef(s.caBundle), [s.type]: storageDriverBlock(t), redirect: { [f.redirectKey]: s.redirectDisabled } };
}

/** Sentinel list as Harbor wants it: "h1:26379,h2:26379" (no blanks). */
export function normalizeHostList(list: string): string {
  return list
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean)
    .join(",");
}

/** "host:port" / "[v6]:port" → [host, port]; a missing port means Redis' 6379. */
export function splitHostPort(address: string): [string, number] {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address.trim());
  return m ? [m[1], Number(m[2])] : [address.trim(), 6379];
}

/** The same keys serve the `redis:` section and external_redis: get_redis_configs uses whichever it is given. */
function redisIndexes(t: TTopology, f: HarborFeatures) {
  const i = t.redis.indexes;
  const c = t.components;
  return {
    registry_db_index: i.registry,
    jobservice_db_index: i.jobservice,
    chartmuseum_db_index: f.chartmuseum && c.chartmuseum ? i.chartmuseum : undefined,
    clair_db_index: f.clair && c.clair ? i.clair : undefined,
    trivy_db_index: f.trivy && c.trivy ? i.trivy : undefined,
  };
}

const extraIndexes = (t: TTopology, f: HarborFeatures) =>
  f.harborAndCacheLayerDbIndex ? { harbor_db_index: t.redis.indexes.harbor ?? undefined, cache_layer_db_index: t.redis.indexes.cacheLayer ?? undefined } : {};

/** Bundled Redis only, from 2.7.3 / 2.8.4 (PATCH_GATES.redisSection). Never alongside external_redis: a non-empty `redis` wins for URL building (§3.3). */
export function internalRedisSection(t: TTopology, f: HarborFeatures): Y | undefined {
  if (t.redis.type !== "internal" || !f.redisSection) return undefined;
  return { ...redisIndexes(t, f), ...extraIndexes(t, f) };
}

export function externalRedisSection(t: TTopology, f: HarborFeatures): Y | undefined {
  const r = t.redis;
  if (r.type !== "external") return undefined;
  const sentinel = f.sentinel && r.mode === "sentinel";
  const [host, port] = splitHostPort(r.address);
  const location = f.redisHostPortSplit ? { host, port } : { host: sentinel ? normalizeHostList(r.sentinelHosts) : r.address };
  return {
    ...location,
    password: r.password,
    // §3.3: without a password the user name is glued to the host in the URL; validation refuses that pairing.
    username: f.redisUsername && r.username ? r.username : undefined,
    sentinel_master_set: sentinel ? r.sentinelMasterSet : undefined,
    // get_redis_configs reads tlsOptions['rootCA'] whenever enable is on (KeyError when absent, 2.13.0–2.15.2); an
    // empty value copies no CA (cert.py prepare_trust_ca), so Redis' certificate must chain to a system CA
    tlsOptions: f.redisTls && r.tls ? { enable: true, rootCA: r.tlsRootCa } : undefined,
    ...redisIndexes(t, f),
    idle_timeout_seconds: f.idleTimeout ? r.idleTimeoutSeconds : undefined,
    ...extraIndexes(t, f),
  };
}
