"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { startUpgradeAction, verifyHopAction } from "@/lib/actions/upgrades";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";

/** Step 6, Run and verify: start inside the window, then verify each hop against Harbor once its runbook steps are done. */
export function RunPanel({ plan, canRun }: { plan: UpgradePlanDto; canRun: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const call = (action: typeof startUpgradeAction) =>
    start(async () => {
      setError(undefined);
      const res = await action({ planId: plan.id, version: plan.version });
      if ("data" in res) router.refresh();
      else setError("serverError" in res ? res.serverError : (res.message ?? "Could not do that."));
    });
  const hops = plan.path.map((to, i) => ({ from: i === 0 ? plan.fromVersion : plan.path[i - 1], to, i }));
  const running = plan.state === "in_progress" || plan.state === "needs_attention";
  const check = plan.lastCheck;
  return (
    <div className="space-y-3 text-sm">
      <ol className="space-y-1" data-testid="run-hops">
        {hops.map((h) => (
          <li key={h.to} className="flex flex-wrap items-center gap-2">
            <span className="font-mono">
              {h.from} → {h.to}
            </span>
            {h.i < plan.hopsVerified ? (
              <Badge tone="success">verified</Badge>
            ) : h.i === plan.hopsVerified && running ? (
              <Badge tone={plan.state === "needs_attention" ? "warning" : "accent"}>{plan.state === "needs_attention" ? "needs attention" : "current"}</Badge>
            ) : (
              <Badge>to do</Badge>
            )}
          </li>
        ))}
      </ol>
      {check && (
        <Notice tone={check.verified ? "success" : "warning"} data-testid="last-check">
          {check.from} → {check.to}, checked {check.at.slice(0, 16).replace("T", " ")} UTC: {check.message}
          {check.restore && (
            <>
              {" "}
              <a href={`/api/upgrades/${plan.id}/runbook`} download className="underline underline-offset-2">
                Download the runbook
              </a>{" "}
              and follow its restore runbook.
            </>
          )}
        </Notice>
      )}
      {plan.state === "completed" && (
        <Notice tone="success">
          Completed: Harbor runs {plan.targetVersion}, every hop verified. Switch Repository Read Only off if the runbook has not yet.
        </Notice>
      )}
      {error && <Notice tone="danger">{error}</Notice>}
      {canRun && plan.state === "ready" && plan.window && (
        <Button type="button" onClick={() => call(startUpgradeAction)} disabled={pending}>
          {pending ? "Starting…" : "Start the upgrade"}
        </Button>
      )}
      {canRun && running && (
        <Button type="button" onClick={() => call(verifyHopAction)} disabled={pending}>
          {pending ? "Asking Harbor…" : `Verify hop ${plan.hopsVerified + 1} now`}
        </Button>
      )}
      {!running && plan.state !== "completed" && (
        <p className="text-muted">
          Once the window is open and the plan ready, an operator starts the upgrade, follows the runbook hop by hop, and verifies each hop here.
        </p>
      )}
    </div>
  );
}
