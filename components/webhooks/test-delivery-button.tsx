"use client";
import { Send } from "lucide-react";
import { testWebhookDeliveryAction } from "@/lib/actions/webhooks";
import { DeliveryButton } from "./delivery-button";

type Props = { instanceId: string; project: string; policyId: number; policyName: string; target: number; address: string };

/** Sends a sample payload to one target from the console and shows what came back (or why nothing was sent). */
export function TestDeliveryButton({ instanceId, project, policyId, policyName, target, address }: Props) {
  return (
    <DeliveryButton
      send={() => testWebhookDeliveryAction({ instanceId, project, policyId, target })}
      icon={<Send className="size-4" aria-hidden />}
      label="Test delivery"
      ariaLabel={`Test delivery to ${address} (${policyName})`}
      testId="test-delivery"
      failure="The test could not run."
      className="mt-1"
    />
  );
}
