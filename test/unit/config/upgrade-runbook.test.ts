/** Path and impact (lib/config/upgrade-impact.ts) and the runbook (lib/config/upgrade-runbook.ts) for recorded topologies. */
import { describe, expect, it } from "vitest";
import { planImpact } from "@/lib/config/upgrade-impact";
import { generateUpgradeRunbook } from "@/lib/config/upgrade-runbook";
import { defaultTopology } from "@/lib/schemas/topology-default";
import type { TTopology } from "@/lib/schemas/topology";

const DB_SECRET = "Db-Secret-Never-In-Runbook";

function compose3(version = "2.11.2"): TTopology {
  const t = defaultTopology(version);
  t.adminPassword = "Admin-Secret-Never";
  t.deployment.nodes = [1, 2, 3].map((i) => ({ name: `reg-${i}`, address: `10.1.0.${i}` }));
  t.deployment.loadBalancer = { kind: "haproxy", address: "registry.example.org", healthCheck: true };
  t.deployment.dataVolume = "/srv/harbor";
  t.access.hostname = "registry.example.org";
  t.database = { ...t.database, type: "external", host: "pg.example.org", name: "registry", username: "harbor", password: DB_SECRET, postgresMajor: 15 };
  t.redis = { ...t.redis, type: "external", address: "redis.example.org:6379" };
  t.storage = { ...t.storage, type: "s3", s3: { ...t.storage.s3, region: "eu-west-1", bucket: "blobs", accessKey: "AK", secretKey: "S3-Secret-Never" } };
  t.components.jobservice.jobLoggers = ["DB", "STD_OUTPUT"];
  return t;
}

describe("planImpact", () => {
  it("gives every hop its reason, notes, advice, a topology check at its version, and a chart for Helm", () => {
    const t = compose3();
    const r = planImpact({ from: "2.11.2", path: ["2.14.4", "2.15.2"], topology: t, internalDatabase: false, helm: false });
    if (!r.ok) throw new Error(r.error);
    expect(r.hops.map((h) => [h.from, h.to, h.rules])).toEqual([
      ["2.11.2", "2.14.4", ["documented-minimum"]],
      ["2.14.4", "2.15.2", []],
    ]);
    expect(r.hops[0].reason).toMatch(/2\.15 documents upgrades from 2\.12\.x/);
    expect(r.hops.map((h) => h.topologyIssues)).toEqual([[], []]);
    expect(r.blocking).toEqual([]);
    // the same topology check as the Topology tab: an HA topology without the DB job logger is refused at every hop
    t.components.jobservice.jobLoggers = ["STD_OUTPUT"];
    const bad = planImpact({ from: "2.11.2", path: ["2.14.4", "2.15.2"], topology: t, internalDatabase: false, helm: false });
    expect(bad.ok && bad.blocking).toEqual([expect.stringMatching(/^2\.14\.4: components\.jobservice\.jobLoggers: /), expect.stringMatching(/^2\.15\.2: /)]);
    const helm = planImpact({ from: "2.11.2", path: ["2.14.4", "2.15.2"], topology: null, internalDatabase: true, helm: true });
    if (!helm.ok) throw new Error(helm.error);
    expect(helm.hops[0].chart).toMatchObject({ ok: true, chart: "1.18.4" });
    expect(helm.hops[1].chart).toMatchObject({ ok: false });
    expect(helm.blocking.join("\n")).toMatch(/2\.15\.2: No harbor-helm chart ships Harbor 2\.15\.2/);
  });

  it("a component the hop removes blocks the plan until the topology drops it; a stale path asks to re-plan", () => {
    const t = compose3("2.8.6");
    t.components.notary = true;
    const r = planImpact({ from: "2.8.6", path: ["2.10.3"], topology: t, internalDatabase: false, helm: false });
    if (!r.ok) throw new Error(r.error);
    expect(r.blocking.join("\n")).toMatch(/Notary removed — change the topology first/);
    expect(planImpact({ from: "2.8.6", path: ["2.9.5", "2.10.3"], topology: null, internalDatabase: false, helm: false })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/re-plan/),
    });
  });
});

describe("generateUpgradeRunbook", () => {
  it("compose: per hop the instance's nodes, paths and versions, harbor.yml per node with masked secrets, start one node first, and a restore runbook", () => {
    const t = compose3();
    const impact = planImpact({ from: "2.11.2", path: ["2.14.4", "2.15.2"], topology: t, internalDatabase: false, helm: false });
    if (!impact.ok) throw new Error(impact.error);
    const md = generateUpgradeRunbook({
      instanceName: "prod-eu",
      baseUrl: "https://registry.example.org",
      helm: false,
      from: "2.11.2",
      hops: impact.hops,
      topology: t,
    });
    expect(md).toMatch(/^# prod-eu: upgrade Harbor 2\.11\.2 → 2\.14\.4 → 2\.15\.2 on docker-compose/);
    expect(md).toContain("## Hop 1: 2.11.2 → 2.14.4");
    expect(md).toContain("## Hop 2: 2.14.4 → 2.15.2");
    expect(md).toContain("harbor-offline-installer-v2.14.4.tgz");
    expect(md).toContain("sudo tar -czpf /root/harbor-2.11.2-secret.tgz -C /srv/harbor secret");
    expect(md).toContain("pg_dump -h pg.example.org -p 5432 -U harbor -Fc registry > registry-2.11.2.dump");
    expect(md).toContain("6. **Start reg-1 alone**");
    expect(md).toContain("7. **Then reg-2, reg-3**");
    for (const node of ["reg-1 (10.1.0.1)", "reg-2 (10.1.0.2)", "reg-3 (10.1.0.3)"]) {
      expect(md).toContain(`### harbor.yml for ${node}, Harbor 2.14.4`);
      expect(md).toContain(`### harbor.yml for ${node}, Harbor 2.15.2`);
    }
    expect(md).toContain("_version: 2.14.0");
    expect(md).toContain("_version: 2.15.0");
    for (const secret of [DB_SECRET, "Admin-Secret-Never", "S3-Secret-Never"]) expect(md).not.toContain(secret);
    expect(md).toContain("# Restore runbook (docker-compose)");
    expect(md).toMatch(/pg_restore --clean -h pg\.example\.org/);
    expect(md).not.toMatch(/helm rollback/);
  });

  it("Helm: the pinned chart per hop, helm upgrade with the migration hook, never helm rollback", () => {
    const t = defaultTopology("2.10.3");
    t.deployment.kind = "helm";
    t.deployment.helm = { ...t.deployment.helm, namespace: "registry", releaseName: "hub" };
    t.access.hostname = "hub.example.org";
    const impact = planImpact({ from: "2.10.3", path: ["2.12.4", "2.14.4"], topology: t, internalDatabase: true, helm: true });
    if (!impact.ok) throw new Error(impact.error);
    const md = generateUpgradeRunbook({ instanceName: "hub", baseUrl: "https://hub.example.org", helm: true, from: "2.10.3", hops: impact.hops, topology: t });
    expect(md).toContain("Chart: harbor-helm **1.16.4** (Harbor 2.12.4), pinned.");
    expect(md).toContain("helm upgrade hub harbor/harbor --version 1.18.4 -n registry -f values-2.14.4.yaml --set enableMigrateHelmHook=true");
    expect(md).toContain("### values-2.14.4.yaml");
    expect(md).toContain("Never `helm rollback`");
    expect(md.split("\n").filter((l) => /^\s*helm rollback/.test(l))).toEqual([]);
    expect(md).toContain("# Restore runbook (Helm)");
  });
});
