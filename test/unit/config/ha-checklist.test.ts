/** The HA checklist: what is still a single point of failure (docs/harbor/config.md §5, docs/harbor/helm.md §2). */
import { describe, expect, it } from "vitest";
import { haChecklist } from "@/lib/config/ha-checklist";
import type { TTopology } from "@/lib/schemas/topology";
import { build, singleNode, threeNodes } from "./golden/topologies";

const state = (t: TTopology) => Object.fromEntries(haChecklist(t).map((i) => [i.id, i.ok]));
const item = (t: TTopology, id: string) => haChecklist(t).find((i) => i.id === id)!;

describe("haChecklist", () => {
  it("a single node shows every single point of failure", () => {
    expect(state(build(singleNode, "2.11.2"))).toEqual({
      nodes: false,
      database: false,
      redis: false,
      storage: false,
      jobLogs: false,
      loadBalancer: false,
      secrets: true,
    });
  });

  it("the three-node reference topology is all green on 2.9+", () => {
    expect(Object.values(state(build(threeNodes, "2.11.2"))).every(Boolean)).toBe(true);
  });

  it("before 2.9 job logs are green only with data_volume on shared storage", () => {
    expect(item(build(threeNodes, "2.8.6"), "jobLogs")).toMatchObject({ ok: false, label: "Job logs on shared storage", field: "storage.filesystem.shared" });
    const nfs = build(threeNodes, "2.8.6", (t) => Object.assign(t.storage, { type: "filesystem", filesystem: { rootDirectory: "/storage", shared: true } }));
    expect(item(nfs, "jobLogs").ok).toBe(true);
  });

  it("every open item says why and names a field", () => {
    for (const i of haChecklist(build(singleNode, "2.11.2")).filter((i) => !i.ok)) {
      expect(i.explanation.length).toBeGreaterThan(20);
      expect(i.field).toMatch(/^[a-zA-Z]+(\.[a-zA-Z0-9]+)*$/);
    }
  });

  it("filesystem storage counts as shared only when confirmed", () => {
    const fs = (shared: boolean) =>
      build(threeNodes, "2.11.2", (t) => Object.assign(t.storage, { type: "filesystem", filesystem: { rootDirectory: "/storage", shared } }));
    expect(item(fs(false), "storage")).toMatchObject({ ok: false, field: "storage.filesystem.shared" });
    expect(item(fs(true), "storage").ok).toBe(true);
  });

  it("the load balancer item names the version's ping endpoint and needs the health check", () => {
    expect(item(build(threeNodes, "1.10.19"), "loadBalancer").label).toContain("/api/ping");
    expect(item(build(threeNodes, "2.11.2"), "loadBalancer").label).toContain("/api/v2.0/ping");
    expect(
      item(
        build(threeNodes, "2.11.2", (t) => void (t.deployment.loadBalancer.healthCheck = false)),
        "loadBalancer",
      ),
    ).toMatchObject({ ok: false, field: "deployment.loadBalancer.healthCheck" });
  });

  it("standalone external Redis is not ticked: its text says it is still a single point of failure", () => {
    const r = item(build(threeNodes, "2.0.6"), "redis");
    expect(r.ok).toBe(false);
    expect(r.explanation).toContain("still a single point of failure");
    expect(r.field).toBe("redis.mode");
    // No item is ticked while its own text says it is a single point of failure.
    for (const t of [build(threeNodes, "2.0.6"), build(threeNodes, "2.11.2"), build(singleNode, "2.11.2")]) {
      for (const i of haChecklist(t)) if (/still a single point of failure/.test(i.explanation)) expect(i.ok, i.id).toBe(false);
    }
  });

  it("helm: replicas, object storage and exposure", () => {
    const helm = (replicas: number, edit?: (t: TTopology) => void) =>
      build(threeNodes, "2.11.2", (t) => {
        t.deployment.kind = "helm";
        Object.assign(t.deployment.helm.replicas, { core: replicas, portal: replicas, registry: replicas, jobservice: replicas });
        edit?.(t);
      });
    expect(item(helm(1), "nodes").ok).toBe(false);
    expect(item(helm(2), "nodes").ok).toBe(true);
    expect(
      item(
        helm(2, (t) => void (t.deployment.helm.replicas.portal = 1)),
        "nodes",
      ).ok,
    ).toBe(false);
    expect(
      item(
        helm(2, (t) => void (t.storage.type = "filesystem")),
        "storage",
      ).ok,
    ).toBe(false);
    expect(
      item(
        helm(2, (t) => void (t.deployment.helm.exposeType = "nodePort")),
        "loadBalancer",
      ).ok,
    ).toBe(false);
    expect(item(helm(2), "loadBalancer").ok).toBe(true);
  });

  it("Notary adds an open item while it is on", () => {
    const t = build(threeNodes, "2.8.6", (t) => void (t.components.notary = true));
    expect(item(t, "notary")).toMatchObject({ ok: false, field: "components.notary" });
    expect(haChecklist(build(threeNodes, "2.8.6")).some((i) => i.id === "notary")).toBe(false);
  });
});
