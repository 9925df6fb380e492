/** The usage tiles add Harbor's int64 totals exactly, however many version lines the fleet spreads them over. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { testInstance } from "../support/test-instance";

const run = Math.random().toString(36).slice(2, 7);
const label = `usage=${run}`;

describe("fleet usage totals", () => {
  it("sums storage above 2^53 bytes as one exact sum, not per version line in floating point", async () => {
    // 2^53 + 1 is not a float64: summed per line as floats, the second line's 1 byte would vanish (…992, not …994)
    for (const [key, version, storage] of [
      ["a", "2.15.2", 2n ** 53n + 1n],
      ["b", "2.11.2", 1n],
    ] as const) {
      const instanceId = await testInstance(`fu-${key}-${run}`, { labels: label }, { requestId: "fu" });
      const [maj, min, pat] = version.split(".").map(Number);
      await db.instanceStatus.create({
        data: {
          instanceId,
          health: "healthy",
          credential: "valid",
          credentialKind: "user",
          usagePartial: false,
          harborVersion: version,
          versionLine: `${maj}.${min}`,
          versionNum: maj * 10000 + min * 100 + pat,
          storageBytes: storage,
          projectCount: 3n,
          repoCount: 1n,
          checkedAt: new Date(),
        },
      });
    }
    const { usage } = await getFleetSummary(new Date(), { label });
    expect(usage).toMatchObject({ storageBytes: 9007199254740994, projects: 6, counted: 2, partial: 0 });
    expect(usage.repos).toBe(2);
  });
});
