import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { HopImpact } from "@/lib/config/upgrade-impact";

const KIND_LABEL = { removed: "removed", config: "config", database: "database", migration: "migration", "known-issue": "known issue" } as const;

/** Step 2, Path and impact: one card per hop. */
export function HopImpactList({ hops, instanceId, topologyRevision }: { hops: HopImpact[]; instanceId: string; topologyRevision: number | null }) {
  return (
    <ol className="space-y-4" data-testid="hop-list">
      {hops.map((h, i) => (
        <li key={h.to} className="rounded-md border border-border p-4" data-testid={`hop-${i + 1}`}>
          <h3 className="font-mono text-sm font-semibold">
            Hop {i + 1}: {h.from} → {h.to} <span className="font-sans font-normal text-muted">({h.kind === "patch" ? "patch" : "minor"} upgrade)</span>
          </h3>
          <p className="mt-1 text-sm">{h.reason}</p>
          {h.rules.length > 0 && (
            <p className="mt-1 flex flex-wrap gap-1 text-xs" aria-label="Rules that forced this stop">
              {h.rules.map((r) => (
                <Badge key={r} tone="accent">
                  {r}
                </Badge>
              ))}
            </p>
          )}
          {h.notes.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-muted">
              {h.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          {h.advice.length > 0 && (
            <ul className="mt-3 space-y-2" aria-label={`Breaking changes and known issues of hop ${i + 1}`}>
              {h.advice.map((a) => (
                <li key={a.id} className="text-sm">
                  <Badge tone={a.blocking ? "danger" : a.kind === "removed" || a.kind === "database" ? "warning" : "neutral"}>
                    {a.blocking ? "change topology first" : KIND_LABEL[a.kind]}
                  </Badge>{" "}
                  <span className="font-medium">{a.title}</span>: {a.detail} <span className="text-xs text-muted">Source: {a.source}</span>
                </li>
              ))}
            </ul>
          )}
          {h.chart && (
            <p className={`mt-2 text-sm ${h.chart.ok ? "" : "text-danger"}`}>{h.chart.ok ? `Helm chart ${h.chart.chart} (pinned).` : h.chart.message}</p>
          )}
          <p className="mt-2 text-sm" data-testid={`hop-${i + 1}-topology`}>
            {h.topologyIssues === null ? (
              <span className="text-muted">No topology recorded: the runbook migrates each node&apos;s harbor.yml with prepare migrate. </span>
            ) : h.topologyIssues.length === 0 ? (
              <span className="text-success">
                The recorded topology (revision {topologyRevision}) is valid for {h.to}.{" "}
              </span>
            ) : (
              <span className="text-danger">
                The recorded topology is not valid for {h.to}: {h.topologyIssues.map((x) => `${x.field}: ${x.message}`).join("; ")}{" "}
              </span>
            )}
            <Link href={`/instances/${instanceId}/topology`} className="text-accent underline underline-offset-2">
              Topology tab
            </Link>
          </p>
        </li>
      ))}
    </ol>
  );
}
