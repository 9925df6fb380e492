import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { harborYmlObject } from "@/lib/config/harbor-yml";
import { defaultHelmSecretNames } from "@/lib/config/helm-secrets";
import { generateHelmValues } from "@/lib/config/helm-values";
import { FIXED_SECRETS } from "./helm-fixtures";
import { STORAGE_TYPES, type TTopology } from "@/lib/schemas/topology";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { getPath, setPath } from "@/lib/schemas/topology-path";
import { SECRET_FIELDS } from "@/lib/schemas/topology-secrets";

/**
 * The file keys a secret() mark names are where the generators write that field: every secret set to a value of its
 * own, over the deployments that use each field, then each named key that the file holds must carry that value, and
 * each named key must appear in at least one deployment.
 */
const valueOf = (path: string) => `secret-of-${path}`;

function scenarios(version: string): TTopology[] {
  let base = defaultTopology(version);
  for (const f of SECRET_FIELDS) base = setPath(base, f.path, valueOf(f.path));
  // harbor.yml writes S3 keys only as a pair
  base = setPath(base, "storage.s3.accessKey", "AKIA-TEST");
  const out: TTopology[] = [];
  for (const db of ["internal", "external"] as const)
    for (const storage of STORAGE_TYPES) {
      let t = setPath(base, "database.type", db);
      t = setPath(t, "redis.type", db);
      t = setPath(t, "storage.type", storage);
      t = setPath(t, "components", { ...t.components, clair: true, notary: true });
      out.push(t);
    }
  return out;
}

function checkFile(file: "harborYml" | "helmValues", generate: (t: TTopology) => unknown, versions: readonly string[]) {
  const seen = new Set<string>();
  for (const version of versions)
    for (const t of scenarios(version)) {
      const doc = generate(t);
      for (const f of SECRET_FIELDS)
        for (const key of f[file]) {
          const written = getPath(doc, key);
          if (written === undefined) continue;
          seen.add(key);
          expect(written, `${key} ← ${f.path} (Harbor ${version}, ${t.database.type} database, ${t.storage.type})`).toBe(valueOf(f.path));
        }
    }
  return seen;
}

describe("secret file keys follow the generators", () => {
  it("each harbor.yml key a mark names holds that field's value", () => {
    const seen = checkFile("harborYml", (t) => harborYmlObject(t, false), ["1.10.0", "2.11.2"]);
    expect([...seen].sort()).toEqual(SECRET_FIELDS.flatMap((f) => f.harborYml).sort());
  });

  it("each values.yaml key a mark names holds that field's value", () => {
    // a running release carries credentials inline; before chart 1.12 (Harbor 2.8) a planned one carries the admin password inline too
    const helm = (t: TTopology) => {
      const lifecycle = t.harborVersion === "2.7.0" ? "planned" : "running";
      const values = generateHelmValues(setPath(t, "deployment.kind", "helm"), {
        secrets: FIXED_SECRETS,
        mask: false,
        lifecycle,
        secretNames: defaultHelmSecretNames("harbor"),
      });
      const doc = parse(values) as Record<string, unknown>;
      // the chart takes the GCS key base64-encoded
      const gcs = getPath(doc, "persistence.imageChartStorage.gcs.encodedkey");
      return typeof gcs === "string" ? setPath(doc, "persistence.imageChartStorage.gcs.encodedkey", Buffer.from(gcs, "base64").toString()) : doc;
    };
    const seen = checkFile("helmValues", helm, ["2.7.0", "2.11.2"]);
    expect([...seen].sort()).toEqual(SECRET_FIELDS.flatMap((f) => f.helmValues).sort());
  });
});
