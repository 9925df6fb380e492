import "server-only";
import { env } from "../../env";
import { log } from "../../log";
import type { Collector } from "./collector";

const g = globalThis as unknown as { consoleDraining?: boolean; fleetCollector?: Promise<Collector> };

/** True once this replica has been told to stop: /api/health answers 503 so a load balancer sends it nothing new. */
export function isDraining(): boolean {
  return g.consoleDraining === true;
}

/**
 * SIGTERM/SIGINT for a console process: drain the collector (collector.ts, `drain`) within CONSOLE_DRAIN_SECONDS, then,
 * when this process owns its exit (`exit`: the launcher sets NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to
 * us), exit with 128 + the signal's number. HTTP requests keep being served meanwhile. Installed once per process.
 */
export function installShutdown(opts: { exit: boolean }): void {
  const signals = ["SIGTERM", "SIGINT"] as const;
  let started = false;
  const onSignal = (signal: (typeof signals)[number]) => {
    if (started) return;
    started = true;
    g.consoleDraining = true;
    const graceMs = env().CONSOLE_DRAIN_SECONDS * 1000;
    const t0 = Date.now();
    log.info("stopping: draining the collector", { signal, graceSeconds: env().CONSOLE_DRAIN_SECONDS });
    const drained = (g.fleetCollector ?? Promise.resolve(null))
      .then((c) => c?.drain(graceMs))
      .then((r) => log.info("stopping: collector drained", { ms: Date.now() - t0, handedBack: r?.handedBack ?? 0 }))
      .catch((error: unknown) => log.error("stopping: the collector did not drain cleanly", { error }));
    // pg-boss bounds its own wait by the grace; this bounds everything else (a hung database connection).
    const deadline = new Promise((resolve) => setTimeout(resolve, graceMs + 5_000).unref());
    void Promise.race([drained, deadline]).then(() => {
      if (opts.exit) process.exit(signal === "SIGTERM" ? 143 : 130);
    });
  };
  for (const s of signals) process.on(s, () => onSignal(s));
}
