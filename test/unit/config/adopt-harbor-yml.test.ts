import { describe, expect, it } from "vitest";
import { adoptHarborYml, type AdoptFile } from "@/lib/config/adopt-harbor-yml";
import { adoptHelmValues } from "@/lib/config/adopt-helm-values";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { readFixture } from "./adopt-fixtures";

const staging = (n: number) => readFixture(`staging/harbor-${n}.yml`);
const files = (...texts: string[]): AdoptFile[] => texts.map((text, i) => ({ file: `harbor-${i + 1}.yml`, text }));
const refused = (r: ReturnType<typeof adoptHarborYml>) => {
  if (r.ok) throw new Error("expected a refusal");
  return r.errors;
};

describe("adopting several nodes", () => {
  it("merges the common part, lists each node's differences and keeps the base's nodes and load balancer", () => {
    const base = defaultTopology("2.8.6");
    base.deployment.nodes = [
      { name: "harbor-1", address: "10.20.0.11" },
      { name: "harbor-2", address: "10.20.0.12" },
      { name: "harbor-3", address: "10.20.0.13" },
    ];
    base.deployment.loadBalancer = { kind: "haproxy", address: "harbor.staging.example.com", healthCheck: true };
    const r = adoptHarborYml({ files: files(staging(1), staging(2), staging(3)), base, versionHint: "2.8.6" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.topology.harborVersion).toBe("2.8.6");
    expect(r.warnings.join(" ")).not.toMatch(/not the patch/);
    expect(r.topology.deployment.nodes.map((n) => n.address)).toEqual(["10.20.0.11", "10.20.0.12", "10.20.0.13"]);
    expect(r.topology.deployment.loadBalancer.kind).toBe("haproxy");
    expect(r.topology.database).toMatchObject({ type: "external", host: "pg-staging.example.com", password: "Staging-Db-Pass-1" });
    expect(r.nodeDifferences).toEqual([
      {
        path: "log.level",
        values: [
          { node: "harbor-1", value: "info" },
          { node: "harbor-2", value: "debug" },
          { node: "harbor-3", value: "info" },
        ],
      },
    ]);
    expect(r.topology.components.log.level).toBe("info");
    expect(r.notRepresented.map((n) => n.path)).toEqual(["trivy.ignore_unfixed", "uaa.ca_file"]);
    expect(r.source).toBe("harbor.yml of 3 nodes (Harbor 2.8)");
  });

  it("refuses two nodes that disagree on a shared key, naming the key and both values", () => {
    const other = staging(2).replace("host: pg-staging.example.com", "host: pg-other.example.com");
    expect(refused(adoptHarborYml({ files: files(staging(1), other), base: null }))).toEqual([
      {
        file: "harbor-2.yml",
        message: expect.stringMatching(
          /^external_database\.harbor\.host differs between harbor-1\.yml and harbor-2\.yml: pg-staging\.example\.com and pg-other\.example\.com\./,
        ),
      },
    ]);
    const hostname = staging(3).replace("hostname: harbor.staging.example.com", "hostname: harbor-3.staging.example.com");
    expect(refused(adoptHarborYml({ files: files(staging(1), hostname), base: null }))[0].message).toContain(
      "hostname differs between harbor-1.yml and harbor-2.yml: harbor.staging.example.com and harbor-3.staging.example.com",
    );
    const storage = staging(2).replace("rootdirectory: /storage", "rootdirectory: /mnt/other");
    expect(refused(adoptHarborYml({ files: files(staging(1), storage), base: null }))[0].message).toContain("storage_service.filesystem.rootdirectory differs");
  });

  it("never shows a secret that differs between nodes", () => {
    const other = staging(2).replace("password: Staging-Redis-1", "password: Other-Redis-2");
    const [error] = refused(adoptHarborYml({ files: files(staging(1), other), base: null }));
    expect(error.message).toContain("external_redis.password differs");
    expect(error.message).not.toMatch(/Staging-Redis-1|Other-Redis-2/);
  });

  it("refuses files of different versions", () => {
    const errors = refused(adoptHarborYml({ files: files(staging(1), readFixture("harbor-2.11.yml")), base: null }));
    expect(errors).toEqual([
      { file: "harbor-2.yml", message: expect.stringContaining("harbor-2.yml is for Harbor 2.11 (_version 2.11.0) and harbor-1.yml for 2.8 (_version 2.8.0)") },
    ]);
  });
});

describe("adopting refuses what is not a harbor.yml, at the file", () => {
  it.each([
    ["not YAML", "hostname: [unclosed\n", /^Not valid YAML at line/],
    ["a harbor.cfg", "hostname = reg.example.com\nui_url_protocol = https\ndb_password = x\n", /harbor\.cfg/],
    ["a list", "- a\n- b\n", /mapping of keys/],
    ["no _version", "hostname: a.example.com\n", /has no _version/],
    ["Harbor 1.9", "hostname: a.example.com\n_version: 1.9.0\n", /Harbor 1\.9.*1\.10 and later/],
    ["empty", "  \n", /empty/],
  ])("%s", (_, text, message) => {
    const errors = refused(
      adoptHarborYml({
        files: [
          { file: "bad.yml", text },
          { file: "good.yml", text: staging(1) },
        ],
        base: null,
      }),
    );
    expect(errors).toEqual([{ file: "bad.yml", message: expect.stringMatching(message) }]);
  });

  it("a file beyond the size bound", () => {
    const big = `${staging(1)}\n# ${"x".repeat(300 * 1024)}\n`;
    expect(refused(adoptHarborYml({ files: [{ file: "big.yml", text: big }], base: null }))[0].message).toMatch(/at most 256 KiB/);
  });

  it("no file at all", () => {
    expect(refused(adoptHarborYml({ files: [], base: null }))[0].message).toMatch(/at least one node/);
  });

  it("takes the newest patch of the line, and says so, when the instance's version is unknown or on another line", () => {
    const r = adoptHarborYml({ files: files(staging(1)), base: null, versionHint: "2.11.2" });
    if (!r.ok) throw new Error("refused");
    expect(r.topology.harborVersion).toBe("2.8.6");
    expect(r.warnings[0]).toMatch(/instance reports 2\.11\.2, which is not on that line: the topology says 2\.8\.6/);
  });
});

describe("adopting Helm values refuses", () => {
  it("a chart the console does not map, and values that are not YAML", () => {
    const text = readFixture("helm-1.15.2.values.yaml");
    const chart = adoptHelmValues({ file: "values.yaml", text, chartVersion: "1.2.0", base: null });
    expect(chart).toEqual({ ok: false, errors: [{ file: "chart version", message: expect.stringMatching(/Chart 1\.2 is not mapped/) }] });
    const patch = adoptHelmValues({ file: "values.yaml", text, chartVersion: "1.15.9", base: null });
    expect(patch.ok).toBe(false);
    const yaml = adoptHelmValues({ file: "values.yaml", text: "expose: [", chartVersion: "1.15.2", base: null });
    expect(yaml).toEqual({ ok: false, errors: [{ file: "values.yaml", message: expect.stringMatching(/^Not valid YAML/) }] });
    const none = adoptHelmValues({ file: "values.yaml", text: "USER-SUPPLIED VALUES:\nnull\n", chartVersion: "1.15.2", base: null });
    expect(none.ok ? "" : none.errors[0].message).toMatch(/no user-supplied values/);
  });
});
