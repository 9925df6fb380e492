"use client";
import { Send } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { testWebhookDeliveryAction } from "@/lib/actions/webhooks";
import type { TestDeliveryDto } from "@/lib/schemas/webhook";
import { DeliveryResult } from "./delivery-result";

type Props = { instanceId: string; project: string; policyId: number; policyName: string; target: number; address: string };

/** Sends a sample payload to one target from the console and shows what came back (or why nothing was sent). */
export function TestDeliveryButton({ instanceId, project, policyId, policyName, target, address }: Props) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<TestDeliveryDto>();
  const [error, setError] = useState<string>();
  const run = () =>
    start(async () => {
      setError(undefined);
      const res = await testWebhookDeliveryAction({ instanceId, project, policyId, target });
      if ("data" in res) setResult(res.data);
      else {
        setResult(undefined);
        setError("serverError" in res ? res.serverError : (res.message ?? "The test could not run."));
      }
    });
  return (
    <div className="mt-1">
      <Button variant="ghost" size="sm" onClick={run} disabled={pending} aria-label={`Test delivery to ${address} (${policyName})`}>
        <Send className="size-4" aria-hidden /> {pending ? "Sending…" : "Test delivery"}
      </Button>
      {error && (
        <p role="alert" className="text-xs font-medium text-danger">
          {error}
        </p>
      )}
      {result && <DeliveryResult result={result} testId="test-delivery" />}
    </div>
  );
}
