import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { exportTopologyYaml, parseTopologyYaml } from "@/lib/config/topology-yaml";
import { checkTopology } from "@/lib/config/validate";
import type { ConfigIssue } from "@/lib/schemas/config-issue";
import { threeNodes } from "./compose-fixtures";

type Doc = {
  spec: Record<string, Record<string, unknown>> & { deployment: { nodes: Record<string, unknown>[] }; storage: { s3: Record<string, unknown> } };
} & Record<string, unknown>;

/** A real exported topology (3 nodes, S3), edited as a user would edit the file. */
function exported(edit: (doc: Doc) => void): string {
  const doc = parse(exportTopologyYaml(threeNodes("2.15.2"), { name: "prod" }, { secrets: "values" })) as Doc;
  edit(doc);
  return stringify(doc);
}

function issuesOf(text: string): ConfigIssue[] {
  const r = parseTopologyYaml(text);
  if (r.ok) throw new Error("the document was accepted");
  return r.issues;
}

describe("unknown keys in a topology file", () => {
  it("refuses harbor.yml's `regionendpoint` at its path, naming `regionEndpoint` (it used to vanish: the registry would talk to AWS)", () => {
    const text = exported((d) => {
      d.spec.storage.s3.regionendpoint = "https://minio.example.com";
    });
    expect(issuesOf(text)).toEqual([
      { section: "storage", field: "storage.s3.regionendpoint", message: "Unknown key `regionendpoint`: did you mean `regionEndpoint`?", severity: "error" },
    ]);
  });

  it("refuses an unknown key at the top of the spec and of the document", () => {
    const text = exported((d) => {
      d.spec.databse = { host: "pg.example.com" };
      d.metdata = { name: "x" };
      d.redis = {};
    });
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({ section: "databse", field: "databse", message: "Unknown key `databse`: did you mean `database`?", severity: "error" }),
      expect.objectContaining({ field: "metdata", message: "Unknown key `metdata`: did you mean `metadata`?" }),
      expect.objectContaining({ field: "redis", message: "`redis` belongs under `spec:`, not at the top of the document" }),
    ]);
  });

  it("refuses an unknown key inside a node of the list, at the node's index", () => {
    const text = exported((d) => {
      d.spec.deployment.nodes[1].adress = "10.0.0.99";
    });
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({ section: "deployment", field: "deployment.nodes.1.adress", message: "Unknown key `adress`: did you mean `address`?" }),
    ]);
  });

  it("lists the known keys when none is close", () => {
    const text = exported((d) => {
      d.spec.deployment.nodes[0].frobnicate = true;
    });
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({ field: "deployment.nodes.0.frobnicate", message: "Unknown key `frobnicate` (known here: name, address)" }),
    ]);
  });

  it("reports unknown keys together with the file's other errors", () => {
    const text = exported((d) => {
      d.spec.storage.s3.regionendpoint = "https://minio.example.com";
      d.spec.access.httpPort = 70000;
    });
    expect(issuesOf(text).map((i) => i.field)).toEqual(["storage.s3.regionendpoint", "access.httpPort"]);
  });

  it("shows a key that is not plain text escaped, in the field and the message", () => {
    const [issue] = issuesOf(exported((d) => (d.spec.storage.s3["bad\u001b[31mkey"] = 1)));
    expect(issue.field).toBe('storage.s3."bad\\u001b[31mkey"');
    expect(issue.message).not.toMatch(/\u001b/);
  });

  it("refuses them in a seed file's or a save's topology too (checkTopology), at the same path", () => {
    const t = threeNodes("2.15.2");
    const input = { ...t, storage: { ...t.storage, s3: { ...t.storage.s3, regionendpoint: "https://minio.example.com" } } };
    const checked = checkTopology(input);
    expect(checked.topology).toBeNull();
    expect(checked.issues).toEqual([
      { section: "storage", field: "storage.s3.regionendpoint", message: "Unknown key `regionendpoint`: did you mean `regionEndpoint`?", severity: "error" },
    ]);
    expect(checkTopology(t).topology).toEqual(t);
  });
});
