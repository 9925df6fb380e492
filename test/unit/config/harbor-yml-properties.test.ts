/**
 * Properties of harbor.yml over the topologies checkTopology accepts (issue 5 "Property tests"): the YAML parses,
 * holds every key the version's parser requires and none it does not know, never redis next to external_redis,
 * exactly one non-empty storage driver, the right _version, and survives import → generate unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { editableReleases, featuresFor } from "@/lib/config/features";
import { generateHarborYml, HARBOR_YAML_OPTIONS } from "@/lib/config/harbor-yml";
import { requiredHarborYmlKeys, STORAGE_DRIVERS, unknownHarborYmlKeys } from "@/lib/config/harbor-yml-keys";
import { checkTopology } from "@/lib/config/validate";
import { topologyFromHarborYml } from "@/lib/config/import-harbor-yml";
import { getPath } from "@/lib/schemas/topology-path";
import { JOB_LOGGERS, STORAGE_TYPES, type TTopology, type TTopologyInput } from "@/lib/schemas/topology";

const secret = fc.oneof(
  fc.constantFrom("yes", "12:30", "0755", "null", "~", "a: b", "#x", "- y", "p@ss:w'o\"rd", " spaced "),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const optional = <T>(arb: fc.Arbitrary<T>, on: boolean, off: T) => (on ? arb : fc.constant(off));

/** Mostly valid by construction: choices follow the version's features and the HA rules, so the filter rarely bites. */
const topologyInput: fc.Arbitrary<TTopologyInput> = fc.constantFrom(...editableReleases()).chain((v) => {
  const f = featuresFor(v)!;
  return fc
    .record({
      nodes: fc.integer({ min: 1, max: 5 }),
      tls: fc.constantFrom("none", "loadBalancer", "nodes") as fc.Arbitrary<"none" | "loadBalancer" | "nodes">,
      httpPort: fc.constantFrom(80, 8080),
      httpsPort: fc.constantFrom(443, 8443),
      externalUrl: fc.constantFrom("", "https://registry.example.com", "https://registry.example.com:9443"),
      internalTls: optional(fc.boolean(), f.internalTls, false),
      ipv6: optional(fc.boolean(), f.ipFamily, false),
      strong: optional(fc.boolean(), f.httpsStrongCiphers || f.internalTlsStrongCiphers, false),
      admin: secret,
      dbPassword: secret,
      dbExternal: fc.boolean(),
      redisExternal: fc.boolean(),
      sentinel: optional(fc.boolean(), f.sentinel, false),
      redisPassword: fc.oneof(fc.constant(""), secret),
      redisUser: optional(fc.constantFrom("", "harbor"), f.redisUsername, ""),
      redisTls: optional(fc.boolean(), f.redisTls, false),
      extraIndexes: optional(fc.boolean(), f.harborAndCacheLayerDbIndex, false),
      storage: fc.constantFrom(...STORAGE_TYPES),
      trivy: optional(fc.boolean(), f.trivy, false),
      clair: optional(fc.boolean(), f.clair, false),
      chartmuseum: optional(fc.boolean(), f.chartmuseum, false),
      loggers: fc.subarray([...JOB_LOGGERS], { minLength: 1 }),
      metrics: optional(fc.boolean(), f.metric, false),
      trace: optional(fc.constantFrom("off", "jaeger", "agent", "otel"), f.trace, "off"),
      cache: optional(fc.boolean(), f.cache, false),
      purge: fc.boolean(),
      syslog: fc.boolean(),
      quota: optional(fc.constantFrom("db", "redis") as fc.Arbitrary<"db" | "redis">, f.quotaUpdateProvider, "db"),
      proxy: fc.constantFrom("", "http://proxy.example.com:3128"),
    })
    .map((c): TTopologyInput => {
      const ha = c.nodes > 1;
      const sentinel = c.sentinel;
      return {
        harborVersion: v,
        deployment: {
          kind: "compose",
          nodes: Array.from({ length: c.nodes }, (_, i) => ({ name: `harbor-${i + 1}`, address: `10.0.0.${i + 11}` })),
          loadBalancer: { address: ha ? "harbor.example.com" : "" },
        },
        access: {
          hostname: "harbor.example.com",
          tls: c.tls,
          httpPort: c.httpPort,
          httpsPort: c.httpsPort,
          externalUrl: c.externalUrl,
          certificatePath: "/etc/harbor/tls/h.crt",
          privateKeyPath: "/etc/harbor/tls/h.key",
          internalTls: c.internalTls,
          ipv6: c.ipv6,
          strongSslCiphers: c.strong && (c.internalTls || c.tls === "nodes"),
        },
        adminPassword: c.admin,
        database:
          c.dbExternal || ha
            ? {
                type: "external",
                host: "pg.example.com",
                name: "registry",
                username: "harbor",
                password: c.dbPassword,
                sslMode: "require",
                clair: { host: "pg.example.com", name: "clair", username: "clair", password: c.dbPassword },
              }
            : { type: "internal", password: c.dbPassword },
        redis:
          c.redisExternal || ha
            ? {
                type: "external",
                mode: sentinel ? "sentinel" : "standalone",
                address: "redis.example.com:6379",
                sentinelHosts: "s1:26379, s2:26379",
                sentinelMasterSet: "mymaster",
                password: c.redisUser ? c.redisPassword || "pw" : c.redisPassword,
                username: c.redisUser,
                tls: c.redisTls,
                tlsRootCa: c.redisTls && !c.purge ? "/etc/redis/ca.pem" : "",
                indexes: c.extraIndexes ? { harbor: 6, cacheLayer: 7 } : {},
              }
            : { type: "internal", indexes: c.extraIndexes ? { harbor: 6 } : {} },
        storage: {
          type: c.storage,
          redirectDisabled: c.purge,
          filesystem: { shared: true },
          s3: {
            region: "eu-west-1",
            bucket: "b",
            accessKey: c.purge ? "AKIA" : "",
            secretKey: c.purge ? c.dbPassword : "",
            rootDirectory: c.purge ? "/r" : "",
          },
          azure: { accountName: "acct", accountKey: c.dbPassword, container: "harbor" },
          gcs: { bucket: "b", keyfile: c.purge ? "/etc/gcs.json" : "" },
          swift: { authUrl: "https://keystone/v3", username: "u", password: c.dbPassword, container: "harbor", region: c.purge ? "r1" : "" },
          oss: { accessKeyId: "id", accessKeySecret: c.dbPassword, region: "oss-cn-hangzhou", bucket: "b", internal: c.purge },
        },
        components: {
          trivy: c.trivy,
          clair: c.clair,
          chartmuseum: c.chartmuseum,
          jobservice: { jobLoggers: f.jobLoggers ? (ha ? [...c.loggers, "DB"] : c.loggers) : ["STD_OUTPUT", "FILE"] },
          log: { syslog: { enabled: c.syslog, host: "logs.example.com", protocol: c.purge ? "udp" : "tcp" } },
          proxy: { httpProxy: c.proxy, components: ["core", "jobservice", "trivy", "clair"] },
          metrics: { enabled: c.metrics },
          trace:
            c.trace === "off"
              ? {}
              : {
                  enabled: true,
                  exporter: c.trace === "otel" ? "otel" : "jaeger",
                  jaegerEndpoint: c.trace === "jaeger" ? "http://jaeger:14268/api/traces" : "",
                  jaegerAgentHost: c.trace === "agent" ? "jaeger" : "",
                  otelEndpoint: "otel:4318",
                  sampleRate: 0.5,
                },
          uploadPurging: { enabled: c.purge, age: "72h" },
          cache: { enabled: c.cache },
          quotaUpdateProvider: c.quota,
        },
      };
    });
});

const valid = topologyInput
  .map((input) => checkTopology(input))
  .filter((r) => r.topology !== null && !r.issues.some((i) => i.severity === "error"))
  .map((r) => r.topology!);
const generate = (t: TTopology) => generateHarborYml(t, { secrets: null, mask: false });

function parseYml(text: string): Record<string, unknown> {
  const d = parseDocument(text, HARBOR_YAML_OPTIONS);
  expect(d.errors).toEqual([]);
  return d.toJS() as Record<string, unknown>;
}

describe("harbor.yml properties", () => {
  it("the arbitrary mostly yields valid topologies", () => {
    const samples = fc.sample(topologyInput, { numRuns: 200, seed: 42 });
    const ok = samples.filter((s) => !checkTopology(s).issues.some((i) => i.severity === "error"));
    expect(ok.length).toBeGreaterThan(150);
  });

  it("parses, has every required key and no unknown one, one Redis and one storage driver, the right _version", () => {
    fc.assert(
      fc.property(valid, (t) => {
        const doc = parseYml(generate(t));
        const v = t.harborVersion;
        for (const key of requiredHarborYmlKeys(v, doc)) expect(getPath(doc, key), key).not.toBeOneOf([undefined, null]);
        expect(unknownHarborYmlKeys(doc, v)).toEqual([]);
        expect(doc.redis !== undefined && doc.external_redis !== undefined).toBe(false);
        const storage = doc.storage_service as Record<string, unknown>;
        const drivers = STORAGE_DRIVERS.filter((d) => storage[d] !== undefined);
        expect(drivers).toHaveLength(1);
        expect(Object.keys(storage[drivers[0]] as object).length).toBeGreaterThan(0);
        expect(doc._version).toBe(featuresFor(v)!.ymlVersion);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it("survives a parse → import → generate round trip", () => {
    fc.assert(
      fc.property(valid, (t) => {
        const text = generate(t);
        const { topology } = topologyFromHarborYml(parseYml(text), t);
        expect(generate(topology)).toBe(text);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("the round trip also holds from a neutral base (import from a running host)", () => {
    fc.assert(
      fc.property(valid, (t) => {
        const text = generate(t);
        const base = checkTopology({
          harborVersion: t.harborVersion,
          deployment: t.deployment,
          components: { trivy: t.components.trivy, clair: t.components.clair, chartmuseum: t.components.chartmuseum, notary: t.components.notary },
        }).topology!;
        const { topology } = topologyFromHarborYml(parseYml(text), { ...base, access: { ...base.access, httpsPort: t.access.httpsPort } });
        expect(generate(topology)).toBe(text);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
