/**
 * Issue #16 items 6–8: harbor.yml and its validation follow Harbor's patch-level rules. Each expectation cites what
 * Harbor's prepare code does at the tag named (sources: PATCH_GATES in lib/config/features.ts).
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateHarborYml } from "@/lib/config/harbor-yml";
import { knownHarborYmlKeys, requiredHarborYmlKeys } from "@/lib/config/harbor-yml-keys";
import { getPath } from "@/lib/schemas/topology-path";
import type { TTopology } from "@/lib/schemas/topology";
import { at, errorAt, single, three, warningAt, type Edit } from "./rule-helpers";

const doc = (t: TTopology) => parse(generateHarborYml(t, { secrets: null, mask: false }), { version: "1.1" }) as Record<string, unknown>;

describe("item 6: Redis TLS without a root CA (configs.py get_redis_configs reads tlsOptions['rootCA'])", () => {
  const noCa: Edit = (t) => Object.assign(t.redis, { tls: true, tlsRootCa: "" });

  it.each(["2.13.0", "2.13.5", "2.14.4", "2.15.2"])("%s: tlsOptions always carries rootCA (empty = no CA file to copy)", (v) => {
    const d = doc(three(v, noCa));
    expect(getPath(d, "external_redis.tlsOptions")).toEqual({ enable: true, rootCA: "" });
    expect(requiredHarborYmlKeys(v, d)).toContain("external_redis.tlsOptions.rootCA");
  });

  it("a root CA path is written as given", () => {
    expect(
      getPath(doc(three("2.15.2", (t) => Object.assign(t.redis, { tls: true, tlsRootCa: "/etc/redis/ca.pem" }))), "external_redis.tlsOptions.rootCA"),
    ).toBe("/etc/redis/ca.pem");
  });

  it("rootCA is required only while TLS is on (Harbor reads it inside `if tlsOptions.enable`)", () => {
    expect(requiredHarborYmlKeys("2.15.2", { external_redis: { host: "r:6379", tlsOptions: { enable: false } } })).not.toContain(
      "external_redis.tlsOptions.rootCA",
    );
    expect(requiredHarborYmlKeys("2.15.2", { external_redis: { host: "r:6379", tlsOptions: { enable: true } } })).toContain("external_redis.tlsOptions.rootCA");
  });

  it("no root CA stays a warning at the field: prepare_trust_ca skips an empty path and the system CAs apply", () => {
    expect(warningAt(three("2.15.2", noCa), "redis.tlsRootCa")).toBeDefined();
    expect(errorAt(three("2.15.2", noCa), "redis.tlsRootCa")).toBeUndefined();
  });
});

describe("item 7: strong_ssl_ciphers (configs.py from 2.9.3 / 2.10.1; the nginx templates before)", () => {
  const strong: Edit = (t) => void (t.access.strongSslCiphers = true);
  const strongInternal: Edit = (t) => Object.assign(t.access, { strongSslCiphers: true, internalTls: true });

  it.each(["2.9.3", "2.9.5", "2.10.1", "2.10.3", "2.11.0", "2.15.2"])("%s reads https.strong_ssl_ciphers: written, no issue", (v) => {
    const t = single(v, strong);
    expect(getPath(doc(t), "https.strong_ssl_ciphers")).toBe(true);
    expect(at(t, "access.strongSslCiphers")).toEqual([]);
    expect(knownHarborYmlKeys(v).has("https.strong_ssl_ciphers")).toBe(true);
  });

  it.each(["2.9.3", "2.10.1", "2.11.0"])("%s with TLS at the load balancer and internal TLS: under internal_tls, no issue", (v) => {
    const t = three(v, strongInternal);
    expect(getPath(doc(t), "internal_tls.strong_ssl_ciphers")).toBe(true);
    expect(getPath(doc(t), "https")).toBeUndefined();
    expect(at(t, "access.strongSslCiphers")).toEqual([]);
  });

  it.each(["2.9.0", "2.9.2", "2.10.0"])("%s reads it nowhere: an error at the field, and never written", (v) => {
    for (const edit of [strong, strongInternal]) {
      const t = single(v, edit);
      expect(errorAt(t, "access.strongSslCiphers")?.message).toContain("2.10.1");
      const d = doc(t);
      expect(getPath(d, "https.strong_ssl_ciphers")).toBeUndefined();
      expect(getPath(d, "internal_tls.strong_ssl_ciphers")).toBeUndefined();
    }
    expect(knownHarborYmlKeys(v).has("https.strong_ssl_ciphers")).toBe(false);
  });

  it("before 2.9 it does not exist at all", () => {
    expect(errorAt(single("2.8.6", strong), "access.strongSslCiphers")).toBeDefined();
    expect(knownHarborYmlKeys("2.8.6").has("internal_tls.strong_ssl_ciphers")).toBe(false);
  });
});

describe("item 8: Redis password escaping and the harbor / cache_layer indexes on 2.7.x and 2.8.x", () => {
  const special: Edit = (t) => void (t.redis.password = "p@ss:w/rd#1?");

  it.each(["2.5.6", "2.6.4", "2.7.0", "2.7.1", "2.8.0"])("%s puts the password into the URL unescaped: refused", (v) => {
    expect(errorAt(three(v, special), "redis.password")).toBeDefined();
  });

  it.each(["2.7.2", "2.7.4", "2.8.1", "2.8.6", "2.9.0", "2.15.2"])("%s quotes it (quote(password, safe='')): accepted", (v) => {
    expect(at(three(v, special), "redis.password")).toEqual([]);
  });

  const indexes: Edit = (t) => Object.assign(t.redis.indexes, { harbor: 6, cacheLayer: 7 });

  it.each(["2.7.2", "2.8.3"])("%s has no harbor / cache_layer index: refused", (v) => {
    const t = three(v, indexes);
    expect(errorAt(t, "redis.indexes.harbor")).toBeDefined();
    expect(errorAt(t, "redis.indexes.cacheLayer")).toBeDefined();
  });

  it.each(["2.7.3", "2.7.4", "2.8.4", "2.8.6"])("%s reads them: accepted and written to external_redis", (v) => {
    const t = three(v, indexes);
    expect(at(t, "redis.indexes.harbor")).toEqual([]);
    expect(at(t, "redis.indexes.cacheLayer")).toEqual([]);
    expect(doc(t).external_redis).toMatchObject({ harbor_db_index: 6, cache_layer_db_index: 7 });
    expect(knownHarborYmlKeys(v).has("external_redis.harbor_db_index")).toBe(true);
  });

  it.each(["2.7.3", "2.8.4"])("%s: the bundled Redis takes a `redis:` section (get_redis_configs(internal_redis, …))", (v) => {
    const t = single(v, (t) => Object.assign(t.redis.indexes, { registry: 3, harbor: 6 }));
    expect(at(t, "redis.indexes.registry")).toEqual([]);
    expect(doc(t).redis).toMatchObject({ registry_db_index: 3, jobservice_db_index: 2, harbor_db_index: 6 });
    expect(knownHarborYmlKeys(v).has("redis.harbor_db_index")).toBe(true);
  });

  it("2.7.3 with ChartMuseum: the section carries its index too (redis['chartmuseum_db_index'] comes from the section)", () => {
    const t = single("2.7.3", (t) => Object.assign(t.components, { chartmuseum: true }));
    expect(doc(t).redis).toMatchObject({ chartmuseum_db_index: 3 });
    expect(knownHarborYmlKeys("2.7.3").has("redis.chartmuseum_db_index")).toBe(true);
    expect(
      errorAt(
        single("2.7.3", (t) =>
          Object.assign(t, { components: { ...t.components, chartmuseum: true }, redis: { ...t.redis, indexes: { ...t.redis.indexes, registry: 3 } } }),
        ),
        "redis.indexes.chartmuseum",
      ),
    ).toBeDefined();
  });

  it("2.8.3: the bundled Redis still has fixed indexes (a change is a warning) and no section", () => {
    expect(
      warningAt(
        single("2.8.3", (t) => void (t.redis.indexes.registry = 9)),
        "redis.indexes.registry",
      ),
    ).toBeDefined();
    expect(doc(single("2.8.3")).redis).toBeUndefined();
  });
});
