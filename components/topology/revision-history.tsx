import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import type { TopologyRevisionSummary } from "@/lib/schemas/topology-actions";

export function RevisionHistory({ instanceId, revisions }: { instanceId: string; revisions: TopologyRevisionSummary[] }) {
  if (revisions.length === 0) return null;
  return (
    <Card className="mt-6" aria-labelledby="revision-history">
      <CardTitle id="revision-history">Revisions</CardTitle>
      <ol className="mt-3 divide-y divide-border text-sm" data-testid="revision-list">
        {revisions.map((r) => (
          <li key={r.revision} className="flex flex-wrap items-baseline gap-x-3 py-2">
            <span className="font-medium">r{r.revision}</span>
            <span className="text-muted">
              {new Date(r.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC · {r.createdBy} · Harbor {r.harborVersion} · {r.deploymentKind}
            </span>
            <span className="min-w-0 flex-1 truncate">{r.message}</span>
            <Link className="text-accent hover:underline" href={`/instances/${instanceId}/config?revision=${r.revision}`}>
              Config
            </Link>
          </li>
        ))}
      </ol>
    </Card>
  );
}
