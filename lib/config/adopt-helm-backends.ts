/** Helm values → topology for storage, the database and Redis: the inverse of helm-values-backends.ts. Pure. */
import { STORAGE_TYPES, type TTopology } from "../schemas/topology";
import { bool, int, map, str, type YMap } from "./harbor-yml-import-read";
import { readStorageDriver } from "./storage-driver-read";

/** The chart takes the GCS key base64-encoded; the topology holds the JSON itself. */
function unbase64(text: string): string {
  try {
    const bin = atob(text);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return text;
  }
}

function applyStorage(t: TTopology, v: YMap): void {
  const s = t.storage;
  const ics = map(map(v.persistence)?.imageChartStorage) ?? {};
  const type = str(ics.type || "filesystem");
  s.type = (STORAGE_TYPES as readonly string[]).includes(type) ? (type as TTopology["storage"]["type"]) : "filesystem";
  s.redirectDisabled = bool(ics.disableredirect, false);
  // the chart's templates treat an empty value as unset
  readStorageDriver(s, map(ics[s.type]) ?? {}, {
    orDefault: (v, fallback) => str(v || fallback),
    storageClass: "STANDARD",
    gcs: (b, gcs) => ({
      ...gcs,
      bucket: str(b.bucket),
      encodedKey: b.encodedkey ? unbase64(str(b.encodedkey)) : "",
      rootDirectory: str(b.rootdirectory),
      chunkSize: int(b.chunksize, 5242880),
    }),
  });
}

function applyDatabase(t: TTopology, v: YMap): void {
  const d = t.database;
  const db = map(v.database) ?? {};
  d.type = str(db.type) === "external" ? "external" : "internal";
  d.maxIdleConns = int(db.maxIdleConns, 100);
  d.maxOpenConns = int(db.maxOpenConns, 900);
  if (d.type === "internal") {
    d.password = str(map(db.internal)?.password);
    return;
  }
  const x = map(db.external) ?? {};
  Object.assign(d, {
    host: str(x.host),
    port: int(x.port, 5432),
    username: str(x.username),
    password: str(x.password),
    name: str(x.coreDatabase || "registry"),
    sslMode: str(x.sslmode || "disable"),
  });
  // the chart reaches the clair and notary databases with the core database's server and credentials
  const sub = (name: unknown) => ({ host: d.host, port: d.port, username: d.username, password: d.password, sslMode: d.sslMode, name: str(name) });
  if (x.clairDatabase !== undefined) d.clair = sub(x.clairDatabase);
  if (x.notaryServerDatabase !== undefined) d.notaryServer = sub(x.notaryServerDatabase);
  if (x.notarySignerDatabase !== undefined) d.notarySigner = sub(x.notarySignerDatabase);
}

function applyRedis(t: TTopology, v: YMap): void {
  const r = t.redis;
  const redis = map(v.redis) ?? {};
  r.type = str(redis.type) === "external" ? "external" : "internal";
  if (r.type === "internal") return;
  const x = map(redis.external) ?? {};
  const master = str(x.sentinelMasterSet);
  if (x.addr !== undefined && master) Object.assign(r, { mode: "sentinel", sentinelHosts: str(x.addr), sentinelMasterSet: master });
  else if (x.addr !== undefined) Object.assign(r, { mode: "standalone", address: str(x.addr) });
  else {
    const host = str(x.host || "redis");
    Object.assign(r, { mode: "standalone", address: `${host.includes(":") ? `[${host}]` : host}:${int(x.port, 6379)}` });
  }
  r.tls = bool(map(x.tlsOptions)?.enable, false);
  r.username = str(x.username);
  r.password = str(x.password);
  const i = r.indexes;
  const idx = (key: string, fallback: number) => int(x[key], fallback);
  Object.assign(i, {
    jobservice: idx("jobserviceDatabaseIndex", 1),
    registry: idx("registryDatabaseIndex", 2),
    chartmuseum: idx("chartmuseumDatabaseIndex", 3),
    clair: idx("clairAdapterIndex", 4),
    trivy: idx("trivyAdapterIndex", 5),
  });
  i.harbor = x.harborDatabaseIndex !== undefined ? idx("harborDatabaseIndex", 0) : null;
  i.cacheLayer = x.cacheLayerDatabaseIndex !== undefined ? idx("cacheLayerDatabaseIndex", 0) : null;
}

export function applyHelmBackends(t: TTopology, v: YMap): void {
  applyStorage(t, v);
  applyDatabase(t, v);
  applyRedis(t, v);
}
