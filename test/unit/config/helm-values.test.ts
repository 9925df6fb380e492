import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { chartFor, chartIssues } from "@/lib/config/helm-chart";
import { defaultHelmSecretNames, generateHelmSecrets, generateHelmValues } from "@/lib/config/helm-values";
import { SECRET_MASK } from "@/lib/config/types";
import { FIXED_SECRETS, helmIngress, secretValues } from "./helm-fixtures";

const GOLDEN_VERSIONS = ["1.10.18", "2.0.6", "2.3.5", "2.5.6", "2.8.6", "2.9.5", "2.11.2", "2.15.1"];
const names = defaultHelmSecretNames("harbor");

/** Sentinel needs Harbor 2.1 / chart 1.5: older lines get a standalone Redis in the same fixture. */
function golden(version: string) {
  const [major, minor] = version.split(".").map(Number);
  const sentinel = major > 2 || (major === 2 && minor >= 1);
  return sentinel ? helmIngress(version) : helmIngress(version, { redis: { type: "external", address: "redis.example.com:6379", password: "RedisPassw0rd!" } });
}

describe("generateHelmValues goldens (Helm with ingress)", () => {
  for (const version of GOLDEN_VERSIONS) {
    it(`Harbor ${version}`, async () => {
      const t = golden(version);
      expect(chartIssues(t).filter((i) => i.severity === "error")).toEqual([]);
      const values = generateHelmValues(t, { secrets: FIXED_SECRETS, mask: false, secretNames: names });
      await expect(values).toMatchFileSnapshot(`golden/helm/${version}.values.yaml`);
      await expect(generateHelmSecrets(t, { secrets: FIXED_SECRETS, mask: false }, names)).toMatchFileSnapshot(`golden/helm/${version}.secrets.yaml`);
    });
  }

  it("refuses 2.15.2, which no chart ships yet", () => {
    expect(chartFor("2.15.2")).toEqual({ ok: false, message: "No harbor-helm chart ships Harbor 2.15.2 yet; chart 1.19.1 ships 2.15.1" });
    expect(chartIssues(helmIngress("2.15.2"))).toContainEqual(expect.objectContaining({ field: "harborVersion", severity: "error" }));
    expect(() => generateHelmValues(helmIngress("2.15.2"), { secrets: FIXED_SECRETS, mask: false, secretNames: names })).toThrow(/2\.15\.2/);
  });
});

describe("values and Secrets agree", () => {
  for (const version of GOLDEN_VERSIONS) {
    it(`every Secret named in values.yaml is in secrets.yaml, and no other (${version})`, () => {
      const t = golden(version);
      const values = generateHelmValues(t, { secrets: FIXED_SECRETS, mask: false, secretNames: names });
      const docs = generateHelmSecrets(t, { secrets: FIXED_SECRETS, mask: false }, names)
        .split(/^---$/m)
        .map((d) => parse(d) as { metadata: { name: string; namespace: string } });
      const defined = docs.map((d) => d.metadata.name).sort();
      const referenced = [...new Set(values.match(/harbor-pinned-[a-z]+/g) ?? [])].sort();
      expect(referenced).toEqual(defined);
      expect(docs.every((d) => d.metadata.namespace === "registry")).toBe(true);
    });
  }

  it("masked values and Secrets hold no secret value", () => {
    for (const version of GOLDEN_VERSIONS) {
      const t = golden(version);
      const text =
        generateHelmValues(t, { secrets: FIXED_SECRETS, mask: true, secretNames: names }) +
        generateHelmSecrets(t, { secrets: FIXED_SECRETS, mask: true }, names);
      for (const secret of secretValues(t, FIXED_SECRETS)) expect(text).not.toContain(secret);
      expect(text).toContain(SECRET_MASK);
    }
  });

  it("uses existing Secrets from chart 1.14 and inline values before", () => {
    const newer = parse(generateHelmValues(golden("2.11.2"), { secrets: FIXED_SECRETS, mask: false, secretNames: names }));
    expect(newer.core).toMatchObject({ existingSecret: "harbor-pinned-core", existingXsrfSecret: "harbor-pinned-xsrf", secretName: "harbor-pinned-token" });
    expect(newer.core.secret).toBeUndefined();
    const older = parse(generateHelmValues(golden("2.8.6"), { secrets: FIXED_SECRETS, mask: false, secretNames: names }));
    expect(older.core).toMatchObject({ secret: FIXED_SECRETS.coreSecret, xsrfKey: FIXED_SECRETS.csrfKey, secretName: "harbor-pinned-token" });
    expect(older.existingSecretAdminPassword).toBe("harbor-pinned-admin");
    expect(older.database.external.existingSecret).toBe("harbor-pinned-database");
  });
});

describe("chartFor", () => {
  it.each([
    ["1.10.0", "1.3.0"],
    ["1.10.15", "1.3.15"],
    ["1.10.16", "1.3.17"],
    ["1.10.17", "1.3.18"],
    ["1.10.18", "1.3.19"],
    ["2.0.6", "1.4.6"],
    ["2.3.5", "1.7.5"],
    ["2.9.5", "1.13.5"],
    ["2.15.0", "1.19.0"],
  ])("Harbor %s → chart %s", (app, chart) => {
    expect(chartFor(app)).toEqual({ ok: true, chart, appVersion: app });
  });

  it.each([
    ["1.10.19", "chart 1.3.19 ships 1.10.18"],
    ["2.13.5", "chart 1.17.4 ships 2.13.4"],
    ["2.4.4", "chart 1.8.3 ships 2.4.3"],
  ])("refuses %s past the newest chart of its line", (app, tail) => {
    const r = chartFor(app);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(tail);
  });

  it("refuses lines without a chart mapping", () => {
    expect(chartFor("1.9.4").ok).toBe(false);
    expect(chartFor("nonsense").ok).toBe(false);
  });
});
