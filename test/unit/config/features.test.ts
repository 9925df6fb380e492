/** Version facts against docs/harbor/config.md §0/§2.1 and docs/harbor/upgrade.md (PostgreSQL minimums). */
import { describe, expect, it } from "vitest";
import { EDITABLE_LINES, editableReleases, featuresFor, type HarborFeatures } from "@/lib/config/features";
import { describeGate, isKnownRelease, lineIndex, passesGate, PATCH_GATES, RELEASE_LINES, toVersion, type PatchGate } from "@/lib/releases";

describe("editable range", () => {
  it("spans the lines 1.10 … 2.15", () => {
    expect(EDITABLE_LINES[0]).toBe("1.10");
    expect(EDITABLE_LINES.at(-1)).toBe("2.15");
    expect(EDITABLE_LINES).not.toContain("1.9");
  });

  it("lists every final release of those lines, newest first", () => {
    const releases = editableReleases();
    const finals = RELEASE_LINES.filter((l) => EDITABLE_LINES.includes(l.line)).reduce((n, l) => n + l.finals, 0);
    expect(releases).toHaveLength(finals);
    expect(releases[0]).toBe("2.15.2");
    expect(releases.at(-1)).toBe("1.10.0");
    expect(releases).toContain("1.10.19");
    expect(releases).not.toContain("1.9.4");
  });

  it.each(["1.9.4", "1.8.0", "2.15.3", "2.16.0", "3.0.0", "garbage", ""])("featuresFor(%j) is null", (v) => {
    expect(featuresFor(v)).toBeNull();
  });
});

describe("_version (docs/harbor/config.md §0)", () => {
  it.each([
    ["1.10.19", "1.10.0"],
    ["2.0.6", "2.0.0"],
    ["2.1.6", "2.1.0"],
    ["2.5.6", "2.5.0"],
    ["2.15.2", "2.15.0"],
  ])("%s writes %s", (v, expected) => {
    expect(featuresFor(v)!.ymlVersion).toBe(expected);
  });
});

type Flag = { [K in keyof HarborFeatures]: HarborFeatures[K] extends boolean ? K : never }[keyof HarborFeatures];

// [flag, last release without it, first release with it]
const ADDED: Array<[Flag, string, string]> = [
  ["trivy", "1.10.19", "2.0.0"],
  ["internalTls", "1.10.19", "2.0.0"],
  ["idleTimeout", "1.10.19", "2.0.0"],
  ["sentinel", "2.0.6", "2.1.0"],
  ["metric", "2.1.6", "2.2.0"],
  ["trace", "2.3.5", "2.4.0"],
  ["trivyTimeout", "2.3.5", "2.4.0"],
  ["uploadPurging", "2.4.3", "2.5.0"],
  ["trivyOfflineScan", "2.4.1", "2.4.2"],
  ["cache", "2.5.6", "2.6.0"],
  ["connLifetime", "2.6.4", "2.7.0"],
  ["trivySecurityCheck", "2.6.1", "2.6.2"],
  ["redisUsername", "2.7.4", "2.8.0"],
  ["loggerSweeper", "2.7.4", "2.8.0"],
  ["webhookHttpClientTimeout", "2.7.4", "2.8.0"],
  ["jobLoggers", "2.8.6", "2.9.0"],
  ["redisSection", "2.8.3", "2.8.4"],
  ["harborAndCacheLayerDbIndex", "2.8.3", "2.8.4"],
  ["redisPasswordQuoted", "2.8.0", "2.8.1"],
  ["quotaUpdateProvider", "2.8.6", "2.9.0"],
  ["ipFamily", "2.10.3", "2.11.0"],
  ["httpsStrongCiphers", "2.10.0", "2.10.1"],
  ["internalTlsStrongCiphers", "2.10.0", "2.10.1"],
  ["trivySkipJavaDbUpdate", "2.10.0", "2.10.1"],
  ["redisTls", "2.12.4", "2.13.0"],
  ["maxJobDuration", "2.12.4", "2.13.0"],
  ["trivyDbRepository", "2.14.4", "2.15.0"],
];

// [flag, last release with it, first release without it]
const REMOVED: Array<[Flag, string, string]> = [
  ["redisHostPortSplit", "2.0.6", "2.1.0"],
  ["clair", "2.1.6", "2.2.0"],
  ["chartmuseum", "2.7.4", "2.8.0"],
  ["notary", "2.8.6", "2.9.0"],
];

describe("features by release (docs/harbor/config.md §2.1)", () => {
  it.each(ADDED)("%s: absent in %s, present from %s", (flag, before, from) => {
    expect(featuresFor(before)![flag]).toBe(false);
    expect(featuresFor(from)![flag]).toBe(true);
    expect(featuresFor("2.15.2")![flag]).toBe(true);
  });

  it.each(REMOVED)("%s: present in %s, gone from %s", (flag, last, gone) => {
    expect(featuresFor("1.10.0")![flag]).toBe(true);
    expect(featuresFor(last)![flag]).toBe(true);
    expect(featuresFor(gone)![flag]).toBe(false);
  });

  it.each([
    ["redisPasswordQuoted", ["2.5.6", "2.6.4", "2.7.1", "2.8.0"], ["2.7.2", "2.7.4", "2.8.1", "2.9.0", "2.15.2"]],
    ["redisSection", ["2.6.4", "2.7.2", "2.8.3"], ["2.7.3", "2.8.4", "2.8.6", "2.9.0"]],
    ["harborAndCacheLayerDbIndex", ["2.6.4", "2.7.2", "2.8.3"], ["2.7.3", "2.8.4", "2.9.0"]],
    ["httpsStrongCiphers", ["2.8.6", "2.9.0", "2.9.2", "2.10.0"], ["2.9.3", "2.9.5", "2.10.1", "2.11.0", "2.15.2"]],
    ["internalTlsStrongCiphers", ["2.8.6", "2.9.2", "2.10.0"], ["2.9.3", "2.10.1", "2.11.0"]],
    // trivy keys read by prepare from a patch (configs.py and trivy-adapter/env.jinja at the tags)
    ["trivyOfflineScan", ["2.3.5", "2.4.0", "2.4.1"], ["2.4.2", "2.4.3", "2.5.0"]],
    ["trivySecurityCheck", ["2.5.6", "2.6.0", "2.6.1"], ["2.6.2", "2.6.4", "2.7.0"]],
    ["trivySkipJavaDbUpdate", ["2.8.6", "2.9.2", "2.10.0"], ["2.9.3", "2.9.5", "2.10.1", "2.11.0"]],
  ] as Array<[Flag, string[], string[]]>)("%s arrives in a patch on older lines", (flag, without, withIt) => {
    for (const v of without) expect(featuresFor(v)![flag], v).toBe(false);
    for (const v of withIt) expect(featuresFor(v)![flag], v).toBe(true);
  });

  it("redirect is spelled disabled before 2.8 and disable from 2.8", () => {
    expect(featuresFor("2.7.4")!.redirectKey).toBe("disabled");
    expect(featuresFor("2.8.0")!.redirectKey).toBe("disable");
  });

  it.each([
    ["2.4.3", null],
    ["2.5.0", 10],
    ["2.8.6", 10],
    ["2.9.0", 12],
    ["2.15.2", 12],
  ])("external PostgreSQL minimum for %s is %s", (v, min) => {
    expect(featuresFor(v)!.postgresMinimum).toBe(min);
  });

  it("health checks probe what docs/harbor/api.md documents: /api/ping on 1.x, /api/v2.0/ping from 2.2, anonymous systeminfo on 2.0–2.1", () => {
    expect(featuresFor("1.10.19")!.pingPath).toBe("/api/ping");
    expect(featuresFor("2.0.0")!.pingPath).toBe("/api/v2.0/systeminfo");
    expect(featuresFor("2.1.6")!.pingPath).toBe("/api/v2.0/systeminfo");
    expect(featuresFor("2.2.0")!.pingPath).toBe("/api/v2.0/ping");
  });
});

describe("patch gates (PATCH_GATES)", () => {
  const gate = { "2.7": "2.7.3", "2.8": "2.8.4", from: "2.9" } as const;
  const at = (v: string) => passesGate(gate, toVersion(v)!);

  it("holds from the listed patch on each listed line, and on every release of `from` and later lines", () => {
    expect(["2.6.4", "2.7.0", "2.7.2", "2.8.0", "2.8.3", "1.10.19"].filter(at)).toEqual([]);
    expect(["2.7.3", "2.7.4", "2.8.4", "2.8.6", "2.9.0", "2.15.2", "3.0.0"].every(at)).toBe(true);
  });

  it("a gate without listed lines is a plain minimum", () => {
    expect(passesGate({ from: "2.13" }, toVersion("2.12.4")!)).toBe(false);
    expect(passesGate({ from: "2.13" }, toVersion("2.13.0")!)).toBe(true);
  });

  it("every listed patch is a catalogued release of its own line, and every `from` a catalogued line", () => {
    for (const g of Object.values(PATCH_GATES) as PatchGate[]) {
      for (const [line, patch] of Object.entries(g)) {
        if (line === "from") expect(lineIndex(patch), patch).toBeGreaterThanOrEqual(0);
        else expect(isKnownRelease(patch) && patch.startsWith(`${line}.`), patch).toBe(true);
      }
    }
  });

  it("reads out for messages", () => {
    expect(describeGate(gate)).toBe("2.7.3+ on 2.7, 2.8.4+ on 2.8, or 2.9 and later");
    expect(describeGate({ from: "2.13" })).toBe("2.13 and later");
  });
});
