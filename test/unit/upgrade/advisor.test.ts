/** The advisor table (lib/upgrade/advisor.ts): which entries a hop crosses, per topology, and that each cites a source. */
import { describe, expect, it } from "vitest";
import { ADVISOR, adviseHop, type AdviceTopology } from "@/lib/upgrade";
import { toVersion } from "@/lib/releases";

const V = (s: string) => toVersion(s)!;
const ids = (s: string, t: string, topo: AdviceTopology = {}) => adviseHop(V(s), V(t), topo).map((a) => a.id);

describe("advisor", () => {
  it("every entry cites a source in the notes or in goharbor's repositories", () => {
    for (const e of ADVISOR) expect(e.source, e.id).toMatch(/(upgrade|config|helm)\.md|goharbor\//);
    expect(new Set(ADVISOR.map((e) => e.id)).size).toBe(ADVISOR.length);
  });

  it("components removed: Clair at 2.2, ChartMuseum at 2.8, Notary at 2.9 — blocking only when the topology enables them", () => {
    expect(ids("2.1.6", "2.2.4")).toContain("clair-removed");
    expect(ids("2.2.4", "2.4.3")).not.toContain("clair-removed");
    expect(ids("2.6.4", "2.8.6")).toContain("chartmuseum-removed");
    expect(ids("2.8.6", "2.10.3")).toContain("notary-removed");
    expect(ids("2.8.6", "2.8.6")).toEqual([]);
    const notary = adviseHop(V("2.8.6"), V("2.10.3"), { components: { notary: true } }).find((a) => a.id === "notary-removed")!;
    expect(notary.blocking).toBe(true);
    expect(adviseHop(V("2.8.6"), V("2.10.3"), {}).find((a) => a.id === "notary-removed")!.blocking).toBe(false);
    expect(adviseHop(V("2.6.4"), V("2.8.6"), { components: { chartmuseum: true } }).find((a) => a.id === "chartmuseum-removed")!.blocking).toBe(true);
  });

  it("the bundled PostgreSQL's major change is named for the internal database only", () => {
    expect(ids("2.12.4", "2.15.2")).toContain("internal-pg-15-18");
    expect(ids("2.8.6", "2.10.3")).toContain("internal-pg-13-14");
    expect(ids("2.12.4", "2.15.2", { database: "external" })).not.toContain("internal-pg-15-18");
    expect(ids("2.14.4", "2.15.1")).not.toContain("internal-pg-15-18");
  });

  it("external PostgreSQL minimums: ≥10 from 2.5, ≥12 from 2.9, blocking when the recorded major is lower", () => {
    const ext = (pg: number | null) => adviseHop(V("2.7.4"), V("2.9.5"), { database: "external", postgresMajor: pg });
    expect(ext(11).find((a) => a.id === "external-pg-12")!.blocking).toBe(true);
    expect(ext(14).find((a) => a.id === "external-pg-12")!.blocking).toBe(false);
    expect(ext(null).find((a) => a.id === "external-pg-12")!.blocking).toBe(false);
    expect(ids("2.4.3", "2.6.4", { database: "external", postgresMajor: 9 })).toContain("external-pg-10");
    expect(ids("2.7.4", "2.9.5", { database: "internal" })).not.toContain("external-pg-12");
  });

  it("the 2.0 artifact migration, and its cost on object storage", () => {
    expect(ids("1.10.19", "2.4.3")).toContain("artifact-migration");
    expect(ids("1.10.19", "2.4.3", { storage: "s3" })).toContain("artifact-migration-object-storage");
    expect(ids("1.10.19", "2.4.3", { storage: "filesystem" })).not.toContain("artifact-migration-object-storage");
    expect(ids("2.4.3", "2.6.4")).not.toContain("artifact-migration");
  });

  it("topology-specific known issues: Redis TLS at 2.13, Helm pinning on every hop, HA cache setting at 2.6", () => {
    expect(ids("2.12.4", "2.15.2", { redisTls: true, redisSentinel: true })).toEqual(expect.arrayContaining(["redis-tls", "redis-sentinel-url"]));
    expect(ids("2.12.4", "2.15.2", { redisSentinel: true })).not.toContain("redis-sentinel-url");
    expect(ids("2.14.4", "2.15.2", { deployment: "helm" })).toContain("helm-tls-auto");
    expect(ids("2.14.4", "2.15.2", { deployment: "compose" })).not.toContain("helm-tls-auto");
    expect(ids("2.4.3", "2.6.4", { nodes: 3 })).toContain("cache-layer-ha");
    expect(ids("2.4.3", "2.6.4", { nodes: 1 })).not.toContain("cache-layer-ha");
  });
});
