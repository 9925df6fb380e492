import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { WEBHOOK_FLAG_STREAK } from "@/lib/schemas/webhook-constants";
import type { FailedDeliveryDto } from "@/lib/schemas/webhook-inventory";
import { DeliveryStatus, whenUtc } from "./delivery-badge";
import { RedeliverButton } from "./redeliver-button";

/**
 * The inbox's rows: one failed delivery each, newest first; target hosts only (a URL's path or query may be a token).
 * `canRedeliver` (operators): Redeliver where Harbor kept the body, else the reason; viewers see neither.
 */
export function FailedDeliveryTable({ rows, canRedeliver }: { rows: FailedDeliveryDto[]; canRedeliver: boolean }) {
  return (
    <Table label="Failed deliveries">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Instance</Th>
          <Th>Project</Th>
          <Th>Policy</Th>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th>Targets</Th>
          {canRedeliver && <Th>Redeliver</Th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`failed-delivery-${r.instanceName}-${r.policyName}`} className="align-top">
            <Td className="whitespace-nowrap">{whenUtc(r.at)}</Td>
            <Td>
              <Link className="text-accent hover:underline" href={`/instances/${r.instanceId}/projects`}>
                {r.instanceName}
              </Link>
            </Td>
            <Td>
              <Link className="text-accent hover:underline" href={`/instances/${r.instanceId}/projects/${encodeURIComponent(r.projectName)}/webhooks`}>
                {r.projectName}
              </Link>
            </Td>
            <Td>
              <span className="font-medium">{r.policyName}</span>
              {r.flagged && (
                <Badge tone="danger" className="ml-1" title={`Its last ${WEBHOOK_FLAG_STREAK} or more deliveries failed`}>
                  failing {r.failingStreak} in a row
                </Badge>
              )}
            </Td>
            <Td className="text-xs">{r.event ?? "—"}</Td>
            <Td>
              <DeliveryStatus status={r.status} ok={false} />
              {r.message && <p className="mt-0.5 max-w-72 break-words text-xs text-muted">{r.message}</p>}
            </Td>
            <Td className="font-mono text-xs">{r.targets.join(", ")}</Td>
            {canRedeliver && (
              <Td>
                {r.jobId !== null && !r.redeliverBlocker ? (
                  <RedeliverButton instanceId={r.instanceId} project={r.projectName} policyId={r.policyId} policyName={r.policyName} jobId={r.jobId} />
                ) : (
                  <p className="max-w-56 text-xs text-muted" data-testid="redeliver-blocked">
                    {r.redeliverBlocker}
                  </p>
                )}
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
