import * as z from "zod";
import { secret } from "./secret-field";
import { refuseUnknownKeys } from "./topology-keys";
import {
  TOPOLOGY_API_VERSION,
  TOPOLOGY_KIND,
  HOST_NAME,
  HARBOR_VERSION_PATTERN,
  DEPLOYMENT_KINDS,
  TLS_MODES,
  LB_KINDS,
  EXPOSE_TYPES,
  SSL_MODES,
  REDIS_MODES,
  STORAGE_TYPES,
  JOB_LOGGERS,
  LOG_LEVELS,
  SYSLOG_PROTOCOLS,
  TRACE_EXPORTERS,
  PROXY_COMPONENTS,
  QUOTA_PROVIDERS,
} from "./topology-options";

/**
 * The topology of one Harbor instance, schema version 1: the form's values, the body of a saved revision and the
 * document of "topology as code" (YAML, see README "Topology as code"). Client-safe.
 *
 * Shape rules (types, ranges, formats) live here; rules that depend on the Harbor version, the HA rules and the
 * prepare tool's rules live in lib/config/validate.ts, which runs on the parsed value. Every section has defaults,
 * so a YAML file only has to say what differs from them and the form always holds every field (switching the
 * deployment mode or the storage backend loses nothing the user typed).
 *
 * Secret fields (marked with secret(), listed as SECRET_PATHS in topology-secrets.ts) hold the value itself in YAML and
 * in the generator's input; the console stores them encrypted apart from the revision, masks them in previews, diffs,
 * logs and audit rows, and the browser never receives them (an empty string means "keep the stored value"). The
 * mark also names the harbor.yml and values.yaml keys the value is written to.
 *
 * A key the schema does not know is an error at its path, with the closest known key ("did you mean …?"), not dropped
 * in silence (lib/schemas/topology-keys.ts).
 */

export * from "./topology-options";

const str = (max = 253) => z.string().trim().max(max);
const port = z
  .number({ error: "Enter a port number" })
  .int({ error: "Enter a whole number" })
  .min(1, { error: "Ports are 1–65535" })
  .max(65535, { error: "Ports are 1–65535" });
const absPath = str(1024).refine((v) => v === "" || v.startsWith("/"), { error: "Use an absolute path (starting with /)" });
const count = (min: number, max: number) =>
  z
    .number({ error: "Enter a number" })
    .int({ error: "Enter a whole number" })
    .min(min, { error: `At least ${min}` })
    .max(max, { error: `At most ${max}` });

const host = str().refine((v) => v === "" || HOST_NAME.test(v), { error: "Enter a host name or IP address, without scheme or port" });
/** Proxy URLs would carry credentials in clear text into every file and page: the console refuses them. */
const proxyUrl = str(2048).refine((v) => !/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*@/i.test(v), {
  error: "Leave credentials out of the proxy URL: the console would show them in every file; use a proxy that allows the nodes by address.",
});
const K8S_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Only the shape here: a node list is kept (not used) while a Helm deployment is edited, so its rules run for compose only (lib/config/validate-ha.ts). */
const ZNode = z.object({
  name: str(63),
  address: str(253),
});

/** An external database of a component Harbor once bundled; `ymlKey` is its section under harbor.yml's external_database. */
const externalDb = (ymlKey: string) =>
  z.object({
    host: host.default(""),
    port: port.default(5432),
    name: str(63).default(""),
    username: str(63).default(""),
    password: secret(z.string().max(512).default(""), { harborYml: [`external_database.${ymlKey}.password`], helmValues: [] }),
    sslMode: z.enum(SSL_MODES).default("disable"),
  });

const ZTopologyObject = z.object({
  harborVersion: z.string().trim().max(32).regex(HARBOR_VERSION_PATTERN, { error: "Choose a Harbor release, e.g. 2.11.2" }),

  deployment: z
    .object({
      kind: z.enum(DEPLOYMENT_KINDS).default("compose"),
      /** docker-compose: one Harbor node per host, identical config on each. */
      nodes: z.array(ZNode).max(64, { error: "At most 64 nodes" }).default([]),
      dataVolume: absPath.default("/data"),
      loadBalancer: z
        .object({
          kind: z.enum(LB_KINDS).default("nginx"),
          /** the virtual IP or DNS name clients use; the harbor.yml hostname points here */
          address: host.default(""),
          healthCheck: z.boolean().default(true),
        })
        .prefault({}),
      helm: z
        .object({
          namespace: str(63).regex(K8S_NAME, { error: "A Kubernetes namespace: lower-case letters, digits and -" }).default("harbor"),
          releaseName: str(53).regex(K8S_NAME, { error: "A Helm release name: lower-case letters, digits and -" }).default("harbor"),
          exposeType: z.enum(EXPOSE_TYPES).default("ingress"),
          ingressClassName: str(253).default(""),
          /** Secret holding tls.crt/tls.key for the ingress or the nginx service; empty = chart-generated */
          tlsSecretName: str(253).default(""),
          replicas: z
            .object({
              portal: count(1, 20).default(1),
              core: count(1, 20).default(1),
              jobservice: count(1, 20).default(1),
              registry: count(1, 20).default(1),
              trivy: count(1, 20).default(1),
            })
            .prefault({}),
        })
        .prefault({}),
    })
    .prefault({}),

  access: z
    .object({
      hostname: host.default(""),
      /** overrides the public URL (e.g. a port the LB listens on); "" = derived from hostname and TLS */
      externalUrl: str(2048)
        .refine((v) => v === "" || /^https?:\/\/[^/?#\s]+\/?$/.test(v), { error: "A full URL of a domain root, e.g. https://harbor.example.com" })
        .default(""),
      tls: z.enum(TLS_MODES).default("loadBalancer"),
      httpPort: port.default(80),
      httpsPort: port.default(443),
      certificatePath: absPath.default(""),
      privateKeyPath: absPath.default(""),
      internalTls: z.boolean().default(false),
      internalTlsDir: absPath.default("/etc/harbor/tls/internal"),
      strongSslCiphers: z.boolean().default(false),
      ipv6: z.boolean().default(false),
    })
    .prefault({}),

  adminPassword: secret(z.string().max(256).default(""), { harborYml: ["harbor_admin_password"], helmValues: ["harborAdminPassword"] }),

  database: z
    .object({
      type: z.enum(["internal", "external"]).default("internal"),
      /** internal: the bundled PostgreSQL's password; external: the harbor database's credentials */
      password: secret(z.string().max(512).default(""), {
        harborYml: ["database.password", "external_database.harbor.password"],
        helmValues: ["database.internal.password", "database.external.password"],
      }),
      host: host.default(""),
      port: port.default(5432),
      name: str(63).default("registry"),
      username: str(63).default("postgres"),
      sslMode: z.enum(SSL_MODES).default("disable"),
      maxIdleConns: count(0, 10000).default(100),
      maxOpenConns: count(0, 100000).default(900),
      /** major version of the external PostgreSQL, for Harbor's minimums; null = not recorded */
      postgresMajor: count(9, 99).nullable().default(null),
      clair: externalDb("clair").prefault({}),
      notarySigner: externalDb("notary_signer").prefault({}),
      notaryServer: externalDb("notary_server").prefault({}),
    })
    .prefault({}),

  redis: z
    .object({
      type: z.enum(["internal", "external"]).default("internal"),
      mode: z.enum(REDIS_MODES).default("standalone"),
      /** standalone: host:port */
      address: str(260).default(""),
      /** sentinel: "s1:26379,s2:26379,s3:26379" */
      sentinelHosts: str(2048).default(""),
      sentinelMasterSet: str(253).default(""),
      username: str(128).default(""),
      password: secret(z.string().max(512).default(""), { harborYml: ["external_redis.password"], helmValues: ["redis.external.password"] }),
      tls: z.boolean().default(false),
      tlsRootCa: absPath.default(""),
      idleTimeoutSeconds: count(0, 86400).default(30),
      /** database index per component; core always uses 0. null = the component's index is not set */
      indexes: z
        .object({
          registry: count(0, 15).default(1),
          jobservice: count(0, 15).default(2),
          chartmuseum: count(0, 15).default(3),
          clair: count(0, 15).default(4),
          trivy: count(0, 15).default(5),
          harbor: count(0, 15).nullable().default(null),
          cacheLayer: count(0, 15).nullable().default(null),
        })
        .prefault({}),
    })
    .prefault({}),

  storage: z
    .object({
      type: z.enum(STORAGE_TYPES).default("filesystem"),
      caBundle: absPath.default(""),
      /** registry redirects blob downloads to the backend (keep enabled unless the backend is not reachable by clients) */
      redirectDisabled: z.boolean().default(false),
      filesystem: z
        .object({
          rootDirectory: absPath.default("/storage"),
          /** the operator confirms data_volume is on storage shared by every node (NFS, CephFS…) */
          shared: z.boolean().default(false),
        })
        .prefault({}),
      s3: z
        .object({
          region: str(64).default(""),
          bucket: str(255).default(""),
          accessKey: str(256).default(""),
          secretKey: secret(z.string().max(512).default(""), {
            harborYml: ["storage_service.s3.secretkey"],
            helmValues: ["persistence.imageChartStorage.s3.secretkey"],
          }),
          regionEndpoint: str(2048).default(""),
          encrypt: z.boolean().default(false),
          secure: z.boolean().default(true),
          v4auth: z.boolean().default(true),
          skipVerify: z.boolean().default(false),
          rootDirectory: absPath.default(""),
          storageClass: str(64).default("STANDARD"),
        })
        .prefault({}),
      azure: z
        .object({
          accountName: str(64).default(""),
          accountKey: secret(z.string().max(512).default(""), {
            harborYml: ["storage_service.azure.accountkey"],
            helmValues: ["persistence.imageChartStorage.azure.accountkey"],
          }),
          container: str(63).default(""),
          realm: str(253).default("core.windows.net"),
        })
        .prefault({}),
      gcs: z
        .object({
          bucket: str(222).default(""),
          /** docker-compose: path of the service-account key file on every node */
          keyfile: absPath.default(""),
          /** Helm: the service-account key JSON (stored as a secret, base64-encoded into the values) */
          encodedKey: secret(z.string().max(16384).default(""), { harborYml: [], helmValues: ["persistence.imageChartStorage.gcs.encodedkey"] }),
          rootDirectory: absPath.default(""),
          chunkSize: count(262144, 1073741824).default(5242880),
        })
        .prefault({}),
      swift: z
        .object({
          authUrl: str(2048).default(""),
          username: str(256).default(""),
          password: secret(z.string().max(512).default(""), {
            harborYml: ["storage_service.swift.password"],
            helmValues: ["persistence.imageChartStorage.swift.password"],
          }),
          container: str(256).default(""),
          region: str(64).default(""),
          tenant: str(256).default(""),
          domain: str(256).default(""),
        })
        .prefault({}),
      oss: z
        .object({
          accessKeyId: str(256).default(""),
          accessKeySecret: secret(z.string().max(512).default(""), {
            harborYml: ["storage_service.oss.accesskeysecret"],
            helmValues: ["persistence.imageChartStorage.oss.accesskeysecret"],
          }),
          region: str(64).default(""),
          bucket: str(255).default(""),
          endpoint: str(2048).default(""),
          internal: z.boolean().default(false),
          encrypt: z.boolean().default(false),
          secure: z.boolean().default(true),
          rootDirectory: absPath.default(""),
        })
        .prefault({}),
    })
    .prefault({}),

  components: z
    .object({
      trivy: z.boolean().default(true),
      notary: z.boolean().default(false),
      chartmuseum: z.boolean().default(false),
      clair: z.boolean().default(false),
      jobservice: z
        .object({
          maxJobWorkers: count(1, 1000).default(10),
          jobLoggers: z.array(z.enum(JOB_LOGGERS)).max(16).default(["STD_OUTPUT", "FILE"]),
          loggerSweeperDays: count(1, 365).default(1),
          maxJobDurationHours: count(24, 8760).default(24),
        })
        .prefault({}),
      notification: z
        .object({
          webhookJobMaxRetry: count(0, 100).default(3),
          webhookJobHttpClientTimeout: count(1, 3600).default(3),
        })
        .prefault({}),
      log: z
        .object({
          level: z.enum(LOG_LEVELS).default("info"),
          rotateCount: count(0, 10000).default(50),
          rotateSize: str(16)
            .regex(/^\d+[kKmMgG]?$/, { error: "A size such as 200M, 1G or 512k" })
            .default("200M"),
          location: absPath.default("/var/log/harbor"),
          syslog: z
            .object({
              enabled: z.boolean().default(false),
              protocol: z.enum(SYSLOG_PROTOCOLS).default("tcp"),
              host: host.default(""),
              port: port.default(5140),
            })
            .prefault({}),
        })
        .prefault({}),
      proxy: z
        .object({
          httpProxy: proxyUrl.default(""),
          httpsProxy: proxyUrl.default(""),
          noProxy: str(4096).default(""),
          components: z.array(z.enum(PROXY_COMPONENTS)).max(16).default(["core", "jobservice", "trivy"]),
        })
        .prefault({}),
      metrics: z
        .object({
          enabled: z.boolean().default(false),
          port: port.default(9090),
          path: str(256)
            .regex(/^\/\S*$/, { error: "A path starting with /" })
            .default("/metrics"),
        })
        .prefault({}),
      trace: z
        .object({
          enabled: z.boolean().default(false),
          exporter: z.enum(TRACE_EXPORTERS).default("otel"),
          sampleRate: z.number().min(0).max(1).default(1),
          namespace: str(253).default(""),
          /** jaeger: collector endpoint URL, or leave empty and set agentHost */
          jaegerEndpoint: str(2048).default(""),
          jaegerAgentHost: host.default(""),
          jaegerAgentPort: port.default(6831),
          /** otel: host:port of the OTLP/HTTP receiver */
          otelEndpoint: str(2048).default(""),
          otelUrlPath: str(256).default("/v1/traces"),
          otelInsecure: z.boolean().default(true),
        })
        .prefault({}),
      uploadPurging: z
        .object({
          enabled: z.boolean().default(true),
          age: str(16).default("168h"),
          interval: str(16).default("24h"),
          dryrun: z.boolean().default(false),
        })
        .prefault({}),
      cache: z
        .object({
          enabled: z.boolean().default(false),
          expireHours: count(0, 8760).default(24),
        })
        .prefault({}),
      quotaUpdateProvider: z.enum(QUOTA_PROVIDERS).default("db"),
    })
    .prefault({}),
});

/** Parses a topology: the form's values, a save, a seed file's or a YAML document's `spec`. */
export const ZTopology = refuseUnknownKeys(ZTopologyObject);

/** What a topology document looks like before defaults (YAML, form input). */
export type TTopologyInput = z.input<typeof ZTopologyObject>;
/** A parsed topology: every field present. */
export type TTopology = z.output<typeof ZTopology>;
export type TTopologyNode = TTopology["deployment"]["nodes"][number];

/** The YAML document: apiVersion/kind header around the topology. */
export const ZTopologyDocument = refuseUnknownKeys(
  z.object({
    apiVersion: z.literal(TOPOLOGY_API_VERSION, { error: `apiVersion must be "${TOPOLOGY_API_VERSION}"` }),
    kind: z.literal(TOPOLOGY_KIND, { error: `kind must be "${TOPOLOGY_KIND}"` }),
    metadata: z.object({ name: str(63).default(""), description: str(1000).default("") }).prefault({}),
    spec: ZTopologyObject,
  }),
  // `database:` beside `spec:` rather than under it
  (path, key) =>
    path.length === 0 && Object.hasOwn(ZTopologyObject.shape, key) ? `\`${key}\` belongs under \`spec:\`, not at the top of the document` : undefined,
);
export type TTopologyDocument = z.output<typeof ZTopologyDocument>;
