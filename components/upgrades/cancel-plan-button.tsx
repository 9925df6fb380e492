"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Confirm } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { cancelUpgradePlanAction } from "@/lib/actions/upgrades";

/** `name`: the instance, where several plans' buttons share a page (the Upgrades list and calendar). */
export function CancelPlanButton({ planId, version, name }: { planId: string; version: number; name?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const cancel = () =>
    start(async () => {
      const res = await cancelUpgradePlanAction({ planId, version });
      if ("data" in res) router.refresh();
      else setError("serverError" in res ? res.serverError : (res.message ?? "Could not cancel."));
    });
  return (
    <div className="space-y-2">
      <Confirm
        trigger={
          <Button variant="secondary" size="sm" disabled={pending}>
            Cancel plan
            {name && <span className="sr-only"> of {name}</span>}
          </Button>
        }
        title="Cancel this upgrade plan?"
        description="The plan stays in the list as cancelled, for the record. Plan again to upgrade later."
        confirmLabel="Cancel plan"
        onConfirm={cancel}
        pending={pending}
      />
      {error && <Notice tone="danger">{error}</Notice>}
    </div>
  );
}
