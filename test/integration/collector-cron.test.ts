/**
 * Only a collector that schedules runs pg-boss's cron pass. The schedules are stored in the database, so a collector
 * started without scheduling (a page-only replica, a one-off round, each test's collector) used to turn another
 * process's stored "every minute" into rounds of its own — which took the polls a manual refresh had just asked for
 * (one poll per instance at a time) and left that refresh with nothing to count: done at once, nothing stored yet.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

const configs: { schedule?: boolean }[] = [];
vi.mock("pg-boss", async (importOriginal) => {
  const original = await importOriginal<typeof import("pg-boss")>();
  class RecordingBoss extends original.PgBoss {
    constructor(config: ConstructorParameters<typeof original.PgBoss>[0]) {
      configs.push(typeof config === "string" ? {} : { schedule: config.schedule });
      super(config);
    }
  }
  return { ...original, PgBoss: RecordingBoss };
});

import { QUEUES, startCollector, type Collector } from "@/lib/fleet/collector/collector";

const options = { databaseUrl: process.env.DATABASE_URL!, concurrency: 2, intervalSeconds: 60, timeoutMs: 2_000, retentionDays: 14 };
let collector: Collector | undefined;

afterEach(async () => {
  await collector?.stop();
  collector = undefined;
  configs.length = 0;
});

describe("the cron pass", () => {
  it("is on in a collector that schedules, which stores the schedules", async () => {
    collector = await startCollector({ ...options, schedule: true });
    expect(configs).toEqual([{ schedule: true }]);
    expect((await collector.boss.getSchedules()).map((s) => s.name)).toContain(QUEUES.sweep);
  });

  it("is off in a collector that does not schedule, although the schedules are stored", async () => {
    collector = await startCollector({ ...options, schedule: false });
    expect(configs).toEqual([{ schedule: false }]);
    expect((await collector.boss.getSchedules()).map((s) => s.name)).toContain(QUEUES.sweep);
    // the stored schedules are left to the console that schedules; this database is shared with the other test files
    for (const s of await collector.boss.getSchedules()) await collector.boss.unschedule(s.name, s.key);
  });
});
