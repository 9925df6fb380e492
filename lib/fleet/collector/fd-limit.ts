import "server-only";
import fs from "node:fs";
import { db } from "../../db";
import { log } from "../../log";
import { allowKeepAlive, keepAliveFor } from "./connections";

/** "Max open files  1024  524288  files" in /proc/<pid>/limits → the soft limit; null when unknown or unlimited. */
export function parseOpenFilesLimit(limits: string): number | null {
  const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(limits);
  return m && m[1] !== "unlimited" ? Number(m[1]) : null;
}

/** Sockets the collector may hold: up to three kept per instance, the polls in flight, and room for the rest. */
export function descriptorsNeeded(instances: number, concurrency: number, keptPerInstance: boolean): number {
  return (keptPerInstance ? instances * 3 : 0) + concurrency * 4 + 256;
}

/** Whether idle connections may be kept across the interval with this soft limit: the fleet's kept sockets fit. */
export function keepAliveFits(softLimit: number | null, instances: number, concurrency: number): boolean {
  return softLimit === null || softLimit >= descriptorsNeeded(instances, concurrency, true);
}

/**
 * At start: keeps idle connections across the interval only when this process's file-descriptor limit holds them
 * (three idle sockets per instance at the 60 s interval), else polls would fail with EMFILE once the fleet grows; and
 * warns when the limit is below what the fleet needs even without them.
 */
export async function checkDescriptorLimit(o: { concurrency: number; intervalSeconds: number }): Promise<void> {
  let soft: number | null = null;
  try {
    soft = parseOpenFilesLimit(fs.readFileSync("/proc/self/limits", "utf8"));
  } catch {
    return; // not Linux: nothing to read
  }
  if (soft === null) return;
  const instances = await db.harborInstance.count();
  const keep = keepAliveFor(o.intervalSeconds) !== undefined;
  if (keep && !keepAliveFits(soft, instances, o.concurrency)) {
    allowKeepAlive(false);
    log.info(
      "collector: connections are not kept between polls: the file-descriptor limit is below what keeping them for this fleet needs (raise it to keep them)",
      {
        limit: soft,
        needed: descriptorsNeeded(instances, o.concurrency, true),
        instances,
      },
    );
  }
  const needed = descriptorsNeeded(instances, o.concurrency, false);
  if (soft < needed) {
    log.warn("collector: the file-descriptor limit is too low for this fleet; raise it (ulimit -n, or LimitNOFILE= in a systemd unit)", {
      limit: soft,
      needed,
      instances,
    });
  }
}
