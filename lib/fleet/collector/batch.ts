import "server-only";
import { sql } from "../../db";
import { log } from "../../log";
import { listInstancesWithCredentials } from "../instance-credentials";
import { isDatabaseUnavailable, shortError } from "../outage";
import { getOutboundPolicy } from "../settings";
import type { CollectorOptions } from "./collector";
import { failuresOf, flushFailures, recordFailures } from "./failures";
import { HANDED_BACK, pollUnlessDraining } from "./hand-back";
import { databaseAnswered, reportCollectorError } from "./outage-log";
import { pollInstance, type PollResult } from "./poll";
import type { PollJob } from "./queue";
import type { Semaphore } from "./semaphore";
import { writePollResults } from "./store";

/**
 * Polls a batch concurrently (each bounded by its own timeout), then stores all results in one transaction. What the
 * console itself fails — reading the instances, a poll that crashes, a store — is recorded as a console failure for
 * the collector status. With the database unreachable the batch throws, so that pg-boss gives the jobs back once it
 * answers; any other failure would only repeat, so the jobs count as done and the round moves on without them.
 */
export async function pollBatch(
  jobs: PollJob[],
  o: Pick<CollectorOptions, "timeoutMs" | "intervalSeconds">,
  slots: Semaphore = (fn) => fn(),
  drain: { signal?: AbortSignal; handBack?: (jobs: PollJob[]) => Promise<void> } = {},
): Promise<PollResult[]> {
  const giveUp = async (e: unknown, failed: PollJob[], stage: "read" | "store") => {
    await recordFailures(failuresOf(e, failed, { stage }));
    if (isDatabaseUnavailable(e)) {
      reportCollectorError("a batch of polls could not be stored", e, () => sql().query("select 1"));
      throw e;
    }
    log.error(stage === "read" ? "collector: could not read the instances of a batch" : "collector: a batch of polls could not be stored", {
      size: failed.length,
      error: shortError(e),
    });
    await writePollResults({ results: [], jobs, intervalSeconds: o.intervalSeconds }); // the round's progress only
  };
  let targets: Awaited<ReturnType<typeof listInstancesWithCredentials>>;
  let outbound: Awaited<ReturnType<typeof getOutboundPolicy>>;
  try {
    [targets, outbound] = await Promise.all([listInstancesWithCredentials([...new Set(jobs.map((j) => j.instanceId))]), getOutboundPolicy()]);
  } catch (e) {
    await giveUp(e, jobs, "read");
    return [];
  }
  const crashes: { instanceId: string; error: unknown }[] = [];
  const poll = (t: (typeof targets)[number]) => () =>
    pollInstance(t, { timeoutMs: o.timeoutMs, connectTimeoutMs: Math.min(5_000, o.timeoutMs), intervalSeconds: o.intervalSeconds, outbound });
  const outcomes = await Promise.all(
    targets.map((t) =>
      pollUnlessDraining(poll(t), slots, drain.signal).catch((error: unknown) => {
        // A bug must not stall the round: record it against the instance and carry on.
        log.error("collector: poll crashed", { instanceId: t.id, error });
        crashes.push({ instanceId: t.id, error });
        return null;
      }),
    ),
  );
  // Polls that never started (the replica is stopping) go back to the queue, for another replica, and count nowhere here.
  const back = new Set(targets.filter((_, i) => outcomes[i] === HANDED_BACK).map((t) => t.id));
  if (back.size) {
    await drain.handBack?.(jobs.filter((j) => back.has(j.instanceId)));
    jobs = jobs.filter((j) => !back.has(j.instanceId));
  }
  const results = outcomes.filter((r) => r !== HANDED_BACK);
  for (const c of crashes)
    await recordFailures(
      failuresOf(
        c.error,
        jobs.filter((j) => j.instanceId === c.instanceId),
        { kind: "crash" },
      ),
    );
  const done = results.filter((r): r is PollResult => r !== null);
  try {
    await writePollResults({ results: done, jobs, intervalSeconds: o.intervalSeconds });
  } catch (e) {
    const polled = new Set(done.map((r) => r.instanceId));
    await giveUp(
      e,
      jobs.filter((j) => polled.has(j.instanceId)),
      "store",
    );
    return [];
  }
  databaseAnswered();
  void flushFailures().catch(() => {});
  return done;
}
