/** The fleet table leads with what is wrong, and the version tiles are filters that agree with their counts. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getFleetRow, listFleet } from "@/lib/fleet/fleet-rows";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { fleetSearch } from "@/lib/queries/fleet";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { testInstance } from "../support/test-instance";

const run = Math.random().toString(36).slice(2, 7);
const label = `order=${run}`;
const ids: Record<string, string> = {};
const params = (over: Record<string, unknown> = {}) => ZFleetParams.parse({ label, ...over });

// Names run against the expected order, so an order by name alone fails.
const rows = [
  { key: "a-healthy", health: "healthy", version: "2.15.2" },
  { key: "b-healthy-2-behind", health: "healthy", version: "2.13.1" },
  { key: "c-healthy-1-behind", health: "healthy", version: "2.14.0" },
  { key: "d-unknown", health: null, version: null },
  { key: "e-credential", health: "healthy", version: "1.10.19", credential: "invalid" },
  { key: "f-degraded", health: "degraded", version: "2.8.6" },
  { key: "g-down", health: "down", version: null, credential: "invalid" },
  { key: "h-down", health: "down", version: null },
] as const;

beforeAll(async () => {
  for (const r of rows) {
    const instanceId = await testInstance(`fo-${r.key}-${run}`, { labels: label }, { requestId: "fo" });
    ids[r.key] = instanceId;
    if (!r.health) continue; // never polled: no status row at all
    const [maj, min, pat] = (r.version ?? "0.0.0").split(".").map(Number);
    await db.instanceStatus.create({
      data: {
        instanceId,
        health: r.health,
        credential: "credential" in r ? r.credential : "valid",
        harborVersion: r.version,
        versionLine: r.version ? `${maj}.${min}` : null,
        versionNum: r.version ? maj * 10000 + min * 100 + pat : null,
        checkedAt: new Date(),
      },
    });
  }
});

const keysOf = (list: { id: string }[]) => list.map((r) => Object.keys(ids).find((k) => ids[k] === r.id));

describe("fleet order and version filters", () => {
  it("orders worst first by default, in SQL: down, degraded, credential problems, unknown, then healthy, by name within each", async () => {
    expect(params().sort).toBe("status");
    expect(keysOf((await listFleet(params())).rows)).toEqual([
      "g-down",
      "h-down",
      "f-degraded",
      "e-credential",
      "d-unknown",
      "a-healthy",
      "b-healthy-2-behind",
      "c-healthy-1-behind",
    ]);
    expect(keysOf((await listFleet(params({ dir: "desc" }))).rows)[0]).toBe("a-healthy");
    // The order holds across pages: the database pages it, not the browser.
    expect(keysOf((await listFleet(params({ sort: "name" }))).rows)[0]).toBe("a-healthy");
  });

  it("the default order stays out of the URL; an explicit order by name is kept", () => {
    expect(fleetSearch(params())).toBe(`label=${encodeURIComponent(label)}`);
    expect(fleetSearch(params({ sort: "name" }))).toContain("sort=name");
  });

  it("'Behind latest' and 'Outside maintained lines' filter the rows their tiles count", async () => {
    const summary = await getFleetSummary(new Date(), { label });
    const behind = await listFleet(params({ behind: "1" }));
    const unmaintained = await listFleet(params({ unmaintained: "1" }));
    expect(keysOf(behind.rows)).toEqual(["f-degraded", "e-credential", "b-healthy-2-behind"]);
    expect(behind.total).toBe(summary.behind);
    expect(keysOf(unmaintained.rows)).toEqual(["f-degraded", "e-credential"]);
    expect(unmaintained.total).toBe(summary.unmaintained);
    expect((await listFleet(params({ behind: "1", unmaintained: "1" }))).total).toBe(2);
  });

  it("a never-polled instance is not stale until its first poll is overdue", async () => {
    const fresh = await getFleetRow(ids["d-unknown"]);
    expect(fresh).toMatchObject({ checkedAt: null, stale: false, staleReason: null });
    expect((await listFleet(params({ stale: "1" }))).total).toBe(0);
    expect((await getFleetSummary(new Date(), { label })).stale).toBe(0);

    await db.harborInstance.update({ where: { id: ids["d-unknown"] }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const overdue = await getFleetRow(ids["d-unknown"]);
    expect(overdue).toMatchObject({ checkedAt: null, stale: true });
    expect(overdue?.staleReason).toMatch(/Never polled/);
    expect(keysOf((await listFleet(params({ stale: "1" }))).rows)).toEqual(["d-unknown"]);
    expect((await getFleetSummary(new Date(), { label })).stale).toBe(1);
  });
});
