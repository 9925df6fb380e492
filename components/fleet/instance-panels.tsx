import { ArrowRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { DriftItem, InstanceLive } from "@/lib/queries/fleet";
import { formatUtc } from "./format";

/**
 * What is wrong now and lately: the components the last poll found unhealthy, then the errors of the retention window,
 * each distinct error once with how often and when it was first and last seen (newest first).
 */
export function RecentErrors({ errors, days, unhealthy }: { errors: InstanceLive["errors"]; days: number; unhealthy: { name: string; error?: string }[] }) {
  const window = `${days} day${days === 1 ? "" : "s"}`;
  return (
    <Card data-testid="instance-errors" data-count={errors.length + unhealthy.length}>
      <CardTitle>Recent errors</CardTitle>
      {errors.length === 0 && unhealthy.length === 0 ? (
        <p className="mt-3 text-sm text-muted">No errors in the last {window}.</p>
      ) : (
        <ul className="mt-3 divide-y divide-border text-sm">
          {unhealthy.map((c) => (
            <li key={`component-${c.name}`} className="py-2" data-testid="unhealthy-component">
              <div className="flex items-center justify-between gap-2">
                <Badge tone="warning" className="font-mono">
                  {c.name} unhealthy
                </Badge>
                <span className="text-xs text-muted">at the last poll</span>
              </div>
              {c.error && <p className="mt-1 break-words text-muted">{c.error}</p>}
            </li>
          ))}
          {errors.map((e) => (
            <li key={`${e.kind}-${e.message}`} className="py-2" data-testid="recent-error" data-count={e.count}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="inline-flex items-center gap-2">
                  <Badge tone="danger" className="font-mono">
                    {e.kind}
                  </Badge>
                  {e.count > 1 && <span className="text-xs font-medium">{e.count} polls</span>}
                </span>
                <span className="text-xs text-muted">
                  {e.count > 1 ? (
                    <>
                      first <time dateTime={e.firstAt}>{formatUtc(e.firstAt)}</time> · last <time dateTime={e.lastAt}>{formatUtc(e.lastAt)}</time>
                    </>
                  ) : (
                    <time dateTime={e.lastAt}>{formatUtc(e.lastAt)}</time>
                  )}
                </span>
              </div>
              <p className="mt-1 break-words text-muted">{e.message}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Where the console's record and the live instance disagree, with what to do about it. */
export function DriftList({ drift, reached }: { drift: DriftItem[]; reached: "never" | "not_now" | "yes" }) {
  return (
    <Card data-testid="instance-drift" data-count={drift.length} data-reached={reached}>
      <CardTitle>Drift</CardTitle>
      {reached === "never" ? (
        <p className="mt-3 text-sm text-muted">Not reached yet: drift is compared once the instance has answered a poll.</p>
      ) : reached === "not_now" && drift.length === 0 ? (
        <p className="mt-3 text-sm text-muted">
          Not known: the last poll did not reach the instance, so there is nothing to compare with the console&apos;s record.
        </p>
      ) : drift.length === 0 ? (
        <p className="mt-3 text-sm text-muted">No drift: what the console has recorded matches what the instance reports.</p>
      ) : (
        <ul className="mt-3 divide-y divide-border text-sm">
          {drift.map((d) => (
            <li key={d.field} className="py-2">
              <p className="font-medium">{d.field}</p>
              <p className="mt-1 flex flex-wrap items-center gap-2 font-mono text-xs">
                <span title="recorded">{d.recorded ?? "—"}</span>
                <ArrowRight className="size-3.5 text-muted" aria-label="is live" />
                <span title="live" className="text-warning">
                  {d.live ?? "—"}
                </span>
              </p>
              <p className="mt-1 text-muted">{d.advice}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
