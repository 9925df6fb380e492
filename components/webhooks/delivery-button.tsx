"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/schemas/action-result";
import type { TestDeliveryDto } from "@/lib/schemas/webhook-dto";
import { DeliveryResult } from "./delivery-result";

type Props = {
  /** the server action's call: a test delivery or a redelivery */
  send: () => Promise<ActionResult<TestDeliveryDto>>;
  icon: React.ReactNode;
  label: string;
  ariaLabel: string;
  testId: string;
  /** what the error says when the action gave no message */
  failure: string;
  className?: string;
};

/** A button that has the console POST to a webhook target and shows what came back, or why nothing was sent. */
export function DeliveryButton({ send, icon, label, ariaLabel, testId, failure, className }: Props) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<TestDeliveryDto>();
  const [error, setError] = useState<string>();
  const run = () =>
    start(async () => {
      setError(undefined);
      const res = await send();
      if ("data" in res) setResult(res.data);
      else {
        setResult(undefined);
        setError("serverError" in res ? res.serverError : (res.message ?? failure));
      }
    });
  return (
    <div className={className}>
      <Button variant="ghost" size="sm" onClick={run} disabled={pending} aria-label={ariaLabel}>
        {icon} {pending ? "Sending…" : label}
      </Button>
      {error && (
        <p role="alert" className="text-xs font-medium text-danger">
          {error}
        </p>
      )}
      {result && <DeliveryResult result={result} testId={testId} />}
    </div>
  );
}
