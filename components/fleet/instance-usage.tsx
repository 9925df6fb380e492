import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { FleetRow } from "@/lib/queries/fleet";
import { countText, PARTIAL_FIX, partialReason, storageText } from "./usage-text";
import { DetailRow } from "@/components/ui/detail-row";

const AUTH_MODE: Record<string, string> = { db_auth: "database", ldap_auth: "LDAP", uaa_auth: "UAA", http_auth: "HTTP auth proxy", oidc_auth: "OIDC" };

/** What the last poll read of the instance's content and settings; a partial view says so, why, and how to fix it. */
export function InstanceUsage({ status }: { status: FleetRow }) {
  const partial = status.usage === "partial";
  const unknown = <span className="text-muted">not known yet</span>;
  return (
    <Card data-testid="instance-usage" data-usage={status.usage ?? "unknown"}>
      <CardTitle>Usage and settings</CardTitle>
      <dl className="mt-3 divide-y divide-border">
        <DetailRow label="Projects">
          {status.usage ? <span data-testid="usage-projects">{countText(status.projectCount, "project", partial)}</span> : unknown}
        </DetailRow>
        <DetailRow label="Repositories">
          {status.usage ? <span data-testid="usage-repos">{countText(status.repoCount, "repository", partial, "repositories")}</span> : unknown}
        </DetailRow>
        <DetailRow label="Storage">{status.usage ? <span data-testid="usage-storage">{storageText(status)}</span> : unknown}</DetailRow>
        <DetailRow label="Auth mode">
          {status.authMode ? <span data-testid="usage-auth-mode">{AUTH_MODE[status.authMode] ?? status.authMode}</span> : unknown}
        </DetailRow>
        <DetailRow label="Read-only">
          {status.readOnly === null ? (
            unknown
          ) : status.readOnly ? (
            <Badge tone="warning">read-only: pushes fail</Badge>
          ) : (
            <span data-testid="usage-read-only">no</span>
          )}
        </DetailRow>
      </dl>
      {partial && (
        <div className="mt-3 space-y-1 rounded-md border border-warning/40 bg-warning-soft p-3 text-sm" data-testid="usage-partial">
          <p className="font-medium">A partial view, not the instance&apos;s totals</p>
          <p>{partialReason(status)}</p>
          <p>{PARTIAL_FIX}</p>
        </div>
      )}
    </Card>
  );
}
