import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateBundle } from "@/lib/config/bundle";
import { parseTopologyYaml, resolveSecretPlaceholders } from "@/lib/config/topology-yaml";

describe("the README's topology-as-code example", () => {
  it("parses, validates and generates the files it promises", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../../README.md"), "utf8");
    const start = readme.indexOf("apiVersion: harbor-fleet-console/v1");
    expect(start).toBeGreaterThan(0);
    const parsed = parseTopologyYaml(readme.slice(start, readme.indexOf("```", start)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const env = { HARBOR_ADMIN_PASSWORD: "a", HARBOR_DATABASE_PASSWORD: "b", HARBOR_REDIS_PASSWORD: "c", HARBOR_STORAGE_S3_SECRET_KEY: "d" };
    const { topology, missing } = resolveSecretPlaceholders(parsed.document.spec, env);
    expect(missing).toEqual([]);
    const bundle = generateBundle(topology, { secrets: null, mask: true, instanceName: parsed.document.metadata.name });
    if (!bundle.ok) throw new Error(JSON.stringify(bundle.issues));
    expect(bundle.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(bundle.files.map((f) => f.path)).toEqual(expect.arrayContaining(["nodes/harbor-3/harbor.yml", "loadbalancer/haproxy.cfg"]));
  });
});
