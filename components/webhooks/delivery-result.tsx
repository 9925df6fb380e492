import { Badge } from "@/components/ui/badge";
import type { TestDeliveryDto } from "@/lib/schemas/webhook-dto";

/** What a receiver answered to a POST from the console (a test delivery or a redelivery), or why nothing was sent. */
export function DeliveryResult({ result, testId }: { result: TestDeliveryDto; testId: string }) {
  return (
    <div className="mt-1 space-y-1 text-xs" data-testid={`${testId}-result`} role={result.ok ? "status" : "alert"}>
      <p className="flex flex-wrap items-center gap-1">
        {result.status !== null ? (
          <Badge tone={result.ok ? "success" : "danger"}>HTTP {result.status}</Badge>
        ) : (
          <Badge tone="danger">{result.refused ? "refused" : "no answer"}</Badge>
        )}
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
        <pre
          tabIndex={0}
          aria-label="Response body"
          className="max-h-40 max-w-xs overflow-auto whitespace-pre-wrap break-all rounded bg-surface-muted p-2 font-mono"
          data-testid={`${testId}-body`}
        >
          {result.excerpt}
          {result.truncated ? "\n…" : ""}
        </pre>
      )}
    </div>
  );
}
