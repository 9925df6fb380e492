import { describe, expect, it } from "vitest";
import { adoptHarborYml } from "@/lib/config/adopt-harbor-yml";
import { adoptHelmValues } from "@/lib/config/adopt-helm-values";
import { generateHarborYml } from "@/lib/config/harbor-yml";
import { defaultHelmSecretNames, generateHelmValues } from "@/lib/config/helm-values";
import { checkTopology } from "@/lib/config/validate";
import { isBlocking } from "@/lib/config/types";
import { readFixture, sameSetting, yamlLeaves } from "./adopt-fixtures";

/**
 * Issue #18's round trip: a harbor.yml written by hand (comments, keys in another order, external PostgreSQL / Redis /
 * S3, Sentinel) → adopt → generate gives back every setting, key by key, except the keys adoption lists as not
 * represented — and that list is exactly what is written here, so a key the import starts dropping fails the test.
 */
const CASES: Array<{ version: string; harbor: string; notRepresented: string[] }> = [
  {
    version: "1.10",
    harbor: "1.10.19",
    notRepresented: ["external_redis.chartmuseum_db_index", "external_redis.clair_db_index", "clair.updaters_interval", "chart.absolute_url", "uaa.ca_file"],
  },
  {
    version: "2.5",
    harbor: "2.5.6",
    notRepresented: ["external_redis.chartmuseum_db_index", "trivy.ignore_unfixed", "chart.absolute_url", "trace.jaeger.username"],
  },
  {
    version: "2.8",
    harbor: "2.8.6",
    notRepresented: ["database.password", "database.max_idle_conns", "database.max_open_conns", "external_database.harbor.conn_max_lifetime"],
  },
  { version: "2.11", harbor: "2.11.2", notRepresented: ["x_team_owner", "trivy.skip_java_db_update", "trivy.timeout"] },
  { version: "2.15", harbor: "2.15.2", notRepresented: ["trivy.db_repository"] },
];

describe("harbor.yml written by hand → adopt → generate", () => {
  for (const c of CASES) {
    it(`${c.version}: the same settings, key by key, except the listed ones`, () => {
      const text = readFixture(`harbor-${c.version}.yml`);
      const r = adoptHarborYml({ files: [{ file: `harbor-${c.version}.yml`, text }], base: null });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.topology.harborVersion).toBe(c.harbor);
      expect(r.notRepresented.map((n) => n.path).sort()).toEqual([...c.notRepresented].sort());
      // checked like a save: nothing blocks it
      const checked = checkTopology(r.topology);
      expect(checked.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(isBlocking(checked.issues)).toBe(false);

      const out = yamlLeaves(generateHarborYml(r.topology, { secrets: null, mask: false, lifecycle: "running" }));
      const input = yamlLeaves(text);
      const compared: string[] = [];
      for (const [path, value] of input) {
        if (c.notRepresented.some((p) => path === p || path.startsWith(`${p}.`))) continue;
        expect({ path, value, generated: out.get(path), same: sameSetting(out.get(path), value) }).toMatchObject({ path, same: true });
        compared.push(path);
      }
      expect(compared.length).toBeGreaterThan(25);
    });
  }

  it("keeps the secrets of the files in the topology (the save encrypts them)", () => {
    const r = adoptHarborYml({ files: [{ file: "harbor-2.11.yml", text: readFixture("harbor-2.11.yml") }], base: null });
    if (!r.ok) throw new Error("refused");
    expect([r.topology.adminPassword, r.topology.database.password, r.topology.redis.password, r.topology.storage.s3.secretKey]).toEqual([
      "Prod-Admin-1",
      "Prod-Db-Pass-1",
      "Prod-Redis-1",
      "Prod-S3-Secret-1",
    ]);
    expect(r.topology.redis).toMatchObject({ type: "external", mode: "sentinel", sentinelMasterSet: "mymaster" });
    expect(JSON.stringify(r.notRepresented)).not.toContain("Prod-");
  });
});

describe("helm get values → adopt → generate", () => {
  it("chart 1.3.18 (Harbor 1.10.17): Redis host and port, one job logger, clair and notary on the core database's server", () => {
    const text = readFixture("helm-1.3.18.values.yaml");
    const r = adoptHelmValues({ file: "values.yaml", text, chartVersion: "1.3.18", base: null });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const listed = [
      "expose.nodePort.ports.https.nodePort",
      "harborAdminPassword",
      "redis.external.trivyAdapterIndex",
      "persistence.persistentVolumeClaim.registry.size",
    ];
    expect(r.topology.harborVersion).toBe("1.10.17");
    expect(r.notRepresented.map((n) => n.path).sort()).toEqual([...listed].sort());
    expect(r.topology.redis).toMatchObject({ type: "external", mode: "standalone", address: "redis-legacy.example.com:6380" });
    expect(r.topology.database.notarySigner).toMatchObject({ host: "pg-legacy.example.com", name: "notary_signer", username: "harbor" });
    expect(checkTopology(r.topology).issues.filter((i) => i.severity === "error")).toEqual([]);
    const out = yamlLeaves(generateHelmValues(r.topology, { secrets: null, mask: false, lifecycle: "running", secretNames: defaultHelmSecretNames("harbor") }));
    let compared = 0;
    for (const [path, value] of yamlLeaves(text)) {
      if (listed.includes(path)) continue;
      expect({ path, same: sameSetting(out.get(path), value) }).toEqual({ path, same: true });
      compared++;
    }
    expect(compared).toBeGreaterThan(25);
  });

  const NOT_REPRESENTED = [
    "expose.ingress.annotations.nginx.ingress.kubernetes.io/proxy-body-size",
    "harborAdminPassword",
    "secretKey",
    "core.xsrfKey",
    "trivy.ignoreUnfixed",
  ];
  it("chart 1.15.2: the same values, key by key against the pinned chart's keys, except the listed ones", () => {
    const text = readFixture("helm-1.15.2.values.yaml");
    const r = adoptHelmValues({ file: "values.yaml", text, chartVersion: "1.15.2", base: null });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.topology.harborVersion).toBe("2.11.2");
    expect(r.topology.deployment.kind).toBe("helm");
    expect(r.notRepresented.map((n) => n.path).sort()).toEqual([...NOT_REPRESENTED].sort());
    expect(r.notRepresented.find((n) => n.path === "secretKey")?.reason).toMatch(/shared key/);
    expect(isBlocking(checkTopology(r.topology).issues)).toBe(false);
    const out = yamlLeaves(generateHelmValues(r.topology, { secrets: null, mask: false, lifecycle: "running", secretNames: defaultHelmSecretNames("harbor") }));
    let compared = 0;
    for (const [path, value] of yamlLeaves(text)) {
      if (NOT_REPRESENTED.includes(path)) continue;
      const got = out.get(path);
      // the chart's switches the generator writes only when on
      if (got === undefined && value === false) continue;
      expect({ path, same: sameSetting(got, value) }).toEqual({ path, same: true });
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
    // the release's shared keys never reach the topology or the values
    expect(JSON.stringify(r.topology)).not.toContain("not-a-secure-key");
    expect(out.get("secretKey")).toBeUndefined();
  });
});
