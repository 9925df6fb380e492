/** harbor.yml generation rules per version (docs/harbor/config.md §2, §3); the key catalogue is in harbor-yml-keys.test.ts. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateHarborYml } from "@/lib/config/harbor-yml";
import { HARBOR_YML_SECRET_KEYS } from "@/lib/config/secret-keys";
import { isKnownHarborYmlKey, knownHarborYmlKeys } from "@/lib/config/harbor-yml-keys";
import { SECRET_MASK } from "@/lib/config/types";
import { getPath } from "@/lib/schemas/topology-path";
import type { TTopology } from "@/lib/schemas/topology";
import { build, singleNode, threeNodes } from "./golden/topologies";

type Edit = (t: TTopology) => void;
const yml = (t: TTopology, mask = false) => generateHarborYml(t, { secrets: null, mask });
const doc = (t: TTopology) => parse(yml(t), { version: "1.1" }) as Record<string, unknown>;
const single = (v: string, edit?: Edit) => doc(build(singleNode, v, edit));
const three = (v: string, edit?: Edit) => doc(build(threeNodes, v, edit));

describe("output", () => {
  it("is deterministic and differs per node only in the leading comment", () => {
    const t = build(threeNodes, "2.11.2");
    const [a, b] = t.deployment.nodes.map((node) => generateHarborYml(t, { secrets: null, mask: false, node }));
    expect(generateHarborYml(t, { secrets: null, mask: false, node: t.deployment.nodes[0] })).toBe(a);
    expect(a).toContain("Node harbor-1 (10.0.0.11)");
    expect(b).toContain("Node harbor-2 (10.0.0.12)");
    const strip = (s: string) =>
      s
        .split("\n")
        .filter((l) => !l.startsWith("# Node "))
        .join("\n");
    expect(strip(a)).toBe(strip(b));
  });

  it("mask=true replaces every secret, including empty ones, and leaks none", () => {
    const t = build(threeNodes, "2.11.2", (t) => Object.assign(t.redis, { password: "" }));
    const masked = yml(t, true);
    const d = parse(masked);
    for (const key of ["harbor_admin_password", "external_database.harbor.password", "external_redis.password", "storage_service.s3.secretkey"])
      expect(getPath(d, key)).toBe(SECRET_MASK);
    for (const secret of ["golden-admin-password", "golden-pg-password", "golden-s3-secret"]) expect(masked).not.toContain(secret);
    expect(getPath(single("2.11.2"), "database.password")).toBe("golden-db-password");
  });

  it("every secret key is known to some version", () => {
    const known = knownHarborYmlKeys("2.8.6");
    for (const key of HARBOR_YML_SECRET_KEYS.filter((k) => !k.startsWith("external_database.clair"))) expect(isKnownHarborYmlKey(known, key), key).toBe(true);
    expect(knownHarborYmlKeys("2.1.6").has("external_database.clair.password")).toBe(true);
  });

  it("quotes strings PyYAML would read as something else", () => {
    const text = yml(build(singleNode, "2.11.2", (t) => Object.assign(t, { adminPassword: "yes", database: { ...t.database, password: "12:30" } })));
    expect(text).toContain('harbor_admin_password: "yes"');
    expect(parse(text, { version: "1.1" }).database.password).toBe("12:30");
  });
});

describe("access", () => {
  it("TLS on the nodes: an https block, no external_url", () => {
    const d = single("2.11.2");
    expect(d.https).toEqual({ port: 443, certificate: "/etc/harbor/tls/harbor.crt", private_key: "/etc/harbor/tls/harbor.key" });
    expect(d.external_url).toBeUndefined();
  });

  it("TLS at the load balancer: http nodes and an https external_url (with the LB port when not 443)", () => {
    expect(three("2.11.2")).toMatchObject({ external_url: "https://harbor.example.com" });
    expect(three("2.11.2").https).toBeUndefined();
    expect(three("2.11.2", (t) => void (t.access.httpsPort = 8443)).external_url).toBe("https://harbor.example.com:8443");
    expect(three("2.11.2", (t) => void (t.access.externalUrl = "https://registry.example.com")).external_url).toBe("https://registry.example.com");
  });

  it("no TLS: neither https nor external_url", () => {
    const d = single("2.11.2", (t) => void (t.access.tls = "none"));
    expect(d.https).toBeUndefined();
    expect(d.external_url).toBeUndefined();
  });

  it("internal_tls only from 2.0 and only when enabled", () => {
    expect(single("2.0.6", (t) => void (t.access.internalTls = true)).internal_tls).toEqual({ enabled: true, dir: "/etc/harbor/tls/internal" });
    expect(single("2.0.6").internal_tls).toBeUndefined();
    expect(single("1.10.19", (t) => void (t.access.internalTls = true)).internal_tls).toBeUndefined();
  });

  it("strong ciphers: once, under https when the nodes serve it, else under internal_tls (2.9.3 / 2.10.1 / 2.11+)", () => {
    const strong: Edit = (t) => Object.assign(t.access, { strongSslCiphers: true, internalTls: true });
    expect(getPath(single("2.10.3", strong), "https.strong_ssl_ciphers")).toBe(true);
    expect(getPath(single("2.10.3", strong), "internal_tls.strong_ssl_ciphers")).toBeUndefined();
    expect(getPath(single("2.11.2", strong), "https.strong_ssl_ciphers")).toBe(true);
    expect(getPath(single("2.11.2", strong), "internal_tls.strong_ssl_ciphers")).toBeUndefined();
    const lb = three("2.11.2", strong);
    expect(getPath(lb, "internal_tls.strong_ssl_ciphers")).toBe(true);
  });
});

describe("database", () => {
  it("internal: a database section and no external_database", () => {
    const d = single("2.11.2");
    expect(d.database).toMatchObject({ password: "golden-db-password" });
    expect(d.external_database).toBeUndefined();
  });

  it("external: external_database and no database section (one of them is always there)", () => {
    const d = three("2.11.2");
    expect(d.database).toBeUndefined();
    expect(getPath(d, "external_database.harbor")).toMatchObject({ host: "pg.example.com", db_name: "registry", ssl_mode: "require" });
  });

  it("conn_max_* only from 2.7", () => {
    expect(getPath(three("2.6.4"), "external_database.harbor.conn_max_lifetime")).toBeUndefined();
    expect(getPath(three("2.7.0"), "external_database.harbor.conn_max_lifetime")).toBe("5m");
  });

  it("clair and notary databases only where the version has them and they are enabled", () => {
    const clair: Edit = (t) => {
      t.components.clair = true;
      Object.assign(t.database.clair, { host: "pg", name: "clair", username: "clair", password: "c" });
    };
    expect(getPath(three("2.1.6", clair), "external_database.clair.db_name")).toBe("clair");
    expect(getPath(three("2.1.6"), "external_database.clair")).toBeUndefined();
    const notary: Edit = (t) => void (t.components.notary = true);
    expect(getPath(three("2.8.6", notary), "external_database.notary_signer")).toBeDefined();
    expect(getPath(three("2.9.0", notary), "external_database.notary_signer")).toBeUndefined();
  });
});

describe("redis", () => {
  it("never emits redis next to external_redis (§3.3)", () => {
    const d = three("2.11.2");
    expect(d.external_redis).toBeDefined();
    expect(d.redis).toBeUndefined();
    expect(single("2.11.2").redis).toEqual({ registry_db_index: 1, jobservice_db_index: 2, trivy_db_index: 5 });
    expect(single("2.8.6").redis).toEqual({ registry_db_index: 1, jobservice_db_index: 2, trivy_db_index: 5 });
    expect(single("2.8.3").redis).toBeUndefined();
  });

  it("host and port apart before 2.1, host:port or a sentinel list from 2.1", () => {
    expect(three("2.0.6").external_redis).toMatchObject({ host: "redis.example.com", port: 6379 });
    const standalone = three("2.1.0", (t) => Object.assign(t.redis, { mode: "standalone", address: "redis.example.com:6380" })).external_redis;
    expect(standalone).toMatchObject({ host: "redis.example.com:6380" });
    expect(standalone).not.toHaveProperty("port");
    expect(three("2.1.0", (t) => void (t.redis.sentinelHosts = " s1:26379 , s2:26379")).external_redis).toMatchObject({
      host: "s1:26379,s2:26379",
      sentinel_master_set: "mymaster",
    });
  });

  it("username from 2.8, tlsOptions from 2.13", () => {
    const edit: Edit = (t) => Object.assign(t.redis, { username: "harbor", tls: true, tlsRootCa: "/ca.pem" });
    expect(three("2.7.4", edit).external_redis).not.toHaveProperty("username");
    expect(three("2.8.0", edit).external_redis).toMatchObject({ username: "harbor" });
    expect(three("2.12.4", edit).external_redis).not.toHaveProperty("tlsOptions");
    expect(three("2.13.0", edit).external_redis).toMatchObject({ tlsOptions: { enable: true, rootCA: "/ca.pem" } });
  });

  it("indexes only for components the version has and the topology runs", () => {
    const r = (v: string, edit?: Edit) => Object.keys(three(v, edit).external_redis as object).filter((k) => k.endsWith("_db_index"));
    expect(r("1.10.19")).toEqual(["registry_db_index", "jobservice_db_index"]);
    expect(r("1.10.19", (t) => Object.assign(t.components, { clair: true, chartmuseum: true }))).toEqual([
      "registry_db_index",
      "jobservice_db_index",
      "chartmuseum_db_index",
      "clair_db_index",
    ]);
    expect(r("2.7.4", (t) => void (t.components.chartmuseum = true))).toContain("chartmuseum_db_index");
    expect(r("2.11.2")).toEqual(["registry_db_index", "jobservice_db_index", "trivy_db_index", "harbor_db_index", "cache_layer_db_index"]);
    expect(r("2.11.2", (t) => void (t.components.trivy = false))).not.toContain("trivy_db_index");
  });
});

describe("storage", () => {
  it.each(["filesystem", "s3", "azure", "gcs", "swift", "oss"] as const)("%s: exactly one non-empty driver block", (type) => {
    const s = three("2.11.2", (t) => void (t.storage.type = type)).storage_service as Record<string, unknown>;
    const drivers = Object.keys(s).filter((k) => !["ca_bundle", "redirect"].includes(k));
    expect(drivers).toEqual([type]);
    expect(Object.keys(s[type] as object).length).toBeGreaterThan(0);
  });

  it("redirect is spelled per version", () => {
    expect(getPath(three("2.7.4"), "storage_service.redirect")).toEqual({ disabled: false });
    expect(
      getPath(
        three("2.8.0", (t) => void (t.storage.redirectDisabled = true)),
        "storage_service.redirect",
      ),
    ).toEqual({ disable: true });
  });

  it("S3 without keys relies on the instance role", () => {
    const s3 = getPath(
      three("2.11.2", (t) => Object.assign(t.storage.s3, { accessKey: "", secretKey: "" })),
      "storage_service.s3",
    ) as object;
    expect(s3).not.toHaveProperty("accesskey");
    expect(s3).not.toHaveProperty("secretkey");
  });
});

describe("components by version", () => {
  it("chart only ≤2.7 with ChartMuseum, clair only ≤2.1 with Clair", () => {
    expect(single("2.7.4", (t) => void (t.components.chartmuseum = true)).chart).toEqual({ absolute_url: "disabled" });
    expect(single("2.7.4").chart).toBeUndefined();
    expect(single("2.1.6", (t) => void (t.components.clair = true)).clair).toBeDefined();
    expect(single("2.1.6").clair).toBeUndefined();
  });

  it("required jobservice and notification keys appear from their version", () => {
    expect(single("2.7.4").jobservice).toEqual({ max_job_workers: 10 });
    expect(single("2.8.0").jobservice).toEqual({ max_job_workers: 10, logger_sweeper_duration: 1 });
    expect(single("2.9.0").jobservice).toEqual({ max_job_workers: 10, job_loggers: ["STD_OUTPUT", "FILE"], logger_sweeper_duration: 1 });
    expect(single("2.13.0").jobservice).toHaveProperty("max_job_duration_hours", 24);
    expect(single("2.7.4").notification).toEqual({ webhook_job_max_retry: 3 });
    expect(single("2.8.0").notification).toEqual({ webhook_job_max_retry: 3, webhook_job_http_client_timeout: 3 });
  });

  it("metric from 2.2, trace from 2.4 only when on, upload_purging 2.5, cache 2.6, core 2.9", () => {
    expect(single("2.1.6").metric).toBeUndefined();
    expect(single("2.2.0").metric).toEqual({ enabled: false, port: 9090, path: "/metrics" });
    expect(single("2.11.2").trace).toBeUndefined();
    const jaeger = single("2.4.0", (t) => Object.assign(t.components.trace, { enabled: true, exporter: "jaeger", jaegerAgentHost: "jaeger" }));
    expect(jaeger.trace).toEqual({ enabled: true, sample_rate: 1, jaeger: { agent_host: "jaeger", agent_port: 6831 } });
    expect(single("2.4.3").upload_purging).toBeUndefined();
    expect(single("2.5.0").upload_purging).toBeDefined();
    expect(single("2.5.6").cache).toBeUndefined();
    expect(single("2.6.0").cache).toBeDefined();
    expect(single("2.8.6").core).toBeUndefined();
    expect(single("2.9.0").core).toEqual({ quota_update_provider: "db" });
  });

  it("log: syslog endpoint only when enabled", () => {
    expect(getPath(single("2.11.2"), "log.external_endpoint")).toBeUndefined();
    const d = single("2.11.2", (t) => Object.assign(t.components.log.syslog, { enabled: true, host: "logs", protocol: "udp" }));
    expect(getPath(d, "log.external_endpoint")).toEqual({ protocol: "udp", host: "logs", port: 5140 });
  });

  it("proxy components the version lacks are dropped", () => {
    const edit: Edit = (t) => void (t.components.proxy.components = ["core", "clair", "trivy"]);
    expect(getPath(single("1.10.19", edit), "proxy.components")).toEqual(["core", "clair"]);
    expect(getPath(single("2.3.5", edit), "proxy.components")).toEqual(["core", "trivy"]);
  });
});
