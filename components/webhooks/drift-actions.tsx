"use client";
import { RotateCcw, Check } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { adoptWebhookTemplateDriftAction, applyWebhookTemplateAction } from "@/lib/actions/webhook-templates";

type Failed = { serverError: string } | { validationErrors: unknown; message?: string };
const failure = (res: Failed) => ("serverError" in res ? res.serverError : (res.message ?? "The request was refused."));

/** Re-apply the template on the drifted policy's instance, or adopt Harbor's version of it. */
export function DriftActions({
  templateId,
  version,
  drift,
}: {
  templateId: string;
  version: number;
  drift: { id: string; instanceId: string; instanceName: string; project: string };
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const label = `${drift.instanceName} / ${drift.project}`;
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`Re-apply on ${label}`}
        onClick={() =>
          start(async () => {
            const res = await applyWebhookTemplateAction({ id: templateId, instanceId: drift.instanceId, version });
            if (!("data" in res)) return setError(failure(res));
            const mine = res.data.find((r) => r.project === drift.project);
            if (mine?.applied && !mine.applied.ok) return setError(mine.applied.message ?? "Harbor refused the change.");
            toast.success(`Re-applied on ${label}`);
            router.refresh();
          })
        }
      >
        <RotateCcw className="size-4" aria-hidden /> Re-apply
      </Button>
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`Adopt ${label}`}
        onClick={() =>
          start(async () => {
            const res = await adoptWebhookTemplateDriftAction({ driftId: drift.id });
            if (!("data" in res)) return setError(failure(res));
            toast.success(`Kept Harbor's version on ${label}`);
            router.refresh();
          })
        }
      >
        <Check className="size-4" aria-hidden /> Adopt
      </Button>
      {error && (
        <p role="alert" className="w-full text-xs font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
