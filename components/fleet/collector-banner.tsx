"use client";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import type { CollectorStatus } from "@/lib/queries/fleet";
import { formatRelative, formatUtc } from "./format";
import { useNow } from "./use-now";

/**
 * The collector's own trouble, above the fleet: polls the console failed, no completed round, polls waiting or stuck,
 * the database unreachable. Shown only when something is wrong — otherwise the figures below speak for themselves.
 * role="alert", so a screen reader hears it when it appears or changes.
 */
export function CollectorBanner({ status, databaseDown, lastDataAt }: { status: CollectorStatus | null; databaseDown?: boolean; lastDataAt?: number }) {
  const now = useNow();
  const problems = databaseDown
    ? [
        {
          code: "database",
          message: `The console's database is unreachable: nothing is polled or stored until it answers again. The figures below are the last received${lastDataAt ? ` (${formatUtc(new Date(lastDataAt).toISOString())})` : ""}.`,
        },
      ]
    : (status?.problems ?? []);
  if (!problems.length) return null;
  const last = status?.lastRound?.finishedAt;
  return (
    <div role="alert" data-testid="collector-banner" className="rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm text-danger">
      <p className="flex items-center gap-2 font-semibold">
        <SpriteIcon name="triangle-alert" className="size-4 shrink-0" />
        {databaseDown ? "The console's database is unreachable" : "The collector needs attention: what this page shows may be out of date"}
      </p>
      <ul className="mt-1 list-disc space-y-1 pl-6">
        {problems.map((p) => (
          <li key={p.code} data-problem={p.code} className="break-words">
            {p.message}
          </li>
        ))}
      </ul>
      {!databaseDown && status && (
        <p className="mt-2 text-xs">
          Last completed round:{" "}
          {last ? (
            <time dateTime={last} title={formatUtc(last)}>
              {now ? formatRelative(last, now) : formatUtc(last)}
            </time>
          ) : (
            "none yet"
          )}
          {status.queue?.oldestQueuedAt && (
            <>
              {" · "}oldest queued poll:{" "}
              <time dateTime={status.queue.oldestQueuedAt}>
                {now ? formatRelative(status.queue.oldestQueuedAt, now) : formatUtc(status.queue.oldestQueuedAt)}
              </time>
            </>
          )}
          {status.failures.lastHour > 0 && ` · polls failed by the console in the last hour: ${status.failures.lastHour}`}
        </p>
      )}
    </div>
  );
}
