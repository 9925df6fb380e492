import { LATEST, formatRelease } from "../releases";
import { ZTopology, type TTopology } from "../schemas/topology";
import { exportTopologyYaml } from "../config/topology-yaml";
import { exampleHaTopology, haNodes } from "../config/example-ha-topology";

/** The HA topology (lib/config/example-ha-topology.ts) behind nginx, with the example's own names and placeholders. */
export function exampleTopology(): TTopology {
  const placeholder = "set-by-placeholder";
  return ZTopology.parse(
    exampleHaTopology(formatRelease(LATEST), {
      deployment: { nodes: haNodes("10.0.10"), loadBalancer: { kind: "nginx" } },
      access: { certificatePath: "/etc/nginx/tls/harbor.crt", privateKeyPath: "/etc/nginx/tls/harbor.key" },
      adminPassword: placeholder,
      database: { password: placeholder, sslMode: "require", postgresMajor: 16 },
      redis: {
        sentinelHosts: "sentinel-1.example.com:26379,sentinel-2.example.com:26379,sentinel-3.example.com:26379",
        sentinelMasterSet: "harbor",
        password: placeholder,
      },
      storage: { s3: { bucket: "harbor-registry", secretKey: placeholder } },
    }),
  );
}

const GUIDE = `# Example topology: three docker-compose nodes behind nginx, external PostgreSQL, Redis Sentinel, S3.
#
# spec lists only what differs from the defaults (lib/schemas/topology.ts holds every field and its default):
#   harborVersion             target release, 1.10.0 or newer
#   deployment                kind compose|helm; nodes (name, address); dataVolume; loadBalancer (kind nginx|haproxy|external,
#                             address, healthCheck); helm (namespace, releaseName, exposeType, ingressClassName,
#                             tlsSecretName, replicas per component)
#   access                    hostname, externalUrl, tls none|loadBalancer|nodes, ports, certificate paths, internalTls
#   database, redis, storage  internal or external services and their settings; storage.type picks the backend block
#   components                trivy, notary, chartmuseum, clair, jobservice, log, proxy, metrics, trace, uploadPurging, cache
#
# Secrets (admin password, database/redis passwords, storage keys) are \${HARBOR_...} placeholders read from the
# environment by "npm run config -- generate"; shared keys live in <this file's name>.secrets.yaml, created once.
`;

export function exampleTopologyYaml(): string {
  return GUIDE + exportTopologyYaml(exampleTopology(), { name: "example", description: "Three-node HA Harbor" }, { secrets: "placeholders" });
}
