import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { editableReleases } from "@/lib/config/features";
import { chartFor } from "@/lib/config/helm-chart";
import { knownHelmKeys } from "@/lib/config/helm-keys";
import { defaultHelmSecretNames, generateHelmValues } from "@/lib/config/helm-values";
import { EXPOSE_TYPES, JOB_LOGGERS, STORAGE_TYPES, TLS_MODES, ZTopology } from "@/lib/schemas/topology";
import { FIXED_SECRETS } from "./helm-fixtures";

const MAPPED = editableReleases().filter((v) => chartFor(v).ok);

/** Leaf paths of parsed values: a known path stops the descent (free-form maps such as annotations are leaves). */
function leaves(value: unknown, known: ReadonlySet<string>, prefix = ""): string[] {
  if (prefix && known.has(prefix)) return [prefix];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, known, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const topologyArb = fc
  .record({
    harborVersion: fc.constantFrom(...MAPPED),
    exposeType: fc.constantFrom(...EXPOSE_TYPES),
    tls: fc.constantFrom(...TLS_MODES),
    ingressClassName: fc.constantFrom("", "nginx"),
    tlsSecretName: fc.constantFrom("", "harbor-tls"),
    replicas: fc.integer({ min: 1, max: 4 }),
    storage: fc.constantFrom(...STORAGE_TYPES),
    caBundle: fc.constantFrom("", "/etc/ssl/ca.pem"),
    redirectDisabled: fc.boolean(),
    dbExternal: fc.boolean(),
    redisExternal: fc.boolean(),
    sentinel: fc.boolean(),
    redisTls: fc.boolean(),
    redisUser: fc.constantFrom("", "harbor"),
    harborIndex: fc.constantFrom(null, 6),
    flags: fc.record({ trivy: fc.boolean(), notary: fc.boolean(), chartmuseum: fc.boolean(), clair: fc.boolean(), internalTls: fc.boolean() }),
    loggers: fc.subarray([...JOB_LOGGERS], { minLength: 1 }),
    extras: fc.record({ trace: fc.boolean(), cache: fc.boolean(), metrics: fc.boolean(), purge: fc.boolean(), proxy: fc.boolean(), jaeger: fc.boolean() }),
  })
  .map((a) =>
    ZTopology.parse({
      harborVersion: a.harborVersion,
      deployment: {
        kind: "helm",
        helm: {
          exposeType: a.exposeType,
          ingressClassName: a.ingressClassName,
          tlsSecretName: a.tlsSecretName,
          replicas: { portal: a.replicas, core: a.replicas, jobservice: a.replicas, registry: a.replicas, trivy: a.replicas },
        },
      },
      access: { hostname: "harbor.example.com", tls: a.tls, internalTls: a.flags.internalTls, httpsPort: a.exposeType === "loadBalancer" ? 8443 : 443 },
      adminPassword: "Adm1nPassword",
      database: { type: a.dbExternal ? "external" : "internal", host: "pg", password: "pw" },
      redis: {
        type: a.redisExternal ? "external" : "internal",
        mode: a.sentinel ? "sentinel" : "standalone",
        address: "redis:6379",
        sentinelHosts: "s1:26379,s2:26379",
        sentinelMasterSet: "m",
        password: "rpw",
        username: a.redisUser,
        tls: a.redisTls,
        indexes: { harbor: a.harborIndex },
      },
      storage: {
        type: a.storage,
        caBundle: a.caBundle,
        redirectDisabled: a.redirectDisabled,
        s3: { secretKey: "k" },
        azure: { accountKey: "k" },
        gcs: { encodedKey: '{"type":"service_account"}' },
        swift: { password: "k" },
        oss: { accessKeySecret: "k" },
      },
      components: {
        trivy: a.flags.trivy,
        notary: a.flags.notary,
        chartmuseum: a.flags.chartmuseum,
        clair: a.flags.clair,
        jobservice: { jobLoggers: a.loggers },
        trace: { enabled: a.extras.trace, exporter: a.extras.jaeger ? "jaeger" : "otel", otelEndpoint: "otel:4318", jaegerEndpoint: "http://j:14268" },
        cache: { enabled: a.extras.cache },
        metrics: { enabled: a.extras.metrics },
        uploadPurging: { enabled: a.extras.purge },
        proxy: { httpProxy: a.extras.proxy ? "http://proxy:3128" : "", components: ["core", "jobservice", "trivy", "clair"] },
      },
    }),
  );

describe("helm values use only the pinned chart's keys", () => {
  it("every emitted leaf path is in knownHelmKeys(chart), for every mapped version and many topologies", () => {
    fc.assert(
      fc.property(topologyArb, fc.boolean(), (t, mask) => {
        const r = chartFor(t.harborVersion);
        if (!r.ok) return;
        const known = knownHelmKeys(r.chart);
        const values = parse(generateHelmValues(t, { secrets: FIXED_SECRETS, mask, secretNames: defaultHelmSecretNames("harbor") }));
        const unknown = leaves(values, known).filter((p) => !known.has(p));
        expect(unknown).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("keys that went away are absent from later charts and new keys from earlier ones", () => {
    expect(knownHelmKeys("1.4.6").has("redis.external.host")).toBe(true);
    expect(knownHelmKeys("1.5.0").has("redis.external.host")).toBe(false);
    expect(knownHelmKeys("1.5.0").has("redis.external.sentinelMasterSet")).toBe(true);
    expect(knownHelmKeys("1.12.6").has("notary.enabled")).toBe(true);
    expect(knownHelmKeys("1.13.0").has("notary.enabled")).toBe(false);
    expect(knownHelmKeys("1.11.4").has("chartmuseum.enabled")).toBe(true);
    expect(knownHelmKeys("1.12.0").has("chartmuseum.enabled")).toBe(false);
    expect(knownHelmKeys("1.16.4").has("redis.external.tlsOptions.enable")).toBe(false);
    expect(knownHelmKeys("1.17.0").has("redis.external.tlsOptions.enable")).toBe(true);
    expect(knownHelmKeys("1.13.5").has("core.existingSecret")).toBe(false);
    expect(knownHelmKeys("1.14.0").has("core.existingSecret")).toBe(true);
  });

  it("covers every mapped release", () => {
    expect(MAPPED).toContain("1.10.18");
    expect(MAPPED).toContain("2.15.1");
    expect(MAPPED).not.toContain("2.15.2");
  });
});

describe("key arrivals read off the chart's values.yaml at its tags", () => {
  // goharbor/harbor-helm values.yaml: jobLoggers replaced jobLogger at v1.6.0; ingress className arrived at v1.9.0;
  // expose.tls.certSource at v1.5.0 (1.4's certSource is internalTLS's) (docs/harbor/helm.md §3).
  it.each([
    ["1.5.5", "jobservice.jobLogger", true],
    ["1.5.5", "jobservice.jobLoggers", false],
    ["1.6.0", "jobservice.jobLogger", false],
    ["1.6.0", "jobservice.jobLoggers", true],
    ["1.8.3", "expose.ingress.className", false],
    ["1.9.0", "expose.ingress.className", true],
    ["1.4.6", "expose.tls.certSource", false],
    ["1.4.6", "expose.tls.secretName", true],
    ["1.5.0", "expose.tls.certSource", true],
    ["1.5.0", "expose.tls.secretName", false],
  ] as const)("chart %s has %s: %s", (chart, key, has) => {
    expect(knownHelmKeys(chart).has(key)).toBe(has);
  });
});
