import { exampleHaTopology } from "@/lib/config/example-ha-topology";
import { ZTopology, type TTopology, type TTopologyInput } from "@/lib/schemas/topology";

/** The HA topology (lib/config/example-ha-topology.ts) with this suite's secrets, load balancer and TLS. */
export function threeNodes(
  harborVersion: string,
  extra: { lb?: "nginx" | "haproxy" | "external"; tls?: "none" | "loadBalancer" | "nodes"; healthCheck?: boolean } & Partial<TTopologyInput> = {},
): TTopology {
  const { lb = "nginx", tls = "loadBalancer", healthCheck = true, ...rest } = extra;
  return ZTopology.parse({
    ...exampleHaTopology(harborVersion, {
      deployment: { loadBalancer: { kind: lb, healthCheck } },
      access: { tls, certificatePath: "/etc/harbor/tls/harbor.crt", privateKeyPath: "/etc/harbor/tls/harbor.key" },
      adminPassword: "AdminPassw0rd!",
      database: { password: "DbPassw0rd!" },
      redis: { sentinelHosts: "s1.example.com:26379,s2.example.com:26379", password: "RedisPassw0rd!" },
      storage: { s3: { secretKey: "S3SecretKeyValue!" } },
      components: { jobservice: { jobLoggers: ["DB"] } },
    }),
    ...rest,
  });
}
