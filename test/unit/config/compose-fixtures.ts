import { ZTopology, type TTopology, type TTopologyInput } from "@/lib/schemas/topology";

/** 3 nodes behind a load balancer with external PG, Sentinel and S3 (the HA golden topology). */
export function threeNodes(
  harborVersion: string,
  extra: { lb?: "nginx" | "haproxy" | "external"; tls?: "none" | "loadBalancer" | "nodes"; healthCheck?: boolean } & Partial<TTopologyInput> = {},
): TTopology {
  const { lb = "nginx", tls = "loadBalancer", healthCheck = true, ...rest } = extra;
  return ZTopology.parse({
    harborVersion,
    deployment: {
      kind: "compose",
      nodes: [
        { name: "harbor-1", address: "10.0.0.11" },
        { name: "harbor-2", address: "10.0.0.12" },
        { name: "harbor-3", address: "10.0.0.13" },
      ],
      loadBalancer: { kind: lb, address: "harbor.example.com", healthCheck },
    },
    access: { hostname: "harbor.example.com", tls, certificatePath: "/etc/harbor/tls/harbor.crt", privateKeyPath: "/etc/harbor/tls/harbor.key" },
    adminPassword: "AdminPassw0rd!",
    database: { type: "external", host: "pg.example.com", password: "DbPassw0rd!", username: "harbor", postgresMajor: 15 },
    redis: {
      type: "external",
      mode: "sentinel",
      sentinelHosts: "s1.example.com:26379,s2.example.com:26379",
      sentinelMasterSet: "mymaster",
      password: "RedisPassw0rd!",
    },
    storage: { type: "s3", s3: { region: "eu-west-1", bucket: "harbor-blobs", accessKey: "AKIAEXAMPLE", secretKey: "S3SecretKeyValue!" } },
    components: { jobservice: { jobLoggers: ["DB"] } },
    ...rest,
  });
}
