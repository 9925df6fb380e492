/** The release table is complete, and everything else derives from it (docs/harbor/adding-a-release.md). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXTERNAL_POSTGRES_STEPS, RELEASE_TABLE, type ReleaseRow } from "@/lib/releases";
import { tableProblems } from "./table-problems";

const NEXT: ReleaseRow = {
  line: "2.16",
  firstDate: "2026-09-01",
  latest: [1, "2026-10-01"],
  finals: 2,
  api: "v2.13",
  postgres: ["18", "15"],
  chart: [20, 0],
  externalPostgresMinimum: 14,
  documentedMinimum: "2.13",
  note: "",
};

describe("release table", () => {
  it("has every column filled and consistent for every line", () => {
    expect(tableProblems(RELEASE_TABLE)).toEqual([]);
  });

  it("states the external PostgreSQL minimums once: ≥10 from 2.5, ≥12 from 2.9", () => {
    expect(EXTERNAL_POSTGRES_STEPS).toEqual([
      { line: "2.5", minimum: 10 },
      { line: "2.9", minimum: 12 },
    ]);
  });

  it("accepts a fully added next release", () => {
    expect(tableProblems([...RELEASE_TABLE, NEXT])).toEqual([]);
  });

  it("reports a release added with only its dates", () => {
    const half = { line: "2.16", firstDate: "2026-09-01", latest: [0, "2026-09-01"], finals: 1, note: "" } as unknown as ReleaseRow;
    expect(tableProblems([...RELEASE_TABLE, half])).toEqual([
      "2.16: no api (write null where the release has none)",
      "2.16: no postgres (write null where the release has none)",
      "2.16: no externalPostgresMinimum (write null where the release has none)",
      "2.16: no chart (write null where the release has none)",
      "2.16: no documentedMinimum (write null where the release has none)",
    ]);
  });

  it("reports an API generation no line speaks", () => {
    expect(tableProblems(RELEASE_TABLE.filter((r) => r.api !== "v2.0"))).toContain("API generation v2.0 has no line");
  });

  it.each<[string, Partial<ReleaseRow>, string]>([
    ["no chart decision", { chart: null }, "2.16: no harbor-helm chart mapped (chart: [minor, newest patch])"],
    ["a skipped chart minor", { chart: [21, null] }, "2.16: chart minor 21 does not follow 2.15's 19"],
    ["a chart past the newest patch", { chart: [20, 3] }, "2.16: chart maps patch 3, past the newest 1"],
    ["an older API generation", { api: "v2.8" }, "2.16: API generation v2.8 is older than 2.15's v2.13"],
    ["a PostgreSQL jump the harbor-db cannot make", { postgres: ["19", "17"] }, "2.16.0: bundles PG 19 but upgrades from 17, not 2.15.2's 18"],
    ["a lower external PostgreSQL minimum", { externalPostgresMinimum: null }, "2.16: external PostgreSQL minimum null is below 2.15's 12"],
    ["no documented minimum", { documentedMinimum: null }, "2.16: no documented minimum source line (docs/harbor/upgrade.md §2.1)"],
    ["a wrong finals count", { finals: 1 }, "2.16: finals (1) ≠ newest patch + 1 (2)"],
    ["a first release out of order", { firstDate: "2026-01-01" }, "2.16: first release predates 2.15's"],
  ])("reports %s", (_, change, problem) => {
    expect(tableProblems([...RELEASE_TABLE, { ...NEXT, ...change }])).toEqual([problem]);
  });
});

describe("the other modules derive from the table", () => {
  afterEach(() => {
    vi.doUnmock("@/lib/releases/table");
    vi.resetModules();
  });

  it("a row added to the table reaches the catalog, client, planner, config, Helm and advisor", async () => {
    vi.resetModules();
    vi.doMock("@/lib/releases/table", async (importOriginal) => {
      const real = await importOriginal<typeof import("@/lib/releases/table")>();
      return { ...real, RELEASE_TABLE: [...real.RELEASE_TABLE, NEXT] };
    });
    const releases = await import("@/lib/releases");
    const { editableReleases, featuresFor } = await import("@/lib/config/features");
    const { chartFor, harborForChart } = await import("@/lib/config/helm-chart");
    const { DOCUMENTED_MINIMUM, hopBlockers, hopNotes, planUpgradePath } = await import("@/lib/upgrade");
    const v = releases.toVersion;

    expect(releases.formatRelease(releases.LATEST)).toBe("2.16.1");
    expect(releases.MAINTAINED_LINES).toEqual(["2.14", "2.15", "2.16"]);
    expect(releases.isKnownRelease("2.16.1")).toBe(true);
    expect(releases.generationOf(v("2.16.0")!)).toBe("v2.13");
    expect(releases.GENERATION_LABEL["v2.13"]).toBe("2.13+");
    expect(releases.postgresOf(v("2.16.0")!)).toBe("18");
    expect(releases.postgresAcceptedBy(v("2.16.0")!)).toEqual(["15", "18"]);
    expect(featuresFor("2.16.0")?.postgresMinimum).toBe(14);
    expect(hopNotes(v("2.15.2")!, v("2.16.0")!, { internalDatabase: false })).toContain(
      "external PostgreSQL must be ≥14 from 2.16 (docs/harbor/upgrade.md §3.3)",
    );
    expect(editableReleases().slice(0, 2)).toEqual(["2.16.1", "2.16.0"]);
    expect(featuresFor("2.16.1")?.line).toBe("2.16");
    expect(chartFor("2.16.0")).toEqual({ ok: true, chart: "1.20.0", appVersion: "2.16.0" });
    expect(chartFor("2.16.1")).toMatchObject({ ok: false });
    expect(harborForChart("1.20.0")).toEqual({ ok: true, version: "2.16.0" });
    expect(DOCUMENTED_MINIMUM["2.16"]).toBe("2.13");
    expect(hopBlockers(v("2.12.4")!, v("2.16.0")!).map((b) => b.rule)).toContain("documented-minimum");
    const plan = planUpgradePath("2.15.2");
    expect(plan.ok && releases.formatRelease(plan.to)).toBe("2.16.1");
  });
});
