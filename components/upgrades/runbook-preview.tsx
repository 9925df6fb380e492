import { ScrollRegion } from "@/components/ui/scroll-region";

/** The runbook as it downloads; the console never runs any of it. */
export function RunbookPreview({ planId, markdown }: { planId: string; markdown: string }) {
  return (
    <div className="space-y-3 text-sm">
      <p>
        Every step, per hop, for this instance&apos;s hosts and versions, with a restore runbook after it. The console never runs commands on your hosts.{" "}
        <a href={`/api/upgrades/${planId}/runbook`} download className="text-accent underline underline-offset-2">
          Download it as Markdown
        </a>
        .
      </p>
      <details>
        <summary className="cursor-pointer text-muted">Show the runbook here</summary>
        <ScrollRegion label="Runbook" className="mt-2 max-h-[32rem] overflow-auto rounded-md border border-border bg-surface-muted p-3">
          <pre className="whitespace-pre font-mono text-xs" data-testid="runbook-text">
            {markdown}
          </pre>
        </ScrollRegion>
      </details>
    </div>
  );
}
