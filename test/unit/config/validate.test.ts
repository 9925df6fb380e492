/** Every validation rule: each test fails if its rule is removed (docs/harbor/config.md §3, §5; issue 5 "Validation"). */
import { describe, expect, it } from "vitest";
import { editableReleases } from "@/lib/config/features";
import { checkTopology, validateTopology } from "@/lib/config/validate";
import type { TTopology } from "@/lib/schemas/topology";
import { single, three, at, errorAt, warningAt, type Edit } from "./rule-helpers";
import { singleNode } from "./golden/topologies";

const errors = (t: TTopology) => validateTopology(t).filter((i) => i.severity === "error");

describe("reference topologies", () => {
  it.each(editableReleases())("single node and three nodes are valid on %s", (v) => {
    expect(errors(single(v))).toEqual([]);
    expect(errors(three(v))).toEqual([]);
  });
});

describe("checkTopology", () => {
  it("maps zod issues to dotted form fields", () => {
    const input = singleNode("2.11.2");
    const r = checkTopology({ ...input, deployment: { nodes: [{ name: "harbor-1", address: "" }] }, redis: { indexes: { trivy: 16 } } });
    expect(r.topology).toBeNull();
    expect(r.issues.map((i) => [i.section, i.field])).toEqual(
      expect.arrayContaining([
        ["deployment", "deployment.nodes.0.address"],
        ["redis", "redis.indexes.trivy"],
      ]),
    );
    expect(r.issues.every((i) => i.severity === "error")).toBe(true);
  });

  it("refuses input that is not an object", () => {
    const r = checkTopology("hostname: x");
    expect(r.topology).toBeNull();
    expect(r.issues[0]).toMatchObject({ field: "", section: "topology", severity: "error" });
  });

  it("runs the version rules on a parsed topology", () => {
    const r = checkTopology({ ...singleNode("2.11.2"), components: { clair: true } });
    expect(r.topology).not.toBeNull();
    expect(r.issues).toContainEqual(expect.objectContaining({ field: "components.clair", severity: "error" }));
  });

  it("refuses versions outside the editable range with a reason", () => {
    expect(checkTopology(singleNode("1.10.0")).issues).toEqual([]);
    expect(checkTopology({ ...singleNode("1.10.0"), harborVersion: "1.9.4" }).issues).toEqual([
      expect.objectContaining({ field: "harborVersion", message: expect.stringContaining("read-only") }),
    ]);
    expect(checkTopology({ ...singleNode("1.10.0"), harborVersion: "2.16.0" }).issues).toEqual([
      expect.objectContaining({ field: "harborVersion", message: expect.stringContaining("2.15.2") }),
    ]);
  });
});

describe("version gates", () => {
  const gates: Array<[string, string, string, Edit]> = [
    ["components.trivy", "1.10.19", "2.0.0", (t) => void (t.components.trivy = true)],
    ["components.clair", "2.2.0", "2.1.6", (t) => void (t.components.clair = true)],
    ["components.notary", "2.9.0", "2.8.6", (t) => void (t.components.notary = true)],
    ["components.chartmuseum", "2.8.0", "2.7.4", (t) => void (t.components.chartmuseum = true)],
    ["access.internalTls", "1.10.19", "2.0.0", (t) => void (t.access.internalTls = true)],
    ["access.ipv6", "2.10.3", "2.11.0", (t) => void (t.access.ipv6 = true)],
    ["access.strongSslCiphers", "2.8.6", "2.11.0", (t) => void (t.access.strongSslCiphers = true)],
    ["access.strongSslCiphers", "2.10.0", "2.10.1", (t) => void (t.access.strongSslCiphers = true)],
    ["components.metrics.enabled", "2.1.6", "2.2.0", (t) => void (t.components.metrics.enabled = true)],
    ["components.trace.enabled", "2.3.5", "2.4.0", (t) => Object.assign(t.components.trace, { enabled: true, otelEndpoint: "otel:4318" })],
    ["components.cache.enabled", "2.5.6", "2.6.0", (t) => void (t.components.cache.enabled = true)],
    ["components.quotaUpdateProvider", "2.8.6", "2.9.0", (t) => void (t.components.quotaUpdateProvider = "redis")],
    ["components.jobservice.jobLoggers", "2.8.6", "2.9.0", (t) => void (t.components.jobservice.jobLoggers = ["DB"])],
    [
      "redis.mode",
      "2.0.6",
      "2.1.0",
      (t) => Object.assign(t.redis, { type: "external", mode: "sentinel", sentinelHosts: "s1:26379", sentinelMasterSet: "m", password: "p" }),
    ],
    ["redis.username", "2.7.4", "2.8.0", (t) => Object.assign(t.redis, { type: "external", address: "r:6379", username: "harbor", password: "p" })],
    ["redis.tls", "2.12.4", "2.13.0", (t) => Object.assign(t.redis, { type: "external", address: "r:6379", tls: true, tlsRootCa: "/ca.pem" })],
    ["redis.indexes.harbor", "2.8.3", "2.8.4", (t) => void (t.redis.indexes.harbor = 6)],
    ["redis.indexes.cacheLayer", "2.7.2", "2.7.3", (t) => void (t.redis.indexes.cacheLayer = 7)],
  ];
  it.each(gates)("%s: refused on %s, accepted on %s", (field, refused, accepted, edit) => {
    const enable = (v: string) =>
      single(v, (t) => {
        t.components.trivy = v.startsWith("2.");
        edit(t);
      });
    expect(errorAt(enable(refused), field)).toBeDefined();
    expect(errorAt(enable(accepted), field)).toBeUndefined();
  });

  it("the DB job logger before 2.9 is a compose limit only (the chart has its own setting)", () => {
    const helm = single("2.5.6", (t) => {
      t.deployment.kind = "helm";
      t.components.jobservice.jobLoggers = ["DB"];
    });
    expect(errorAt(helm, "components.jobservice.jobLoggers")).toBeUndefined();
  });

  it("strong ciphers need https on the nodes or internal TLS to have an effect", () => {
    expect(
      at(
        single("2.10.3", (t) => void (t.access.strongSslCiphers = true)),
        "access.strongSslCiphers",
      ),
    ).toEqual([]);
    expect(
      at(
        three("2.10.3", (t) => Object.assign(t.access, { strongSslCiphers: true, internalTls: true })),
        "access.strongSslCiphers",
      ),
    ).toEqual([]);
    expect(
      at(
        single("2.11.2", (t) => void (t.access.strongSslCiphers = true)),
        "access.strongSslCiphers",
      ),
    ).toEqual([]);
    expect(
      warningAt(
        three("2.11.2", (t) => void (t.access.strongSslCiphers = true)),
        "access.strongSslCiphers",
      ),
    ).toBeDefined();
  });

  it("max job duration other than 24 warns before 2.13", () => {
    const edit: Edit = (t) => void (t.components.jobservice.maxJobDurationHours = 48);
    expect(warningAt(single("2.12.4", edit), "components.jobservice.maxJobDurationHours")).toBeDefined();
    expect(at(single("2.13.0", edit), "components.jobservice.maxJobDurationHours")).toEqual([]);
  });
});
