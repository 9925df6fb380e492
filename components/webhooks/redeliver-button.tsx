"use client";
import { RotateCw } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { redeliverWebhookAction } from "@/lib/actions/webhook-redelivery";
import type { TestDeliveryDto } from "@/lib/schemas/webhook";
import { DeliveryResult } from "./delivery-result";

type Props = { instanceId: string; project: string; policyId: number; policyName: string; jobId: number };

/** Re-POSTs the body Harbor kept for one failed delivery, from the console, and shows what the receiver answered. */
export function RedeliverButton({ instanceId, project, policyId, policyName, jobId }: Props) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<TestDeliveryDto>();
  const [error, setError] = useState<string>();
  const run = () =>
    start(async () => {
      setError(undefined);
      const res = await redeliverWebhookAction({ instanceId, project, policyId, jobId });
      if ("data" in res) setResult(res.data);
      else {
        setResult(undefined);
        setError("serverError" in res ? res.serverError : (res.message ?? "The redelivery could not run."));
      }
    });
  return (
    <div>
      <Button variant="ghost" size="sm" onClick={run} disabled={pending} aria-label={`Redeliver delivery ${jobId} of ${policyName}`}>
        <RotateCw className="size-4" aria-hidden /> {pending ? "Sending…" : "Redeliver"}
      </Button>
      {error && (
        <p role="alert" className="text-xs font-medium text-danger">
          {error}
        </p>
      )}
      {result && <DeliveryResult result={result} testId="redelivery" />}
    </div>
  );
}
