import { WEBHOOK_FAILURES_KEPT } from "../../schemas/webhook-constants";
import type { DeliveryDto } from "../../schemas/webhook-dto";

/** What the inventory keeps of a policy's deliveries and targets: pure, no I/O. */
/** "https://hooks.slack.com/services/T0/B0/token" → "hooks.slack.com": a path or query may hold a token. */
export function targetHost(address: string): string {
  try {
    const host = new URL(address).host;
    return host || "(no host)";
  } catch {
    return "(not a URL)";
  }
}

/** The newest failed deliveries among those read, at most WEBHOOK_FAILURES_KEPT (the inbox's rows for one policy). */
export function recentFailures<T extends DeliveryDto>(newestFirst: T[]): T[] {
  return newestFirst.filter((d) => d.ok === false).slice(0, WEBHOOK_FAILURES_KEPT);
}

export const timeOrNull = (t: string | null) => (t && !Number.isNaN(Date.parse(t)) ? new Date(t) : null);

/** Leading failures, newest first: how many of the latest deliveries failed in a row. */
export function failingStreak(newestFirst: DeliveryDto[]): number {
  let n = 0;
  for (const d of newestFirst) {
    if (d.ok !== false) break;
    n++;
  }
  return n;
}
