"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { runPreflightAction } from "@/lib/actions/upgrades";
import type { PreflightReport, PreflightStatus } from "@/lib/schemas/upgrade";

const TONE: Record<PreflightStatus, BadgeTone> = { pass: "success", fail: "danger", "cannot-check": "warning" };
const LABEL: Record<PreflightStatus, string> = { pass: "pass", fail: "fail", "cannot-check": "cannot check" };

/** Step 3, Pre-flight: runs live against Harbor on the server and shows the checklist with its evidence. */
export function PreflightPanel({ planId, version, report, canRun }: { planId: string; version: number; report: PreflightReport | null; canRun: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      setError(undefined);
      const res = await runPreflightAction({ planId, version });
      if ("data" in res) router.refresh();
      else setError("serverError" in res ? res.serverError : (res.message ?? "Pre-flight could not run."));
    });
  return (
    <div className="space-y-3">
      {canRun && (
        <Button type="button" onClick={run} disabled={pending}>
          {pending ? "Checking Harbor…" : report ? "Run pre-flight again" : "Run pre-flight"}
        </Button>
      )}
      {error && <Notice tone="danger">{error}</Notice>}
      {report ? (
        <div data-testid="preflight-report">
          <p className="mb-2 text-sm">
            {report.ok ? (
              <span className="font-medium text-success">Pre-flight passed</span>
            ) : (
              <span className="font-medium text-danger">Pre-flight found a reason not to start</span>
            )}{" "}
            <span className="text-muted">
              at {report.at.slice(0, 19).replace("T", " ")} UTC, in {report.durationMs} ms (the calls run concurrently).
            </span>
          </p>
          <ul className="space-y-2">
            {report.checks.map((c) => (
              <li
                key={c.id}
                className="flex flex-col gap-1 rounded-md border border-border p-2 sm:flex-row sm:items-start sm:gap-3"
                data-testid={`preflight-${c.id}`}
              >
                <Badge tone={TONE[c.status]} className="w-fit shrink-0">
                  {LABEL[c.status]}
                </Badge>
                <div className="text-sm">
                  <p className="font-medium">{c.label}</p>
                  <p className="text-muted">{c.evidence}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-muted">Not run yet. It asks Harbor, with the instance&apos;s stored credential, whether it is ready for this plan.</p>
      )}
    </div>
  );
}
