import { describe, expect, it } from "vitest";
import { diffTopologies } from "@/lib/config/topology-diff";
import { publicUrlOf, topologyDrift } from "@/lib/config/topology-drift";
import { SECRET_MASK } from "@/lib/config/types";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { markStoredSecrets, mergeSecrets, stripSecrets } from "@/lib/schemas/topology-secrets";

const base = () => {
  const t = defaultTopology("2.11.2");
  t.access.hostname = "harbor.example.com";
  return t;
};
const live = { harborVersion: "2.11.2", externalUrl: "https://harbor.example.com", storageProvider: "filesystem" };

describe("topology drift", () => {
  it("reports nothing when the live instance matches the topology", () => {
    expect(topologyDrift(base(), 1, live, { deploymentMode: "docker_compose" })).toEqual([]);
  });

  it("reports version, external URL, storage driver and deployment mode, each with advice", () => {
    const t = base();
    t.storage.type = "s3";
    const drift = topologyDrift(
      t,
      4,
      { harborVersion: "2.10.3", externalUrl: "https://old.example.com", storageProvider: "filesystem" },
      { deploymentMode: "helm" },
    );
    expect(drift.map((d) => d.field)).toEqual(["Version (topology)", "External URL (topology)", "Storage (topology)", "Deployment (topology)"]);
    expect(drift[0]).toMatchObject({ recorded: "2.11.2 (topology r4)", live: "2.10.3" });
    for (const d of drift) expect(d.advice.length).toBeGreaterThan(40);
  });

  it("derives the public URL like harbor.yml does: external_url wins, then protocol, hostname and a non-default port", () => {
    const t = base();
    expect(publicUrlOf(t)).toBe("https://harbor.example.com");
    t.access.tls = "nodes";
    t.access.httpsPort = 8443;
    expect(publicUrlOf(t)).toBe("https://harbor.example.com:8443");
    t.access.tls = "none";
    t.access.httpPort = 80;
    expect(publicUrlOf(t)).toBe("http://harbor.example.com");
    t.access.externalUrl = "https://registry.example.com:9443/";
    expect(publicUrlOf(t)).toBe("https://registry.example.com:9443");
  });
});

describe("topology field diff and secrets", () => {
  it("lists changed fields by path and masks secrets", () => {
    const a = base();
    const b = base();
    b.deployment.nodes = [{ name: "harbor-1", address: "10.0.0.1" }];
    b.components.jobservice.jobLoggers = ["DB"];
    const changes = diffTopologies(a, b, ["database.password"]);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: "deployment.nodes.0.name", before: "", after: "harbor-1" },
        { field: "components.jobservice.jobLoggers", before: "STD_OUTPUT, FILE", after: "DB" },
        { field: "database.password", before: SECRET_MASK, after: SECRET_MASK },
      ]),
    );
  });

  it("never lists a secret's value, even when it differs in the topologies given", () => {
    const a = base();
    const b = base();
    b.redis.password = "plain-text-pw";
    expect(JSON.stringify(diffTopologies(a, b))).not.toContain("plain-text-pw");
  });

  it("strips secrets for storage and merges them back; stored secrets count as set for checks", () => {
    const t = base();
    t.database.password = "db-pw";
    t.storage.s3.secretKey = "s3-key";
    const { topology, secrets } = stripSecrets(t);
    expect(JSON.stringify(topology)).not.toContain("db-pw");
    expect(secrets).toEqual({ "database.password": "db-pw", "storage.s3.secretKey": "s3-key" });
    expect(mergeSecrets(topology, secrets)).toEqual(t);
    // a value the user typed wins over the stored one
    const typed = { ...topology, database: { ...topology.database, password: "new-pw" } };
    expect(mergeSecrets(typed, secrets).database.password).toBe("new-pw");
    expect(markStoredSecrets(topology, ["database.password"], "***").database.password).toBe("***");
  });
});

describe("checkTopology on a form that does not parse yet", () => {
  it("reports the shape error and the other rules' errors together, and returns no topology", async () => {
    const { checkTopology } = await import("@/lib/config/validate");
    const t = defaultTopology("2.11.2");
    const input = {
      ...t,
      access: { ...t.access, hostname: "localhost", httpPort: 70000 },
      deployment: { ...t.deployment, nodes: [{ name: "harbor-1", address: "" }] },
    };
    const result = checkTopology(input);
    expect(result.topology).toBeNull();
    const fields = result.issues.filter((i) => i.severity === "error").map((i) => i.field);
    expect(fields).toContain("access.httpPort");
    expect(fields).toContain("access.hostname");
    expect(fields).toContain("deployment.nodes.0.address");
    // the stand-in value put into the broken field never produces an issue of its own
    expect(result.issues.filter((i) => i.field === "access.httpPort")).toHaveLength(1);
  });

  it("checks node names and addresses for docker-compose only (a Helm topology keeps its node list untouched)", async () => {
    const { checkTopology } = await import("@/lib/config/validate");
    const t = defaultTopology("2.11.2");
    t.deployment.nodes = [{ name: "Bad Name", address: "" }];
    const compose = checkTopology(t).issues.map((i) => i.field);
    expect(compose).toEqual(expect.arrayContaining(["deployment.nodes.0.name", "deployment.nodes.0.address"]));
    t.deployment.kind = "helm";
    expect(
      checkTopology(t)
        .issues.map((i) => i.field)
        .filter((f) => f.startsWith("deployment.nodes")),
    ).toEqual([]);
  });
});
