/**
 * PostgreSQL, Redis and image storage: required fields, formats, version minimums and Redis index rules
 * (docs/harbor/config.md §2.1, §3.2 #4, §3.3; docs/harbor/upgrade.md §2.2 item 4 for the external PostgreSQL minimums).
 */
import { SECRET_MASK as SECRET_MASK_VALUE } from "./types";
import { HOST_PORT, type TTopology } from "../schemas/topology";
import type { ConfigIssue } from "../schemas/config-issue";
import { describeGate, PATCH_GATES } from "../releases";
import type { HarborFeatures } from "./features";
import { HARBOR_REDIS_DEFAULTS } from "./harbor-yml-sections";
import { error, warning, type Rules } from "./validate-issue";

type ExternalDb = TTopology["database"]["clair"];

function requireDb(db: Pick<ExternalDb, "host" | "name" | "username" | "password">, base: string, what: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  if (!db.host) out.push(error(`${base}.host`, `Enter the ${what} database host.`));
  if (!db.name) out.push(error(`${base}.name`, `Enter the ${what} database name.`));
  if (!db.username) out.push(error(`${base}.username`, `Enter the ${what} database user.`));
  if (!db.password) out.push(error(`${base}.password`, `Enter the ${what} database password.`));
  return out;
}

export const databaseRules: Rules = (t, f) => {
  const d = t.database;
  const c = t.components;
  if (d.type === "internal")
    return d.password ? [] : [error("database.password", "Set a password for the bundled PostgreSQL (the sample's root123 is well known).")];
  const out = requireDb(d, "database", "Harbor");
  if (f.clair && c.clair) out.push(...requireDb(d.clair, "database.clair", "Clair"));
  if (f.notary && c.notary)
    out.push(...requireDb(d.notarySigner, "database.notarySigner", "Notary signer"), ...requireDb(d.notaryServer, "database.notaryServer", "Notary server"));
  if (f.postgresMinimum !== null && d.postgresMajor !== null && d.postgresMajor < f.postgresMinimum) {
    out.push(error("database.postgresMajor", `Harbor ${f.line} needs PostgreSQL ${f.postgresMinimum} or newer; upgrade the database first.`));
  } else if (f.postgresMinimum !== null && d.postgresMajor === null) {
    out.push(
      warning(
        "database.postgresMajor",
        `Harbor ${f.line} needs PostgreSQL ${f.postgresMinimum} or newer: enter the server's major version so the console can check it.`,
      ),
    );
  }
  return out;
};

/** "h1:26379,h2:26379": each entry host:port with a valid port; null = valid. */
export function hostListProblem(list: string): string | null {
  const entries = list.split(",").map((h) => h.trim());
  if (entries.every((h) => h === "")) return "Enter the Sentinel hosts, e.g. s1:26379,s2:26379,s3:26379.";
  for (const entry of entries) {
    const m = HOST_PORT.exec(entry);
    if (!m) return `"${entry}" is not host:port; use s1:26379,s2:26379,s3:26379.`;
    const port = Number(m[1]);
    if (port < 1 || port > 65535) return `"${entry}": ports are 1–65535.`;
  }
  return null;
}

const INDEX_LABEL = {
  registry: "registry",
  jobservice: "jobservice",
  chartmuseum: "ChartMuseum",
  clair: "Clair",
  trivy: "Trivy",
  harbor: "harbor",
  cacheLayer: "cache layer",
} as const;
type IndexKey = keyof typeof INDEX_LABEL;

/** The Redis databases this version and topology actually use. */
export function usedRedisIndexes(t: TTopology, f: HarborFeatures): IndexKey[] {
  const c = t.components;
  const i = t.redis.indexes;
  const used: IndexKey[] = ["registry", "jobservice"];
  if (f.chartmuseum && c.chartmuseum) used.push("chartmuseum");
  if (f.clair && c.clair) used.push("clair");
  if (f.trivy && c.trivy) used.push("trivy");
  if (f.harborAndCacheLayerDbIndex && i.harbor !== null) used.push("harbor");
  if (f.harborAndCacheLayerDbIndex && i.cacheLayer !== null) used.push("cacheLayer");
  return used;
}

function indexRules(t: TTopology, f: HarborFeatures): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const seen = new Map<number, IndexKey>();
  for (const key of usedRedisIndexes(t, f)) {
    const value = t.redis.indexes[key] as number;
    const field = `redis.indexes.${key}`;
    if (value === 0) out.push(error(field, "Redis database 0 is reserved for Harbor core; choose 1–15."));
    else if (value < 0 || value > 15) out.push(error(field, "Redis database indexes are 1–15."));
    else if (seen.has(value))
      out.push(error(field, `Index ${value} is already used by ${INDEX_LABEL[seen.get(value)!]}; each component needs its own Redis database.`));
    else seen.set(value, key);
  }
  return out;
}

export const redisRules: Rules = (t, f) => {
  const r = t.redis;
  const out: ConfigIssue[] = [];
  if (r.type === "internal") {
    if (f.redisSection) return indexRules(t, f);
    const i = r.indexes;
    const moved =
      i.registry !== HARBOR_REDIS_DEFAULTS.registry ||
      i.jobservice !== HARBOR_REDIS_DEFAULTS.jobservice ||
      (f.trivy && t.components.trivy && i.trivy !== HARBOR_REDIS_DEFAULTS.trivy);
    if (moved)
      out.push(
        warning(
          "redis.indexes.registry",
          `Harbor ${t.harborVersion} gives the bundled Redis fixed indexes; these values are ignored (a redis: section is read by ${describeGate(PATCH_GATES.redisSection)}).`,
        ),
      );
    return out;
  }
  if (r.mode === "sentinel" && f.sentinel) {
    const problem = hostListProblem(r.sentinelHosts);
    if (problem) out.push(error("redis.sentinelHosts", problem));
    if (!r.sentinelMasterSet) out.push(error("redis.sentinelMasterSet", "Enter the Sentinel master set name (e.g. mymaster)."));
  } else if (!r.address) {
    out.push(error("redis.address", "Enter the Redis address as host:port, e.g. redis.example.com:6379."));
  } else {
    const m = HOST_PORT.exec(r.address);
    if (!m) out.push(error("redis.address", "Use host:port, e.g. redis.example.com:6379 (no scheme)."));
    else if (Number(m[1]) < 1 || Number(m[1]) > 65535) out.push(error("redis.address", "Ports are 1–65535."));
  }
  // Harbor URL-quotes the Redis password only from PATCH_GATES.redisPasswordQuoted; before, these characters break the URL.
  if (!f.redisPasswordQuoted && r.password && /[@:/%#?]/.test(r.password) && r.password !== SECRET_MASK_VALUE) {
    out.push(
      error(
        "redis.password",
        `Harbor ${t.harborVersion} puts the Redis password into a URL without escaping it: avoid @ : / % # ? (escaped by ${describeGate(PATCH_GATES.redisPasswordQuoted)}).`,
      ),
    );
  }
  if (r.username && !r.password)
    out.push(error("redis.username", "A Redis username needs a password: without one Harbor glues the user name to the host in its Redis URL."));
  if (f.redisTls && r.tls && !r.tlsRootCa)
    out.push(warning("redis.tlsRootCa", "No root CA: Redis' certificate must then be signed by a CA the Harbor containers already trust."));
  return [...out, ...indexRules(t, f)];
};

const REQUIRED_STORAGE: Record<string, ReadonlyArray<readonly [string, string]>> = {
  filesystem: [["rootDirectory", "the root directory"]],
  s3: [
    ["region", "the region"],
    ["bucket", "the bucket"],
  ],
  azure: [
    ["accountName", "the account name"],
    ["accountKey", "the account key"],
    ["container", "the container"],
  ],
  gcs: [["bucket", "the bucket"]],
  swift: [
    ["authUrl", "the auth URL"],
    ["username", "the user name"],
    ["password", "the password"],
    ["container", "the container"],
  ],
  oss: [
    ["accessKeyId", "the access key ID"],
    ["accessKeySecret", "the access key secret"],
    ["region", "the region"],
    ["bucket", "the bucket"],
  ],
};

/** Harbor itself never refuses an incomplete driver (an empty block silently becomes filesystem), so we do. */
export const storageRules: Rules = (t) => {
  const s = t.storage;
  const backend = s[s.type] as Record<string, unknown>;
  const out = REQUIRED_STORAGE[s.type]
    .filter(([k]) => !backend[k])
    .map(([k, label]) => error(`storage.${s.type}.${k}`, `Enter ${label}: ${s.type} storage needs it.`));
  if (s.type === "s3") {
    if (s.s3.accessKey && !s.s3.secretKey) out.push(error("storage.s3.secretKey", "Enter the secret key that goes with the access key."));
    if (!s.s3.accessKey && s.s3.secretKey)
      out.push(error("storage.s3.accessKey", "Enter the access key that goes with the secret key (or clear both to use an instance role)."));
    if (s.s3.skipVerify)
      out.push(warning("storage.s3.skipVerify", "Certificate checks against the S3 endpoint are off; anyone in the path can read and alter images."));
  }
  return out;
};
