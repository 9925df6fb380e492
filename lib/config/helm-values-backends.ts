/**
 * The backend sections of values.yaml: imageChartStorage, external PostgreSQL, external Redis and externalURL
 * (docs/harbor/helm.md §3.1–3.4, §4). Split from helm-values.ts; same rules: only keys the pinned chart has.
 */
import type { TTopology } from "../schemas/topology";
import { chartHas } from "./helm-keys";
import { plannedName, type PlannedSecret } from "./helm-secrets";
import { SECRET_MASK, type GenerateOptions } from "./types";

/** Sets a leaf, refusing paths the pinned chart does not have (a generator bug, caught by the key tests). */
export type Put = (path: string, value: unknown) => void;

/** externalURL: the override, else scheme://hostname (plus a non-default port for service types that expose one). */
export function helmExternalUrl(t: TTopology): string {
  if (t.access.externalUrl) return t.access.externalUrl.replace(/\/$/, "");
  const https = t.access.tls !== "none";
  const port = https ? t.access.httpsPort : t.access.httpPort;
  const custom = t.deployment.helm.exposeType !== "ingress" && port !== (https ? 443 : 80);
  return `${https ? "https" : "http"}://${t.access.hostname}${custom ? `:${port}` : ""}`;
}

/** UTF-8 safe base64 (btoa only takes Latin-1); runs in the browser and in Node. */
function base64(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function putStorage(t: TTopology, opts: GenerateOptions, plan: readonly PlannedSecret[], put: Put): void {
  const s = t.storage;
  const base = "persistence.imageChartStorage";
  const secretRef = plannedName(plan, "storage");
  const hide = (v: string) => (opts.mask ? SECRET_MASK : v);
  put(`${base}.type`, s.type);
  if (s.redirectDisabled) put(`${base}.disableredirect`, true);
  if (s.caBundle) put(`${base}.caBundleSecretName`, `${t.deployment.helm.releaseName}-storage-ca`);
  const set = (key: string, value: unknown) => put(`${base}.${s.type}.${key}`, value);
  const setIf = (key: string, value: string) => value && set(key, value);
  switch (s.type) {
    case "filesystem":
      set("rootdirectory", s.filesystem.rootDirectory);
      // several registry pods share one volume only if it is ReadWriteMany
      if (t.deployment.helm.replicas.registry > 1) put("persistence.persistentVolumeClaim.registry.accessMode", "ReadWriteMany");
      break;
    case "s3": {
      const c = s.s3;
      set("region", c.region);
      set("bucket", c.bucket);
      if (secretRef) set("existingSecret", secretRef);
      else if (c.accessKey || c.secretKey) {
        set("accesskey", c.accessKey);
        set("secretkey", hide(c.secretKey));
      }
      setIf("regionendpoint", c.regionEndpoint);
      set("encrypt", c.encrypt);
      set("secure", c.secure);
      set("v4auth", c.v4auth);
      set("skipverify", c.skipVerify);
      setIf("rootdirectory", c.rootDirectory);
      set("storageclass", c.storageClass);
      break;
    }
    case "azure":
      set("accountname", s.azure.accountName);
      if (secretRef) set("existingSecret", secretRef);
      else set("accountkey", hide(s.azure.accountKey));
      set("container", s.azure.container);
      set("realm", s.azure.realm);
      break;
    case "gcs":
      set("bucket", s.gcs.bucket);
      if (secretRef) set("existingSecret", secretRef);
      else if (s.gcs.encodedKey) set("encodedkey", opts.mask ? SECRET_MASK : base64(s.gcs.encodedKey));
      setIf("rootdirectory", s.gcs.rootDirectory);
      set("chunksize", String(s.gcs.chunkSize));
      break;
    case "swift": {
      const c = s.swift;
      set("authurl", c.authUrl);
      set("username", c.username);
      set("password", hide(c.password));
      set("container", c.container);
      setIf("region", c.region);
      setIf("tenant", c.tenant);
      setIf("domain", c.domain);
      break;
    }
    case "oss": {
      const c = s.oss;
      set("accesskeyid", c.accessKeyId);
      if (secretRef) set("existingSecret", secretRef);
      else set("accesskeysecret", hide(c.accessKeySecret));
      set("region", c.region);
      set("bucket", c.bucket);
      setIf("endpoint", c.endpoint);
      set("internal", c.internal);
      set("encrypt", c.encrypt);
      set("secure", c.secure);
      setIf("rootdirectory", c.rootDirectory);
      break;
    }
  }
}

export function putDatabase(t: TTopology, chart: string, opts: GenerateOptions, plan: readonly PlannedSecret[], put: Put): void {
  const d = t.database;
  put("database.type", d.type);
  // the bundled database's superuser password (docs/harbor/helm.md §3.3), which the form asks for
  if (d.type === "internal" && d.password) put("database.internal.password", opts.mask ? SECRET_MASK : d.password);
  if (d.type === "external") {
    const x = "database.external";
    put(`${x}.host`, d.host);
    put(`${x}.port`, String(d.port));
    put(`${x}.username`, d.username);
    const ref = plannedName(plan, "database");
    if (ref) put(`${x}.existingSecret`, ref);
    else put(`${x}.password`, opts.mask ? SECRET_MASK : d.password);
    put(`${x}.coreDatabase`, d.name);
    put(`${x}.sslmode`, d.sslMode);
    if (t.components.clair && chartHas(chart, `${x}.clairDatabase`)) put(`${x}.clairDatabase`, d.clair.name);
    if (t.components.notary && chartHas(chart, `${x}.notaryServerDatabase`)) {
      put(`${x}.notaryServerDatabase`, d.notaryServer.name);
      put(`${x}.notarySignerDatabase`, d.notarySigner.name);
    }
  }
  put("database.maxIdleConns", d.maxIdleConns);
  put("database.maxOpenConns", d.maxOpenConns);
}

/** The chart takes Redis indexes as strings; core is always "0" (docs/harbor/helm.md §3.4). */
export function putRedis(t: TTopology, chart: string, opts: GenerateOptions, plan: readonly PlannedSecret[], put: Put): void {
  const r = t.redis;
  put("redis.type", r.type);
  if (r.type !== "external") return;
  const x = "redis.external";
  if (chartHas(chart, `${x}.addr`)) {
    put(`${x}.addr`, r.mode === "sentinel" ? r.sentinelHosts.replace(/\s+/g, "") : r.address);
    if (r.mode === "sentinel") put(`${x}.sentinelMasterSet`, r.sentinelMasterSet);
  } else {
    const i = r.address.lastIndexOf(":");
    put(`${x}.host`, i > 0 ? r.address.slice(0, i).replace(/^\[|\]$/g, "") : r.address);
    put(`${x}.port`, i > 0 ? r.address.slice(i + 1) : "6379");
  }
  if (r.tls && chartHas(chart, `${x}.tlsOptions.enable`)) put(`${x}.tlsOptions.enable`, true);
  put(`${x}.coreDatabaseIndex`, "0");
  put(`${x}.jobserviceDatabaseIndex`, String(r.indexes.jobservice));
  put(`${x}.registryDatabaseIndex`, String(r.indexes.registry));
  if (t.components.chartmuseum && chartHas(chart, `${x}.chartmuseumDatabaseIndex`)) put(`${x}.chartmuseumDatabaseIndex`, String(r.indexes.chartmuseum));
  if (t.components.clair && chartHas(chart, `${x}.clairAdapterIndex`)) put(`${x}.clairAdapterIndex`, String(r.indexes.clair));
  if (t.components.trivy) put(`${x}.trivyAdapterIndex`, String(r.indexes.trivy));
  if (r.indexes.harbor !== null && chartHas(chart, `${x}.harborDatabaseIndex`)) put(`${x}.harborDatabaseIndex`, String(r.indexes.harbor));
  if (r.indexes.cacheLayer !== null && chartHas(chart, `${x}.cacheLayerDatabaseIndex`)) put(`${x}.cacheLayerDatabaseIndex`, String(r.indexes.cacheLayer));
  if (r.username && chartHas(chart, `${x}.username`)) put(`${x}.username`, r.username);
  const ref = plannedName(plan, "redis");
  if (ref) put(`${x}.existingSecret`, ref);
  else if (r.password) put(`${x}.password`, opts.mask ? SECRET_MASK : r.password);
}
