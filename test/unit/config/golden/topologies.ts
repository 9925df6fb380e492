/** The topologies behind the golden files (and reused by the unit tests): inputs as a user would write them. */
import { exampleHaTopology } from "@/lib/config/example-ha-topology";
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

/**
 * The HA topology (lib/config/example-ha-topology.ts): three compose nodes behind HAProxy (TLS at the LB), external
 * PostgreSQL, Sentinel Redis (standalone before 2.1), S3 — with the golden secrets and what each version supports.
 */
export function threeNodes(version: string): TTopologyInput {
  const f = featuresFor(version)!;
  const password = "golden-redis-password";
  return exampleHaTopology(version, {
    adminPassword: "golden-admin-password",
    database: { port: 5432, name: "registry", password: "golden-pg-password", sslMode: "require", maxIdleConns: 50, maxOpenConns: 300 },
    redis: f.sentinel
      ? { sentinelHosts: "sentinel-1:26379,sentinel-2:26379,sentinel-3:26379", password, indexes: f.harborAndCacheLayerDbIndex ? { harbor: 6, cacheLayer: 7 } : {} }
      : { mode: "standalone", sentinelHosts: undefined, sentinelMasterSet: undefined, address: "redis.example.com:6379", password },
    storage: { s3: { bucket: "harbor-images", accessKey: "AKIAGOLDEN", secretKey: "golden-s3-secret", rootDirectory: "/harbor" } },
    components: {
      trivy: f.trivy,
      jobservice: { jobLoggers: f.jobLoggers ? ["STD_OUTPUT", "DB"] : ["STD_OUTPUT", "FILE"] },
      metrics: { enabled: f.metric },
    },
  });
}

/** A parsed topology from one of the builders, changed in place by `edit`. */
export function build(input: (v: string) => TTopologyInput, version: string, edit?: (t: TTopology) => void): TTopology {
  const t = ZTopology.parse(input(version));
  edit?.(t);
  return t;
}
