import "server-only";
import { env } from "../../env";
import { log } from "../../log";
import { startCollector, type Collector } from "./collector";
import { checkDescriptorLimit } from "./fd-limit";

const g = globalThis as unknown as { fleetCollector?: Promise<Collector> };

function options(work: boolean) {
  const e = env();
  return {
    databaseUrl: e.DATABASE_URL,
    concurrency: e.COLLECTOR_CONCURRENCY,
    intervalSeconds: e.COLLECTOR_INTERVAL_SECONDS,
    timeoutMs: e.COLLECTOR_TIMEOUT_SECONDS * 1000,
    retentionDays: e.COLLECTOR_RETENTION_DAYS,
    webhookInventoryMinutes: e.WEBHOOK_INVENTORY_MINUTES,
    schedule: work,
    work,
  };
}

/**
 * The collector of this console process: polling workers and the schedule when COLLECTOR_ENABLED (default),
 * otherwise a queue handle that only enqueues rounds for other replicas to work. Started once per process.
 */
export function getCollector(): Promise<Collector> {
  g.fleetCollector ??= (async () => {
    const work = env().COLLECTOR_ENABLED === "true";
    const c = await startCollector(options(work));
    if (work) void checkDescriptorLimit({ concurrency: env().COLLECTOR_CONCURRENCY, intervalSeconds: env().COLLECTOR_INTERVAL_SECONDS }).catch(() => {});
    log.info(work ? "collector started" : "collector disabled here (COLLECTOR_ENABLED=false): enqueue only", {
      concurrency: env().COLLECTOR_CONCURRENCY,
      intervalSeconds: env().COLLECTOR_INTERVAL_SECONDS,
    });
    return c; // stopped by shutdown.ts on SIGTERM/SIGINT
  })().catch((e) => {
    g.fleetCollector = undefined;
    throw e;
  });
  return g.fleetCollector;
}
