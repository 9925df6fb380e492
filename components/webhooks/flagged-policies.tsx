import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { WEBHOOK_FLAG_STREAK } from "@/lib/schemas/webhook-constants";
import type { FlaggedPolicyDto } from "@/lib/schemas/webhook-inventory";
import { whenUtc } from "./delivery-badge";

/** Policies whose last WEBHOOK_FLAG_STREAK deliveries all failed: a receiver that is down, not a one-off. */
export function FlaggedPolicies({ policies }: { policies: FlaggedPolicyDto[] }) {
  if (policies.length === 0) return null;
  return (
    <section aria-labelledby="flagged-heading" className="mb-4 rounded-lg border border-danger/40 bg-surface p-3">
      <h2 id="flagged-heading" className="mb-2 flex items-center gap-1.5 text-sm font-semibold">
        <AlertTriangle className="size-4 text-danger" aria-hidden />
        {policies.length} polic{policies.length === 1 ? "y" : "ies"} failing: the last {WEBHOOK_FLAG_STREAK} or more deliveries failed
      </h2>
      <ul className="space-y-1 text-sm" data-testid="flagged-policies">
        {policies.map((p) => (
          <li key={`${p.instanceId}-${p.projectName}-${p.policyName}`} data-testid={`flagged-${p.instanceName}-${p.policyName}`}>
            <Link className="text-accent underline" href={`/instances/${p.instanceId}/projects/${encodeURIComponent(p.projectName)}/webhooks`}>
              {p.instanceName} / {p.projectName} / {p.policyName}
            </Link>{" "}
            <span className="text-muted">
              — {p.failingStreak} in a row, last {whenUtc(p.lastDeliveryAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
