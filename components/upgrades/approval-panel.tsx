"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { approveUpgradePlanAction } from "@/lib/actions/upgrades";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** Whether the booked window needs an admin's approval, who gave it when, and the admin's Approve button. */
export function ApprovalPanel({ plan, canApprove }: { plan: UpgradePlanDto; canApprove: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const { approval } = plan;
  if (!approval.required) return null;
  const approve = () =>
    start(async () => {
      setError(undefined);
      const res = await approveUpgradePlanAction({ planId: plan.id, version: plan.version });
      if ("data" in res) router.refresh();
      else setError("serverError" in res ? res.serverError : (res.message ?? "Could not approve."));
    });
  return (
    <div className="space-y-2 text-sm" data-testid="approval">
      {approval.at ? (
        <Notice tone="success">
          Approved by {approval.by} at {utc(approval.at)}.
        </Notice>
      ) : plan.state === "scheduled" ? (
        <Notice tone="warning">Needs an admin&apos;s approval before the window starts; unapproved at its start, the plan is blocked.</Notice>
      ) : (
        <p className="text-muted">This window needed an admin&apos;s approval and did not get it.</p>
      )}
      {error && <Notice tone="danger">{error}</Notice>}
      {plan.state === "scheduled" &&
        !approval.at &&
        (canApprove ? (
          <Button type="button" onClick={approve} disabled={pending}>
            {pending ? "Approving…" : "Approve the window"}
          </Button>
        ) : (
          <p className="text-muted">Only an admin can approve it.</p>
        ))}
    </div>
  );
}
