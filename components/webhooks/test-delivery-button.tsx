"use client";
import { Send } from "lucide-react";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { testWebhookDeliveryAction } from "@/lib/actions/webhooks";
import type { TestDeliveryDto } from "@/lib/schemas/webhook";

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
      {result && (
        <div className="mt-1 space-y-1 text-xs" data-testid="test-delivery-result" role={result.ok ? "status" : "alert"}>
          <p className="flex flex-wrap items-center gap-1">
            {result.status !== null ? <Badge tone={result.ok ? "success" : "danger"}>HTTP {result.status}</Badge> : <Badge tone="danger">{result.refused ? "refused" : "no answer"}</Badge>}
            <span className="text-muted">{result.latencyMs} ms</span>
          </p>
          {result.error && <p className="text-danger">{result.error}</p>}
          {Object.keys(result.headers).length > 0 && (
            <details>
              <summary className="cursor-pointer text-muted">Response headers</summary>
              <ul className="font-mono">
                {Object.entries(result.headers).map(([k, v]) => (
                  <li key={k} className="break-all">
                    {k}: {v}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {result.excerpt && (
            <pre tabIndex={0} aria-label="Response body" className="max-h-40 max-w-xs overflow-auto whitespace-pre-wrap break-all rounded bg-surface-muted p-2 font-mono" data-testid="test-delivery-body">
              {result.excerpt}
              {result.truncated ? "\n…" : ""}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
