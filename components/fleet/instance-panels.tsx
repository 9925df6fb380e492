import { ArrowRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { DriftItem, InstanceLive } from "@/lib/queries/fleet";
import { formatUtc } from "./format";

/** The instance's last errors (newest first), from its polls over the retention window. */
export function RecentErrors({ errors, days }: { errors: InstanceLive["errors"]; days: number }) {
  return (
    <Card data-testid="instance-errors" data-count={errors.length}>
      <CardTitle>Recent errors</CardTitle>
      {errors.length === 0 ? (
        <p className="mt-3 text-sm text-muted">
          No errors in the last {days} day{days === 1 ? "" : "s"}.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-border text-sm">
          {errors.map((e) => (
            <li key={`${e.t}-${e.kind}`} className="py-2">
              <div className="flex items-center justify-between gap-2">
                <Badge tone="danger" className="font-mono">
                  {e.kind}
                </Badge>
                <time dateTime={e.t} className="text-xs text-muted">
                  {formatUtc(e.t)}
                </time>
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
export function DriftList({ drift }: { drift: DriftItem[] }) {
  return (
    <Card data-testid="instance-drift" data-count={drift.length}>
      <CardTitle>Drift</CardTitle>
      {drift.length === 0 ? (
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
