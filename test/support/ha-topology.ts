/**
 * The HA topology the tests save and generate from: three docker-compose nodes behind HAProxy, external PostgreSQL,
 * Redis Sentinel and S3 — one definition for every test that needs "the 3-node HA topology".
 */
import { defaultTopology } from "@/lib/schemas/topology-default";
import type { TTopology } from "@/lib/schemas/topology";

export interface HaTopologyOptions {
  version?: string;
  /** the secrets a test looks for in the database and the generated files */
  dbPassword?: string;
  s3Secret?: string;
}

export function haTopology(opts: HaTopologyOptions = {}, over: (t: TTopology) => void = () => undefined): TTopology {
  const t = defaultTopology(opts.version ?? "2.11.2");
  t.adminPassword = "Admin-Initial-Pw-1";
  t.deployment.nodes = [1, 2, 3].map((i) => ({ name: `harbor-${i}`, address: `10.0.0.${10 + i}` }));
  t.deployment.loadBalancer = { kind: "haproxy", address: "harbor.example.com", healthCheck: true };
  t.access.hostname = "harbor.example.com";
  t.database = {
    ...t.database,
    type: "external",
    host: "pg.example.com",
    name: "registry",
    username: "harbor",
    password: opts.dbPassword ?? "pg-Secret-ha",
    postgresMajor: 15,
  };
  t.redis = {
    ...t.redis,
    type: "external",
    mode: "sentinel",
    sentinelHosts: "s1:26379,s2:26379,s3:26379",
    sentinelMasterSet: "mymaster",
    password: "redis-pw",
  };
  t.storage = {
    ...t.storage,
    type: "s3",
    s3: { ...t.storage.s3, region: "eu-west-1", bucket: "harbor-blobs", accessKey: "AKIAEXAMPLE", secretKey: opts.s3Secret ?? "s3-Secret-ha" },
  };
  t.components.jobservice.jobLoggers = ["DB", "STD_OUTPUT"];
  over(t);
  return t;
}
