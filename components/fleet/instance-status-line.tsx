"use client";
import { useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { refreshInstanceAction } from "@/lib/actions/fleet";
import { fleetKeys, type FleetRow } from "@/lib/queries/fleet";
import { formatLatency } from "./format";
import { CheckedAt, CredentialBadge, HealthBadge, VersionBadge } from "./status-badges";
import { useSweep } from "./use-sweep";

/** Health, version, API generation and last poll of one instance, with "Refresh now" for operators. */
export function InstanceStatusLine({ status, canRefresh }: { status: FleetRow; canRefresh: boolean }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [sweepId, setSweepId] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const sweep = useSweep(sweepId, () => {
    void qc.invalidateQueries({ queryKey: fleetKeys.instance(status.id) });
    router.refresh();
  });
  const running = pending || (Boolean(sweepId) && !sweep?.finishedAt);
  const refresh = () =>
    start(async () => {
      const res = await refreshInstanceAction({ instanceId: status.id });
      if ("data" in res) setSweepId(res.data.sweepId);
      else toast.error("serverError" in res ? res.serverError : (res.message ?? "Could not refresh."));
    });

  return (
    <div
      data-testid="instance-health"
      data-health={status.health}
      className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-border bg-surface px-4 py-3 text-sm shadow-sm"
    >
      <HealthBadge health={status.health} className="text-sm" />
      {status.healthWord && <span className="text-xs text-muted">Harbor said &ldquo;{status.healthWord}&rdquo;</span>}
      <CredentialBadge credential={status.credential} />
      <span>
        <span className="text-muted">Version </span>
        {status.harborVersion ? <span className="font-mono">{status.harborVersion}</span> : <span className="text-muted">unknown</span>}
      </span>
      {status.harborVersion && <VersionBadge row={status} planHref={`/upgrades/new?instance=${status.id}`} />}
      <span>
        <span className="text-muted">API </span>
        {status.generationLabel ?? <span className="text-muted">unknown</span>}
      </span>
      <span>
        <span className="text-muted">Latency </span>
        {formatLatency(status.latencyMs)}
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="text-muted">Last checked</span>
        <CheckedAt iso={status.checkedAt} stale={status.stale} since={status.staleSince} reason={status.staleReason} />
      </span>
      {canRefresh && (
        <Button size="sm" variant="secondary" className="ml-auto" onClick={refresh} disabled={running} data-testid="refresh-now">
          <RefreshCw className={running ? "size-4 animate-spin" : "size-4"} aria-hidden />
          {running ? "Refreshing…" : "Refresh now"}
        </Button>
      )}
    </div>
  );
}
