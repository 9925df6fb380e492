"use client";
import { RotateCw } from "lucide-react";
import { redeliverWebhookAction } from "@/lib/actions/webhook-redelivery";
import { DeliveryButton } from "./delivery-button";

type Props = { instanceId: string; project: string; policyId: number; policyName: string; jobId: number };

/** Re-POSTs the body Harbor kept for one failed delivery, from the console, and shows what the receiver answered. */
export function RedeliverButton({ instanceId, project, policyId, policyName, jobId }: Props) {
  return (
    <DeliveryButton
      send={() => redeliverWebhookAction({ instanceId, project, policyId, jobId })}
      icon={<RotateCw className="size-4" aria-hidden />}
      label="Redeliver"
      ariaLabel={`Redeliver delivery ${jobId} of ${policyName}`}
      testId="redelivery"
      failure="The redelivery could not run."
    />
  );
}
