import { ZTopology, type TTopology, type TTopologyInput } from "@/lib/schemas/topology";
import type { SharedSecrets } from "@/lib/config/types";

/** Fixed shared secrets for goldens (not real key material). */
export const FIXED_SECRETS: SharedSecrets = {
  secretKey: "SeCrEtKeY0123456",
  csrfKey: "CsRfKeY0123456789012345678901234",
  coreSecret: "CoReSeCrEt012345",
  jobserviceSecret: "JoBsErViCe012345",
  registrySecret: "ReGiStRy01234567",
  registryPassword: "RegistryPassw0rdXyz",
  tokenKey: "-----BEGIN PRIVATE KEY-----\nTOKENKEYFIXTURE\n-----END PRIVATE KEY-----\n",
  tokenCert: "-----BEGIN CERTIFICATE-----\nTOKENCERTFIXTURE\n-----END CERTIFICATE-----\n",
};

/** Helm with ingress: 3 replicas, external PG, Sentinel Redis, S3, ingress class, TLS secret. */
export function helmIngress(harborVersion: string, extra: Partial<TTopologyInput> = {}): TTopology {
  const three = { portal: 3, core: 3, jobservice: 3, registry: 3, trivy: 2 };
  return ZTopology.parse({
    harborVersion,
    deployment: {
      kind: "helm",
      helm: { namespace: "registry", releaseName: "harbor", exposeType: "ingress", ingressClassName: "nginx", tlsSecretName: "harbor-tls", replicas: three },
    },
    access: { hostname: "harbor.example.com", tls: "loadBalancer" },
    adminPassword: "AdminPassw0rd!",
    database: {
      type: "external",
      host: "pg.example.com",
      password: "DbPassw0rd!",
      name: "registry",
      username: "harbor",
      sslMode: "require",
      postgresMajor: 15,
    },
    redis: {
      type: "external",
      mode: "sentinel",
      sentinelHosts: "s1.example.com:26379,s2.example.com:26379,s3.example.com:26379",
      sentinelMasterSet: "mymaster",
      password: "RedisPassw0rd!",
    },
    storage: { type: "s3", s3: { region: "eu-west-1", bucket: "harbor-blobs", accessKey: "AKIAEXAMPLE", secretKey: "S3SecretKeyValue!" } },
    components: { jobservice: { jobLoggers: ["DB"] } },
    ...extra,
  });
}

/** Every secret value a topology + shared secrets hold (for "no secret leaks" assertions). */
export function secretValues(t: TTopology, s: SharedSecrets): string[] {
  return [t.adminPassword, t.database.password, t.redis.password, t.storage.s3.secretKey, ...Object.values(s)].filter((v) => v.length > 0);
}
