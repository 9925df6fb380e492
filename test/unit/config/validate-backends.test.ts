/** PostgreSQL, Redis and storage rules (docs/harbor/config.md §3.2 #4, §3.3; docs/harbor/upgrade.md PostgreSQL minimums). */
import { describe, expect, it } from "vitest";
import { validateTopology } from "@/lib/config/validate";
import type { TTopology } from "@/lib/schemas/topology";
import { single, three, at, errorAt, warningAt } from "./rule-helpers";

describe("external PostgreSQL", () => {
  it.each(["host", "name", "username", "password"] as const)("needs the %s", (key) => {
    expect(
      errorAt(
        three("2.11.2", (t) => void (t.database[key] = "")),
        `database.${key}`,
      ),
    ).toBeDefined();
  });

  it.each([
    ["2.4.3", 9, true],
    ["2.5.0", 9, false],
    ["2.5.0", 10, true],
    ["2.9.0", 11, false],
    ["2.9.0", 12, true],
    ["2.15.2", null, true],
  ] as const)("Harbor %s with PostgreSQL %s: accepted=%s", (v, major, ok) => {
    const t = three(v, (t) => void (t.database.postgresMajor = major));
    expect(errorAt(t, "database.postgresMajor") === undefined).toBe(ok);
  });

  it("the Clair database is required with Clair (≤2.1) and an external database", () => {
    const t = three("2.1.6", (t) => void (t.components.clair = true));
    expect(errorAt(t, "database.clair.host")).toBeDefined();
    expect(errorAt(three("2.1.6"), "database.clair.host")).toBeUndefined();
  });

  it("the Notary databases are required with Notary (≤2.8) and an external database", () => {
    const t = three("2.8.6", (t) =>
      Object.assign(t, { components: { ...t.components, notary: true }, access: { ...t.access, tls: "nodes", certificatePath: "/c", privateKeyPath: "/k" } }),
    );
    expect(errorAt(t, "database.notarySigner.password")).toBeDefined();
    expect(errorAt(t, "database.notaryServer.host")).toBeDefined();
  });
});

describe("external Redis", () => {
  it.each(["", "redis.example.com", "redis://r:6379", "r:99999"])("standalone address %j is refused", (address) => {
    expect(
      errorAt(
        three("2.0.6", (t) => void (t.redis.address = address)),
        "redis.address",
      ),
    ).toBeDefined();
  });

  it.each(["", "s1:26379,s2", "s1:26379, s2:99999", "s1 26379", "redis+sentinel://s1:26379"])("sentinel hosts %j are refused", (hosts) => {
    expect(
      errorAt(
        three("2.11.2", (t) => void (t.redis.sentinelHosts = hosts)),
        "redis.sentinelHosts",
      ),
    ).toBeDefined();
  });

  it("accepts a sentinel list with blanks and IPv6 literals", () => {
    expect(
      at(
        three("2.11.2", (t) => void (t.redis.sentinelHosts = "s1:26379, [fd00::1]:26379")),
        "redis.sentinelHosts",
      ),
    ).toEqual([]);
  });

  it("sentinel needs the master set", () => {
    expect(
      errorAt(
        three("2.11.2", (t) => void (t.redis.sentinelMasterSet = "")),
        "redis.sentinelMasterSet",
      ),
    ).toBeDefined();
  });

  it("a username needs a password (§3.3)", () => {
    expect(
      errorAt(
        three("2.11.2", (t) => Object.assign(t.redis, { username: "harbor", password: "" })),
        "redis.username",
      )?.message,
    ).toContain("needs a password");
    expect(
      at(
        three("2.11.2", (t) => Object.assign(t.redis, { username: "harbor" })),
        "redis.username",
      ),
    ).toEqual([]);
  });

  it("TLS without a root CA is a warning", () => {
    expect(
      warningAt(
        three("2.13.0", (t) => Object.assign(t.redis, { tls: true, tlsRootCa: "" })),
        "redis.tlsRootCa",
      ),
    ).toBeDefined();
    expect(
      at(
        three("2.13.0", (t) => Object.assign(t.redis, { tls: true, tlsRootCa: "/etc/redis/ca.pem" })),
        "redis.tlsRootCa",
      ),
    ).toEqual([]);
  });
});

describe("Redis indexes", () => {
  it("0 is reserved for core", () => {
    expect(
      errorAt(
        three("2.11.2", (t) => void (t.redis.indexes.registry = 0)),
        "redis.indexes.registry",
      )?.message,
    ).toContain("reserved");
  });

  it("a duplicate is reported at the later component", () => {
    const t = three("2.11.2", (t) => void (t.redis.indexes.trivy = 2));
    expect(errorAt(t, "redis.indexes.trivy")?.message).toContain("jobservice");
    expect(at(t, "redis.indexes.jobservice")).toEqual([]);
  });

  it("only the components this version and topology use count", () => {
    // chartmuseum off (and gone in 2.11), clair gone, trivy off: their indexes may collide
    const t = three("2.11.2", (t) => Object.assign(t.redis.indexes, { chartmuseum: 1, clair: 1 }));
    expect(validateTopology(t).filter((i) => i.field.startsWith("redis.indexes"))).toEqual([]);
    const off = three("2.11.2", (t) =>
      Object.assign(t, { components: { ...t.components, trivy: false }, redis: { ...t.redis, indexes: { ...t.redis.indexes, trivy: 1 } } }),
    );
    expect(at(off, "redis.indexes.trivy")).toEqual([]);
    const chart = three("2.7.4", (t) =>
      Object.assign(t, { components: { ...t.components, chartmuseum: true }, redis: { ...t.redis, indexes: { ...t.redis.indexes, chartmuseum: 1 } } }),
    );
    expect(errorAt(chart, "redis.indexes.chartmuseum")).toBeDefined();
  });

  it("the bundled Redis section (2.7.3 / 2.8.4 / 2.9+) follows the same rules", () => {
    expect(
      errorAt(
        single("2.9.0", (t) => void (t.redis.indexes.harbor = 1)),
        "redis.indexes.harbor",
      ),
    ).toBeDefined();
    expect(
      errorAt(
        single("2.8.4", (t) => void (t.redis.indexes.harbor = 1)),
        "redis.indexes.harbor",
      ),
    ).toBeDefined();
  });

  it("indexes of the bundled Redis before 2.7.3 / 2.8.4 are fixed: a change is a warning", () => {
    expect(
      warningAt(
        single("2.8.3", (t) => void (t.redis.indexes.registry = 9)),
        "redis.indexes.registry",
      ),
    ).toBeDefined();
    expect(at(single("2.8.3"), "redis.indexes.registry")).toEqual([]);
  });
});

describe("storage (§3.2 #4: Harbor never refuses an incomplete driver)", () => {
  const cases: Array<[TTopology["storage"]["type"], string]> = [
    ["filesystem", "rootDirectory"],
    ["s3", "region"],
    ["s3", "bucket"],
    ["azure", "accountName"],
    ["azure", "accountKey"],
    ["azure", "container"],
    ["gcs", "bucket"],
    ["swift", "authUrl"],
    ["swift", "username"],
    ["swift", "password"],
    ["swift", "container"],
    ["oss", "accessKeyId"],
    ["oss", "accessKeySecret"],
    ["oss", "region"],
    ["oss", "bucket"],
  ];
  it.each(cases)("%s needs %s", (type, key) => {
    const t = three("2.11.2", (t) => {
      t.storage.type = type;
      Object.assign(t.storage.azure, { accountName: "a", accountKey: "k", container: "c" });
      Object.assign(t.storage.gcs, { bucket: "b" });
      Object.assign(t.storage.swift, { authUrl: "https://k/v3", username: "u", password: "p", container: "c" });
      Object.assign(t.storage.oss, { accessKeyId: "i", accessKeySecret: "s", region: "r", bucket: "b" });
      t.storage.filesystem.shared = true;
    });
    expect(errorAt(t, `storage.${type}.${key}`)).toBeUndefined();
    (t.storage[type] as Record<string, unknown>)[key] = "";
    expect(errorAt(t, `storage.${type}.${key}`)).toBeDefined();
  });

  it("S3 keys come in pairs; without both an instance role applies", () => {
    expect(
      errorAt(
        three("2.11.2", (t) => void (t.storage.s3.secretKey = "")),
        "storage.s3.secretKey",
      ),
    ).toBeDefined();
    expect(
      errorAt(
        three("2.11.2", (t) => void (t.storage.s3.accessKey = "")),
        "storage.s3.accessKey",
      ),
    ).toBeDefined();
    expect(
      validateTopology(three("2.11.2", (t) => Object.assign(t.storage.s3, { accessKey: "", secretKey: "" }))).filter((i) => i.section === "storage"),
    ).toEqual([]);
  });

  it("S3 skipVerify is a warning", () => {
    expect(
      warningAt(
        three("2.11.2", (t) => void (t.storage.s3.skipVerify = true)),
        "storage.s3.skipVerify",
      ),
    ).toBeDefined();
  });
});
