/** Deployment shape and HA rules (docs/harbor/config.md §5, docs/harbor/helm.md §2). */
import { describe, expect, it } from "vitest";
import { single, three, at, errorAt, warningAt, type Edit } from "./rule-helpers";

const addNode: Edit = (t) => {
  t.deployment.nodes.push({ name: "harbor-2", address: "10.0.0.12" });
  t.deployment.loadBalancer.address = "harbor.example.com";
};
const helm =
  (replicas: number): Edit =>
  (t) => {
    t.deployment.kind = "helm";
    Object.assign(t.deployment.helm.replicas, { core: replicas, portal: replicas, registry: replicas, jobservice: replicas });
  };

describe("nodes", () => {
  it("compose needs at least one node", () => {
    expect(
      errorAt(
        single("2.11.2", (t) => void (t.deployment.nodes = [])),
        "deployment.nodes",
      ),
    ).toBeDefined();
    expect(
      errorAt(
        single("2.11.2", (t) => void (t.deployment.kind = "helm")),
        "deployment.nodes",
      ),
    ).toBeUndefined();
  });

  it("names and addresses are unique, reported at the repeated node", () => {
    const t = three("2.11.2", (t) => {
      t.deployment.nodes[2].name = "harbor-1";
      t.deployment.nodes[1].address = "10.0.0.11";
    });
    expect(errorAt(t, "deployment.nodes.2.name")).toBeDefined();
    expect(errorAt(t, "deployment.nodes.1.address")).toBeDefined();
    expect(at(t, "deployment.nodes.0.name")).toEqual([]);
  });
});

describe("compose with more than one node", () => {
  it("needs an external PostgreSQL and Redis", () => {
    const t = single("2.11.2", addNode);
    expect(errorAt(t, "database.type")?.message).toContain("external PostgreSQL");
    expect(errorAt(t, "redis.type")?.message).toContain("external Redis");
    expect(errorAt(single("2.11.2"), "database.type")).toBeUndefined();
  });

  it("needs shared storage: filesystem only when confirmed shared", () => {
    const fs = (shared: boolean) => three("2.11.2", (t) => Object.assign(t.storage, { type: "filesystem", filesystem: { rootDirectory: "/storage", shared } }));
    expect(errorAt(fs(false), "storage.filesystem.shared")).toBeDefined();
    expect(errorAt(fs(true), "storage.filesystem.shared")).toBeUndefined();
    expect(errorAt(three("2.11.2"), "storage.filesystem.shared")).toBeUndefined();
  });

  it("needs a load balancer address", () => {
    expect(
      errorAt(
        three("2.11.2", (t) => void (t.deployment.loadBalancer.address = "")),
        "deployment.loadBalancer.address",
      ),
    ).toBeDefined();
    expect(errorAt(single("2.11.2"), "deployment.loadBalancer.address")).toBeUndefined();
  });

  it("warns when the hostname is one node's address", () => {
    expect(
      warningAt(
        three("2.11.2", (t) => void (t.access.hostname = "10.0.0.12")),
        "access.hostname",
      )?.message,
    ).toContain("harbor-2");
  });

  it("needs the DB job logger on 2.9+", () => {
    const noDb: Edit = (t) => void (t.components.jobservice.jobLoggers = ["STD_OUTPUT", "FILE"]);
    expect(errorAt(three("2.9.0", noDb), "components.jobservice.jobLoggers")).toBeDefined();
    expect(errorAt(three("2.9.0"), "components.jobservice.jobLoggers")).toBeUndefined();
  });

  it("before 2.9 warns that job logs stay per node unless data_volume is shared", () => {
    expect(warningAt(three("2.8.6"), "components.jobservice.jobLoggers")).toBeDefined();
    const shared = three("2.8.6", (t) => Object.assign(t.storage, { type: "filesystem", filesystem: { rootDirectory: "/storage", shared: true } }));
    expect(at(shared, "components.jobservice.jobLoggers")).toEqual([]);
  });

  it("warns that Notary has no HA mode", () => {
    const t = three("2.8.6", (t) =>
      Object.assign(t, { components: { ...t.components, notary: true }, access: { ...t.access, tls: "nodes", certificatePath: "/c", privateKeyPath: "/k" } }),
    );
    expect(warningAt(t, "components.notary")).toBeDefined();
  });
});

describe("helm with replicas", () => {
  it("more than one replica with the bundled database or Redis is an error", () => {
    const t = single("2.11.2", helm(2));
    expect(errorAt(t, "database.type")?.message).toContain("More than one replica");
    expect(errorAt(t, "redis.type")).toBeDefined();
    expect(errorAt(single("2.11.2", helm(1)), "database.type")).toBeUndefined();
  });

  it("filesystem storage is a warning (RWX or object storage)", () => {
    const t = three("2.11.2", (t) => {
      helm(2)(t);
      t.storage.type = "filesystem";
    });
    expect(warningAt(t, "storage.type")).toBeDefined();
    expect(errorAt(t, "storage.filesystem.shared")).toBeUndefined();
  });

  it("jobservice replicas > 1 need the DB logger on 2.9+", () => {
    const t = three("2.11.2", (t) => {
      helm(1)(t);
      t.deployment.helm.replicas.jobservice = 2;
      t.components.jobservice.jobLoggers = ["FILE"];
    });
    expect(errorAt(t, "components.jobservice.jobLoggers")).toBeDefined();
  });
});
