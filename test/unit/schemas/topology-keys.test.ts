import * as z from "zod";
import { describe, expect, it } from "vitest";
import { closestKey, editDistance, findUnknownKeys, knownKeysAt, refuseUnknownKeys, stripUnknownKeys } from "@/lib/schemas/topology-keys";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { ZTopology } from "@/lib/schemas/topology";

describe("closestKey", () => {
  it("prefers the same word in another case, then the nearest spelling", () => {
    expect(closestKey("regionendpoint", ["region", "regionEndpoint"])).toBe("regionEndpoint");
    expect(closestKey("RootDirectory", ["rootDirectory"])).toBe("rootDirectory");
    expect(closestKey("adress", ["name", "address"])).toBe("address");
    expect(closestKey("hostnmae", ["hostname", "httpPort"])).toBe("hostname");
    expect(closestKey("sentinelHost", ["sentinelHosts", "sentinelMasterSet"])).toBe("sentinelHosts");
  });

  it("suggests nothing when no key is close, however short", () => {
    expect(closestKey("frobnicate", ["name", "address"])).toBeUndefined();
    expect(closestKey("x", ["tls", "ipv6"])).toBeUndefined();
    expect(closestKey("endpoint", ["region", "bucket"])).toBeUndefined();
  });

  it("counts a swap of two neighbours as one edit", () => {
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("walking a schema", () => {
  const schema = z.object({
    a: z.object({ b: z.string().default("") }).prefault({}),
    list: z.array(z.object({ name: z.string() })).default([]),
    maybe: z.object({ c: z.number() }).nullable().optional(),
    either: z.discriminatedUnion("kind", [z.object({ kind: z.literal("x"), x: z.number() }), z.object({ kind: z.literal("y"), y: z.number() })]),
    free: z.unknown().optional(),
  });

  it("knows the keys through defaults, nullables, arrays and unions", () => {
    expect(knownKeysAt(schema, ["a"])).toEqual(["b"]);
    expect(knownKeysAt(schema, ["list", 3])).toEqual(["name"]);
    expect(knownKeysAt(schema, ["maybe"])).toEqual(["c"]);
    expect(knownKeysAt(schema, ["either"])).toEqual(["kind", "x", "y"]);
    expect(knownKeysAt(schema, ["free"])).toEqual([]);
    expect(knownKeysAt(ZTopology, ["storage", "s3"])).toContain("regionEndpoint");
  });

  it("finds each unknown key at its own path, and leaves free-form values alone", () => {
    const found = findUnknownKeys(schema, {
      a: { B: "" },
      list: [{ name: "n" }, { name: "m", nmae: "" }],
      maybe: null,
      either: { kind: "x", z: 1 },
      free: { anything: 1 },
      toString: 1,
    });
    expect(found.map((u) => u.path.join("."))).toEqual(["a.B", "list.1.nmae", "either.z", "toString"]);
  });

  it("refuses unknown keys as unrecognized_keys issues at their path, with the other issues", () => {
    const r = refuseUnknownKeys(schema).safeParse({ a: { bb: "" }, either: { kind: "x", x: "not a number" } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["unrecognized_keys", "a.bb"],
      ["invalid_type", "either.x"],
    ]);
  });

  it("strips unknown keys at any depth and keeps everything else", () => {
    const t = defaultTopology("2.15.2");
    const stored = {
      ...t,
      legacy: true,
      storage: { ...t.storage, s3: { ...t.storage.s3, oldKey: "x" } },
      deployment: { ...t.deployment, nodes: [{ name: "n", address: "a", port: 1 }] },
    };
    expect(stripUnknownKeys(ZTopology, stored)).toEqual({ ...t, deployment: { ...t.deployment, nodes: [{ name: "n", address: "a" }] } });
    expect(stripUnknownKeys(ZTopology, t)).toEqual(t);
  });
});
