import * as z from "zod";
import { describe, expect, it } from "vitest";
import { fileSecretKeys, HARBOR_YML_SECRET_KEYS, HELM_VALUES_SECRET_KEYS } from "@/lib/config/secret-keys";
import { secret, secretFieldsOf, type SecretPathsOf } from "@/lib/schemas/secret-field";
import { ZTopology } from "@/lib/schemas/topology";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { knownKeysAt, refuseUnknownKeys } from "@/lib/schemas/topology-keys";
import { getPath, setPath } from "@/lib/schemas/topology-path";
import { mergeSecrets, SECRET_FIELDS, SECRET_PATHS, stripSecrets, type SecretPath } from "@/lib/schemas/topology-secrets";

const token = () => secret(z.string().default(""), { harborYml: ["tokens.api"], helmValues: ["api.token", "api.tokenCopy"] });

/** A schema shaped like the topology's: wrapped in the unknown-key check, sections with prefaults. */
const ZTest = refuseUnknownKeys(
  z.object({
    name: z.string().default(""),
    plain: z.object({ password: z.string().default("") }).prefault({}),
    auth: z.object({ user: z.string().default(""), token: token() }).prefault({}),
    pin: secret(z.string().default(""), { harborYml: [], helmValues: ["pin"] }),
    nodes: z.array(z.object({ key: token() })).default([]),
  }),
);

describe("secret fields of a schema", () => {
  it("lists every marked field by its path, in schema order, looking through wrappers and the unknown-key check", () => {
    expect(secretFieldsOf(ZTest)).toEqual([
      { path: "auth.token", harborYml: ["tokens.api"], helmValues: ["api.token", "api.tokenCopy"] },
      { path: "pin", harborYml: [], helmValues: ["pin"] },
    ]);
  });

  it("derives each file's key list from the marks, then the keys the schema has no field for", () => {
    const fields = secretFieldsOf(ZTest);
    expect(fileSecretKeys(fields, "harborYml", ["other.secret"])).toEqual(["tokens.api", "other.secret"]);
    expect(fileSecretKeys(fields, "helmValues", [])).toEqual(["api.token", "api.tokenCopy", "pin"]);
  });

  it("types the same paths at compile time", () => {
    const paths: SecretPathsOf<typeof ZTest>[] = ["auth.token", "pin"];
    // @ts-expect-error an unmarked field is not a secret path
    const unmarked: SecretPathsOf<typeof ZTest> = "plain.password";
    expect([...paths, unmarked]).toHaveLength(3);
  });

  it("marks a copy: the schema passed in stays unmarked", () => {
    const base = z.string().default("");
    const marked = secret(base, { harborYml: ["k"], helmValues: [] });
    expect(secretFieldsOf(z.object({ a: base, b: marked }))).toEqual([{ path: "b", harborYml: ["k"], helmValues: [] }]);
  });
});

describe("the topology's secrets", () => {
  it("SECRET_PATHS are the schema's marked fields", () => {
    expect(SECRET_PATHS).toEqual(secretFieldsOf(ZTopology).map((f) => f.path));
    expect(SECRET_PATHS).toContain("adminPassword" satisfies SecretPath);
    expect(SECRET_PATHS.length).toBeGreaterThanOrEqual(11);
  });

  it("every secret path is a string field of the schema", () => {
    const t = defaultTopology("2.11.2");
    for (const path of SECRET_PATHS) {
      const keys = path.split(".");
      expect(knownKeysAt(ZTopology, keys.slice(0, -1)), path).toContain(keys[keys.length - 1]);
      expect(getPath(t, path), path).toBe("");
    }
  });

  it("every secret path is stripped from a stored revision and merged back", () => {
    let withSecrets = defaultTopology("2.11.2");
    for (const path of SECRET_PATHS) withSecrets = setPath(withSecrets, path, `v-${path}`);
    const { topology, secrets } = stripSecrets(withSecrets);
    expect(Object.keys(secrets)).toEqual([...SECRET_PATHS]);
    for (const path of SECRET_PATHS) expect(getPath(topology, path), path).toBe("");
    expect(mergeSecrets(topology, secrets)).toEqual(withSecrets);
  });

  it("the harbor.yml and values.yaml key lists hold every file key the marks name", () => {
    for (const f of SECRET_FIELDS) {
      for (const key of f.harborYml) expect(HARBOR_YML_SECRET_KEYS, f.path).toContain(key);
      for (const key of f.helmValues) expect(HELM_VALUES_SECRET_KEYS, f.path).toContain(key);
    }
    expect(HARBOR_YML_SECRET_KEYS).toContain("harbor_admin_password");
    expect(HELM_VALUES_SECRET_KEYS).toContain("harborAdminPassword");
  });
});
