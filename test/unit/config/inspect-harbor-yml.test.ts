/** Uploaded harbor.yml: refusals with clear messages, unknown keys and traps listed, and the import into a topology. */
import { describe, expect, it } from "vitest";
import { generateHarborYml } from "@/lib/config/harbor-yml";
import { topologyFromHarborYml } from "@/lib/config/import-harbor-yml";
import { inspectHarborYml, MAX_HARBOR_YML_BYTES } from "@/lib/config/inspect-harbor-yml";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { build, threeNodes } from "./golden/topologies";

const refused = (text: string, version = "2.11.2") => {
  const r = inspectHarborYml(text, version);
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};
const accepted = (text: string, version = "2.11.2") => {
  const r = inspectHarborYml(text, version);
  if (!r.ok) throw new Error(r.error);
  return r;
};

const SAMPLE_1_10 = `hostname: harbor.internal
http:
  port: 80
harbor_admin_password: s3cret
database:
  password: root123
data_volume: /data
clair:
  updaters_interval: 12
jobservice:
  max_job_workers: 10
notification:
  webhook_job_max_retry: 10
chart:
  absolute_url: disabled
log:
  level: info
  local:
    rotate_count: 50
    rotate_size: 200M
    location: /var/log/harbor
_version: 1.10.0
proxy:
  http_proxy:
  https_proxy:
  no_proxy:
  components:
    - core
    - jobservice
    - clair
`;

describe("inspectHarborYml refuses", () => {
  it("text that is not YAML, naming line and column", () => {
    expect(refused("hostname: a\nhttp:\n\tport: 80\n")).toMatch(/^Not valid YAML at line 3, column 1: Tabs are not allowed/);
    expect(refused("hostname: a\nhttp:\n  port: [80\n")).toMatch(/^Not valid YAML at line \d+, column \d+: Flow sequence/);
    expect(refused("hostname: a\nhostname: b\n")).toContain("line 2, column 1");
  });

  it("a file over the limit, naming it", () => {
    const big = `hostname: a\n# ${"x".repeat(MAX_HARBOR_YML_BYTES)}\n`;
    expect(refused(big)).toContain("256 KiB");
  });

  it("empty files and documents that are not a mapping", () => {
    expect(refused("   \n")).toContain("empty");
    expect(refused("- hostname: a\n")).toContain("mapping");
    expect(refused("just a string")).toContain("mapping");
  });

  it("the pre-1.8 harbor.cfg, pointing at the migrator", () => {
    const cfg = "## Configuration file of Harbor\n_version = 1.6.0\nhostname = reg.mydomain.com\nui_url_protocol = http\nmax_job_workers = 10\n";
    expect(refused(cfg)).toContain("harbor.cfg");
    expect(refused(cfg)).toContain("harbor-migrator");
  });

  it("versions outside the editable range", () => {
    expect(refused("hostname: a\n", "1.9.4")).toContain("1.10.0");
  });
});

describe("inspectHarborYml accepts", () => {
  it("a generated file with no unknown keys and no warnings", () => {
    const t = build(threeNodes, "2.11.2");
    const r = accepted(generateHarborYml(t, { secrets: null, mask: false }));
    expect(r.unknownKeys).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.doc.hostname).toBe("harbor.example.com");
  });

  it("lists unknown keys (outermost per branch) without refusing", () => {
    const r = accepted(
      `${SAMPLE_1_10}metric:\n  enabled: true\nfoo:\n  bar: 1\nstorage_service:\n  s3:\n    anything: goes\n  minio:\n    bucket: b\n`,
      "2.11.2",
    );
    expect(r.unknownKeys).toEqual(expect.arrayContaining(["clair", "chart", "foo", "storage_service.minio"]));
    expect(r.unknownKeys).not.toContain("foo.bar");
    expect(r.unknownKeys).not.toContain("metric");
    expect(r.unknownKeys.some((k) => k.startsWith("storage_service.s3"))).toBe(false);
  });

  it("the same file is clean for the version it was written for", () => {
    expect(accepted(SAMPLE_1_10, "1.10.19").unknownKeys).toEqual([]);
  });

  it("warns about the traps", () => {
    const r = accepted(
      "hostname: reg.mydomain.com\n_version: 2.5.0\nredis:\n  registry_db_index: 1\nexternal_redis:\n  host: r:6379\nstorage_service:\n  s3: {}\n",
      "2.11.2",
    );
    expect(r.warnings.join("\n")).toMatch(/prepare migrate/);
    expect(r.warnings.join("\n")).toMatch(/Both redis and external_redis/);
    expect(r.warnings.join("\n")).toMatch(/silently uses filesystem/);
    expect(r.warnings.join("\n")).toMatch(/hostname reg\.mydomain\.com/);
    expect(r.warnings.join("\n")).toMatch(/Neither database nor external_database/);
  });
});

describe("topologyFromHarborYml (import from a running host)", () => {
  it("reads what harbor.yml records and keeps the rest", () => {
    const r = accepted(SAMPLE_1_10, "1.10.19");
    const base = defaultTopology("1.10.19");
    const { topology, warnings } = topologyFromHarborYml(r.doc, base);
    expect(topology.access).toMatchObject({ hostname: "harbor.internal", tls: "none", httpPort: 80 });
    expect(topology.database).toMatchObject({ type: "internal", password: "root123" });
    expect(topology.storage).toMatchObject({ type: "filesystem", filesystem: { rootDirectory: "/storage" } });
    expect(topology.components.notification.webhookJobMaxRetry).toBe(10);
    expect(topology.components.proxy.components).toEqual(["core", "jobservice", "clair"]);
    expect(topology.deployment).toEqual(base.deployment);
    expect(warnings.join("\n")).toContain("install.sh flag");
  });

  it("reads sentinel Redis, external PostgreSQL and the LB's https URL", () => {
    const doc = {
      hostname: "harbor.example.com",
      external_url: "https://harbor.example.com",
      external_database: { harbor: { host: "pg", port: 5433, db_name: "registry", username: "harbor", password: "x", ssl_mode: "verify-full" } },
      external_redis: { host: "s1:26379,s2:26379", sentinel_master_set: "mymaster", password: "p", registry_db_index: 3 },
      storage_service: { s3: { region: "eu-west-1", bucket: "b" }, redirect: { disable: true } },
    };
    const { topology } = topologyFromHarborYml(doc, defaultTopology("2.11.2"));
    expect(topology.access).toMatchObject({ tls: "loadBalancer", externalUrl: "" });
    expect(topology.database).toMatchObject({ type: "external", port: 5433, sslMode: "verify-full", maxIdleConns: 2, maxOpenConns: 0 });
    expect(topology.redis).toMatchObject({
      type: "external",
      mode: "sentinel",
      sentinelHosts: "s1:26379,s2:26379",
      sentinelMasterSet: "mymaster",
      indexes: { registry: 3 },
    });
    expect(topology.storage).toMatchObject({ type: "s3", redirectDisabled: true, s3: { region: "eu-west-1", bucket: "b" } });
  });

  it("keeps the current value where the file's value does not fit, with a warning", () => {
    const base = defaultTopology("2.11.2");
    const { topology, warnings } = topologyFromHarborYml({ hostname: "not a host!", http: { port: 99999 }, log: { level: "verbose" } }, base);
    expect(topology.access.hostname).toBe(base.access.hostname);
    expect(topology.access.httpPort).toBe(base.access.httpPort);
    expect(topology.components.log.level).toBe(base.components.log.level);
    expect(warnings.filter((w) => w.includes("kept the current value"))).toHaveLength(3);
  });
});
