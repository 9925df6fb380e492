import { describe, expect, it } from "vitest";
import { diffBundles, diffYaml, InvalidYamlError } from "@/lib/config/diff";
import { diffLines } from "@/lib/config/diff-lines";
import { HELM_VALUES_SECRET_KEYS, maskYamlDoc } from "@/lib/config/secret-keys";
import { SECRET_MASK, type ConfigFile } from "@/lib/config/types";

const secretKeys = ["database.password", "external_redis.password"];

describe("diffYaml", () => {
  it("reports a changed secret without revealing either value", () => {
    const d = diffYaml("database:\n  password: old-Secret1\n", "database:\n  password: new-Secret2\n", { secretKeys });
    expect(d).toEqual([{ path: "database.password", kind: "changed", before: SECRET_MASK, after: SECRET_MASK }]);
    expect(JSON.stringify(d)).not.toMatch(/Secret1|Secret2/);
  });

  it("masks added and removed secrets and keeps plain values visible", () => {
    const d = diffYaml("hostname: a\n", "hostname: b\nexternal_redis:\n  password: pw123\n", { secretKeys });
    expect(d).toEqual([
      { path: "external_redis.password", kind: "added", after: SECRET_MASK },
      { path: "hostname", kind: "changed", before: "a", after: "b" },
    ]);
  });

  it("reports added and removed keys by path", () => {
    const d = diffYaml("a:\n  b: 1\n  c: 2\n", "a:\n  b: 1\n  d: 3\n", { secretKeys: [] });
    expect(d).toEqual([
      { path: "a.c", kind: "removed", before: "2" },
      { path: "a.d", kind: "added", after: "3" },
    ]);
  });

  it("ignores reordering of named list items and key order, but not of scalar lists", () => {
    const before = "nodes:\n  - name: n1\n    address: 10.0.0.1\n  - name: n2\n    address: 10.0.0.2\nx: 1\ny: 2\n";
    const after = "y: 2\nx: 1\nnodes:\n  - name: n2\n    address: 10.0.0.2\n  - name: n1\n    address: 10.0.0.1\n";
    expect(diffYaml(before, after, { secretKeys: [] })).toEqual([]);
    expect(diffYaml("loggers: [DB, FILE]\n", "loggers: [FILE, DB]\n", { secretKeys: [] })).toEqual([
      { path: "loggers", kind: "changed", before: "[DB, FILE]", after: "[FILE, DB]" },
    ]);
    expect(diffYaml("l:\n  - {a: 1}\n  - {a: 2}\n", "l:\n  - {a: 2}\n  - {a: 1}\n", { secretKeys: [] }).map((e) => e.path)).toEqual(["l[0].a", "l[1].a"]);
  });

  it("throws a typed error for invalid YAML, naming the side and the line", () => {
    try {
      diffYaml("a: 1\n", "a: [1\nb: 2\n", { secretKeys: [] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidYamlError);
      expect((e as InvalidYamlError).side).toBe("after");
      expect((e as InvalidYamlError).message).toMatch(/line \d+/);
    }
  });
});

describe("diffLines", () => {
  it("finds the smallest set of added and removed lines", () => {
    expect(diffLines("a\nb\nc\nd", "a\nc\nd\ne")).toEqual([
      { kind: "removed", line: 2, text: "b" },
      { kind: "added", line: 4, text: "e" },
    ]);
    expect(diffLines("same\n", "same\n")).toEqual([]);
  });
});

describe("diffBundles", () => {
  const f = (path: string, content: string, secret = false): ConfigFile => ({ path, content, secret, description: "" });

  it("classifies each path and never shows secret file content", () => {
    const before = [
      f("README.md", "one\ntwo\n"),
      f("nodes/a/harbor.yml", "hostname: a\n"),
      f("secret/keys/secretkey", "AAAAAAAAAAAAAAAA", true),
      f("gone.txt", "x"),
    ];
    const after = [
      f("README.md", "one\nthree\n"),
      f("nodes/a/harbor.yml", "hostname: a\n"),
      f("secret/keys/secretkey", "BBBBBBBBBBBBBBBB", true),
      f("new.txt", "y"),
    ];
    const d = diffBundles(before, after);
    expect(d.map((x) => [x.path, x.status])).toEqual([
      ["README.md", "changed"],
      ["gone.txt", "removed"],
      ["new.txt", "added"],
      ["nodes/a/harbor.yml", "unchanged"],
      ["secret/keys/secretkey", "changed"],
    ]);
    expect(d[0].lines).toEqual([
      { kind: "removed", line: 2, text: "two" },
      { kind: "added", line: 2, text: "three" },
    ]);
    const secret = d[4];
    expect(secret).toEqual({ path: "secret/keys/secretkey", status: "changed", secret: true });
  });

  it("diffs harbor.yml by key with harbor.yml's secret keys masked", () => {
    const d = diffBundles(
      [f("nodes/a/harbor.yml", "harbor_admin_password: one1\nhostname: a\n")],
      [f("nodes/a/harbor.yml", "harbor_admin_password: two2\nhostname: a\n")],
    );
    expect(d[0].yaml).toEqual([{ path: "harbor_admin_password", kind: "changed", before: SECRET_MASK, after: SECRET_MASK }]);
  });
});

describe("maskYamlDoc", () => {
  it("masks the present secret keys of values.yaml and leaves the rest", () => {
    const text = "secretKey: abcdefghijklmnop\ncore:\n  secret: s3cr3t\n  replicas: 2\n";
    const masked = maskYamlDoc(text, HELM_VALUES_SECRET_KEYS);
    expect(masked).not.toMatch(/abcdefghijklmnop|s3cr3t/);
    expect(masked).toContain("replicas: 2");
    expect(masked).not.toContain("registry");
  });
});
