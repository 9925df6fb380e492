import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportTopologyYaml, parseTopologyYaml, placeholderName, resolveSecretPlaceholders } from "@/lib/config/topology-yaml";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { STORAGE_TYPES, ZTopology } from "@/lib/schemas/topology";
import { threeNodes } from "./compose-fixtures";
import { helmIngress } from "./helm-fixtures";

function roundTrip(t: ReturnType<typeof defaultTopology>) {
  const r = parseTopologyYaml(exportTopologyYaml(t, { name: "x" }, { secrets: "values" }));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

describe("topology as code", () => {
  it("exports only what differs from the defaults, harborVersion always", () => {
    const text = exportTopologyYaml(defaultTopology("2.15.2"), { name: "bare" }, { secrets: "values" });
    expect(text).toContain("spec:\n  harborVersion: 2.15.2\n");
    expect(text.trimEnd().endsWith("harborVersion: 2.15.2")).toBe(true);
  });

  it("round-trips the golden topologies", () => {
    for (const t of [threeNodes("2.15.2"), helmIngress("2.11.2"), threeNodes("1.10.18", { lb: "haproxy", tls: "nodes" })]) {
      const r = roundTrip(t);
      expect(r.document.spec).toEqual(t);
      expect(r.unresolved).toEqual([]);
    }
  });

  it("round-trips arbitrary variations (fast-check)", () => {
    const arb = fc.record({
      version: fc.constantFrom("1.10.18", "2.8.6", "2.15.2"),
      kind: fc.constantFrom("compose", "helm"),
      storage: fc.constantFrom(...STORAGE_TYPES),
      nodes: fc.integer({ min: 0, max: 4 }),
      port: fc.integer({ min: 1, max: 65535 }),
      index: fc.option(fc.integer({ min: 0, max: 15 })),
      loggers: fc.subarray(["STD_OUTPUT", "FILE", "DB"] as const),
      password: fc.string({ maxLength: 20 }),
      sampleRate: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const t = ZTopology.parse({
          harborVersion: a.version,
          deployment: { kind: a.kind, nodes: Array.from({ length: a.nodes }, (_, i) => ({ name: `n${i}`, address: `10.0.0.${i + 1}` })) },
          access: { httpsPort: a.port },
          database: { password: a.password },
          redis: { indexes: { harbor: a.index } },
          storage: { type: a.storage },
          components: { jobservice: { jobLoggers: a.loggers }, trace: { sampleRate: a.sampleRate } },
        });
        expect(roundTrip(t).document.spec).toEqual(t);
      }),
      { numRuns: 150 },
    );
  });

  it("writes secrets as ${HARBOR_…} placeholders and resolves them from the environment", () => {
    const t = threeNodes("2.15.2");
    const text = exportTopologyYaml(t, { name: "prod", description: "HA" }, { secrets: "placeholders" });
    expect(text).toContain("password: ${HARBOR_DATABASE_PASSWORD}");
    expect(text).toContain("secretKey: ${HARBOR_STORAGE_S3_SECRET_KEY}");
    expect(text).not.toContain("DbPassw0rd!");
    const r = parseTopologyYaml(text);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.document.metadata).toEqual({ name: "prod", description: "HA" });
    expect(r.unresolved.sort()).toEqual(["HARBOR_ADMIN_PASSWORD", "HARBOR_DATABASE_PASSWORD", "HARBOR_REDIS_PASSWORD", "HARBOR_STORAGE_S3_SECRET_KEY"]);
    const env = { HARBOR_ADMIN_PASSWORD: t.adminPassword, HARBOR_DATABASE_PASSWORD: t.database.password, HARBOR_REDIS_PASSWORD: t.redis.password };
    const partial = resolveSecretPlaceholders(r.document.spec, env);
    expect(partial.missing).toEqual(["HARBOR_STORAGE_S3_SECRET_KEY"]);
    const full = resolveSecretPlaceholders(r.document.spec, { ...env, HARBOR_STORAGE_S3_SECRET_KEY: t.storage.s3.secretKey });
    expect(full).toEqual({ topology: t, missing: [] });
  });

  it("resolves placeholders in secret fields only", () => {
    const t = ZTopology.parse({ harborVersion: "2.15.2", access: { hostname: "" }, components: { log: { location: "/var/log/harbor" } } });
    const withText = { ...t, deployment: { ...t.deployment, helm: { ...t.deployment.helm, ingressClassName: "${HARBOR_X}" } } };
    expect(resolveSecretPlaceholders(withText, { HARBOR_X: "y" }).topology.deployment.helm.ingressClassName).toBe("${HARBOR_X}");
  });

  it("names placeholders after the secret path", () => {
    expect(placeholderName("database.password")).toBe("HARBOR_DATABASE_PASSWORD");
    expect(placeholderName("adminPassword")).toBe("HARBOR_ADMIN_PASSWORD");
    expect(placeholderName("database.notarySigner.password")).toBe("HARBOR_DATABASE_NOTARY_SIGNER_PASSWORD");
  });

  it("reports YAML errors with line and column, and schema errors at spec-relative fields", () => {
    const bad = parseTopologyYaml("apiVersion: harbor-fleet-console/v1\nkind: HarborTopology\nspec: [unclosed\n");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues).toEqual([expect.objectContaining({ section: "yaml", message: expect.stringMatching(/line \d+, column \d+/) })]);
    const invalid = parseTopologyYaml(
      "apiVersion: harbor-fleet-console/v1\nkind: HarborTopology\nspec:\n  harborVersion: 2.15.2\n  access:\n    httpPort: 70000\n",
    );
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.issues).toEqual([expect.objectContaining({ section: "access", field: "access.httpPort", severity: "error" })]);
    const wrongKind = parseTopologyYaml("apiVersion: v2\nkind: HarborTopology\nspec:\n  harborVersion: 2.15.2\n");
    expect(wrongKind.ok).toBe(false);
    if (!wrongKind.ok) expect(wrongKind.issues[0].field).toBe("apiVersion");
  });
});
