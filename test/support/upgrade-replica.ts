/**
 * A console replica in a process of its own (as collector-replica.ts) that can also book a maintenance window the way
 * scheduleUpgradePlanAction does: the booking in the database, then the queue's jobs at the window's start and end.
 * With SCHEDULE_PLAN_ID (and SCHEDULE_VERSION, SCHEDULE_START_IN_MS, SCHEDULE_MINUTES) it books that plan's window
 * once ready and prints "scheduled <start ISO>". Prints "replica ready" once it takes work.
 */
import { getCollector } from "../../lib/fleet/collector/runtime";
import { installShutdown } from "../../lib/fleet/collector/shutdown";
import { scheduleUpgradePlan, wakeAt } from "../../lib/fleet/upgrade-windows";

installShutdown({ exit: true });
void getCollector().then(async ({ boss }) => {
  const planId = process.env.SCHEDULE_PLAN_ID;
  if (planId) {
    const start = new Date(Date.now() + Number(process.env.SCHEDULE_START_IN_MS));
    const end = new Date(start.getTime() + Number(process.env.SCHEDULE_MINUTES ?? 60) * 60_000);
    await scheduleUpgradePlan({
      planId,
      version: Number(process.env.SCHEDULE_VERSION),
      start,
      end,
      timeZone: "UTC",
      actor: { id: null, email: "replica@example.com" },
      requestId: "replica",
    });
    await wakeAt(boss, start);
    await wakeAt(boss, end);
    console.log(`scheduled ${start.toISOString()}`);
  }
  console.log("replica ready");
});
