import { LATEST, formatRelease } from "../releases";
import { ZTopology, type TTopology } from "../schemas/topology";
import { exportTopologyYaml } from "../config/topology-yaml";

/** A three-node HA topology behind nginx: external PostgreSQL, Redis Sentinel, S3. */
export function exampleTopology(): TTopology {
  return ZTopology.parse({
    harborVersion: formatRelease(LATEST),
    deployment: {
      kind: "compose",
      nodes: [
        { name: "harbor-1", address: "10.0.10.11" },
        { name: "harbor-2", address: "10.0.10.12" },
        { name: "harbor-3", address: "10.0.10.13" },
      ],
      loadBalancer: { kind: "nginx", address: "harbor.example.com" },
    },
    access: { hostname: "harbor.example.com", tls: "loadBalancer", certificatePath: "/etc/nginx/tls/harbor.crt", privateKeyPath: "/etc/nginx/tls/harbor.key" },
    adminPassword: "set-by-placeholder",
    database: { type: "external", host: "pg.example.com", username: "harbor", password: "set-by-placeholder", sslMode: "require", postgresMajor: 16 },
    redis: {
      type: "external",
      mode: "sentinel",
      sentinelHosts: "sentinel-1.example.com:26379,sentinel-2.example.com:26379,sentinel-3.example.com:26379",
      sentinelMasterSet: "harbor",
      password: "set-by-placeholder",
    },
    storage: { type: "s3", s3: { region: "eu-west-1", bucket: "harbor-registry", accessKey: "AKIAEXAMPLE", secretKey: "set-by-placeholder" } },
    components: { jobservice: { jobLoggers: ["DB", "STD_OUTPUT"] } },
  });
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
