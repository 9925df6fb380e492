/** The topologies behind the golden files (and reused by the unit tests): inputs as a user would write them. */
import { featuresFor } from "@/lib/config/features";
import { ZTopology, type TTopology, type TTopologyInput } from "@/lib/schemas/topology";

export const GOLDEN_VERSIONS = ["1.10.19", "2.0.6", "2.3.5", "2.5.6", "2.8.6", "2.9.5", "2.11.2", "2.15.2"] as const;

/** One compose node, bundled PostgreSQL and Redis, local filesystem, TLS on the node. */
export function singleNode(version: string): TTopologyInput {
  const f = featuresFor(version)!;
  return {
    harborVersion: version,
    deployment: { kind: "compose", nodes: [{ name: "harbor-1", address: "10.0.0.11" }], dataVolume: "/data" },
    access: { hostname: "harbor.example.com", tls: "nodes", certificatePath: "/etc/harbor/tls/harbor.crt", privateKeyPath: "/etc/harbor/tls/harbor.key" },
    adminPassword: "golden-admin-password",
    database: { type: "internal", password: "golden-db-password" },
    components: { trivy: f.trivy },
  };
}

/** Three compose nodes behind HAProxy (TLS at the LB), external PostgreSQL, Sentinel Redis (standalone before 2.1), S3. */
export function threeNodes(version: string): TTopologyInput {
  const f = featuresFor(version)!;
  return {
    harborVersion: version,
    deployment: {
      kind: "compose",
      nodes: [
        { name: "harbor-1", address: "10.0.0.11" },
        { name: "harbor-2", address: "10.0.0.12" },
        { name: "harbor-3", address: "10.0.0.13" },
      ],
      loadBalancer: { kind: "haproxy", address: "harbor.example.com", healthCheck: true },
    },
    access: { hostname: "harbor.example.com", tls: "loadBalancer" },
    adminPassword: "golden-admin-password",
    database: { type: "external", host: "pg.example.com", port: 5432, name: "registry", username: "harbor", password: "golden-pg-password", sslMode: "require", maxIdleConns: 50, maxOpenConns: 300, postgresMajor: 15 },
    redis: f.sentinel
      ? { type: "external", mode: "sentinel", sentinelHosts: "sentinel-1:26379,sentinel-2:26379,sentinel-3:26379", sentinelMasterSet: "mymaster", password: "golden-redis-password", indexes: f.harborAndCacheLayerDbIndex ? { harbor: 6, cacheLayer: 7 } : {} }
      : { type: "external", mode: "standalone", address: "redis.example.com:6379", password: "golden-redis-password" },
    storage: { type: "s3", s3: { region: "eu-west-1", bucket: "harbor-images", accessKey: "AKIAGOLDEN", secretKey: "golden-s3-secret", rootDirectory: "/harbor" } },
    components: {
      trivy: f.trivy,
      jobservice: { jobLoggers: f.jobLoggers ? ["STD_OUTPUT", "DB"] : ["STD_OUTPUT", "FILE"] },
      metrics: { enabled: f.metric },
    },
  };
}

/** A parsed topology from one of the builders, changed in place by `edit`. */
export function build(input: (v: string) => TTopologyInput, version: string, edit?: (t: TTopology) => void): TTopology {
  const t = ZTopology.parse(input(version));
  edit?.(t);
  return t;
}
