"use client";
import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { refreshWebhookInventoryAction } from "@/lib/actions/webhooks";

/** Re-reads one instance's webhook policies now; says what it found, or why it could not. */
export function RefreshInventoryButton({ instanceId, name }: { instanceId: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const refresh = () =>
    start(async () => {
      const res = await refreshWebhookInventoryAction({ instanceId });
      if ("data" in res)
        setOutcome(
          res.data.ok
            ? {
                ok: true,
                text: `${res.data.policies} polic${res.data.policies === 1 ? "y" : "ies"} read${res.data.truncated ? " (stopped at the cap; the rest not read)" : ""}`,
              }
            : { ok: false, text: res.data.error ?? "failed" },
        );
      else setOutcome({ ok: false, text: "serverError" in res ? res.serverError : (res.message ?? "failed") });
      router.refresh();
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" onClick={refresh} disabled={pending} aria-label={`Refresh webhooks of ${name}`}>
        <RefreshCw className="size-4" aria-hidden /> {pending ? "Refreshing…" : "Refresh"}
      </Button>
      {outcome && (
        <span role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-xs text-muted" : "text-xs font-medium text-danger"}>
          {outcome.text}
        </span>
      )}
    </span>
  );
}
