"use client";
import { useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { refreshAllAction } from "@/lib/actions/fleet";
import { fleetKeys } from "@/lib/queries/fleet";
import { useSweep } from "./use-sweep";

/** "Refresh all" (operators and admins): polls every instance now, shows "n of N done", then reloads the view. */
export function RefreshAllButton() {
  const router = useRouter();
  const qc = useQueryClient();
  const [sweepId, setSweepId] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const sweep = useSweep(sweepId, () => {
    void qc.invalidateQueries({ queryKey: fleetKeys.overviews() });
    router.refresh();
  });
  const running = Boolean(sweepId) && !sweep?.finishedAt;

  const run = () =>
    start(async () => {
      const res = await refreshAllAction();
      if ("data" in res) setSweepId(res.data.sweepId);
      else toast.error("serverError" in res ? res.serverError : (res.message ?? "Could not start the round."));
    });

  return (
    <div className="flex items-center gap-3">
      {sweepId && (
        <div
          role="status"
          aria-live="polite"
          data-testid="sweep-progress"
          data-done={sweep?.finishedAt ? "true" : "false"}
          className="flex items-center gap-2 text-sm text-muted"
        >
          {sweep ? (
            <>
              <progress
                className="h-1.5 w-24 overflow-hidden rounded accent-[var(--accent)]"
                max={Math.max(1, sweep.total)}
                value={sweep.finishedAt ? Math.max(1, sweep.total) : sweep.done}
                aria-hidden
              />
              <span className="tabular-nums">{sweep.finishedAt ? `Done: ${sweep.done} of ${sweep.total} polled` : `${sweep.done} of ${sweep.total} done`}</span>
            </>
          ) : (
            "Starting…"
          )}
        </div>
      )}
      <Button size="sm" variant="secondary" onClick={run} disabled={pending || running} data-testid="refresh-all">
        <RefreshCw className={running || pending ? "size-4 animate-spin" : "size-4"} aria-hidden />
        {running ? "Refreshing…" : "Refresh all"}
      </Button>
    </div>
  );
}
